// The indicator spreadsheet (.xlsx): one row per district (its division code and name), one column
// per indicator (the column heading is the indicator's code). The bureau downloads the template,
// fills it in and uploads it; the browser parses it into `PUT /indicators` figures shown for
// confirmation first. exceljs is loaded only when a sheet is read or written.
import { INDICATOR_CODES } from '@/shared/api/dashboard'
import type { IndicatorValue } from '@/shared/api/indicators'

export interface SheetDistrict {
  unit_id: number
  code: string
  name: string
}

export interface SheetProblem {
  /** 1-based spreadsheet row. */
  row: number
  /** `code`, `unit` or an indicator code. */
  column: string
  kind: 'unknown_district' | 'bad_value' | 'no_columns'
}

export interface ParsedSheet {
  figures: IndicatorValue[]
  problems: SheetProblem[]
}

export const CODE_HEADING = 'code'
export const NAME_HEADING = 'district'

const DECIMAL = /^-?\d+(\.\d{1,2})?$/

/** A cell's value as a decimal string with at most two places; null when empty, undefined when not a number. */
export function cellDecimal(value: unknown): string | null | undefined {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'number') return Number.isFinite(value) ? value.toFixed(2) : undefined
  if (typeof value === 'object' && value !== null && 'result' in value) return cellDecimal((value as { result: unknown }).result)
  const text = String(value).replace(/[,\s]/g, '')
  if (text === '') return null
  return DECIMAL.test(text) ? text : undefined
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object' && 'result' in value) return cellText((value as { result: unknown }).result)
  if (typeof value === 'object' && 'richText' in value) return (value as { richText: { text: string }[] }).richText.map((r) => r.text).join('')
  return String(value).trim()
}

async function excel() {
  const mod = await import('exceljs')
  return (mod as unknown as { default?: typeof mod }).default ?? mod
}

/** Reads the first worksheet into figures; every row or cell it cannot use is reported, none is guessed. */
export async function parseIndicatorSheet(data: ArrayBuffer, districts: readonly SheetDistrict[]): Promise<ParsedSheet> {
  const ExcelJS = await excel()
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(data)
  const sheet = book.worksheets[0]
  const figures: IndicatorValue[] = []
  const problems: SheetProblem[] = []
  if (!sheet) return { figures, problems: [{ row: 1, column: CODE_HEADING, kind: 'no_columns' }] }

  const columns = new Map<number, string>()
  let codeColumn = 0
  sheet.getRow(1).eachCell((cell, col) => {
    const heading = cellText(cell.value)
    if (heading === CODE_HEADING) codeColumn = col
    else if ((INDICATOR_CODES as readonly string[]).includes(heading)) columns.set(col, heading)
  })
  if (codeColumn === 0 || columns.size === 0) return { figures, problems: [{ row: 1, column: CODE_HEADING, kind: 'no_columns' }] }

  const byCode = new Map(districts.map((d) => [d.code, d]))
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return
    const code = cellText(row.getCell(codeColumn).value)
    if (code === '') return
    const district = byCode.get(code)
    if (!district) {
      problems.push({ row: rowNumber, column: CODE_HEADING, kind: 'unknown_district' })
      return
    }
    for (const [col, indicator] of columns) {
      const value = cellDecimal(row.getCell(col).value)
      if (value === undefined) problems.push({ row: rowNumber, column: indicator, kind: 'bad_value' })
      else if (value !== null) figures.push({ unit_id: district.unit_id, indicator, value })
    }
  })
  return { figures, problems }
}

/** The template for a month: the districts with the figures already entered. */
export async function indicatorTemplate(districts: readonly SheetDistrict[], figures: readonly IndicatorValue[]): Promise<Blob> {
  const ExcelJS = await excel()
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('indicators')
  sheet.addRow([CODE_HEADING, NAME_HEADING, ...INDICATOR_CODES])
  for (const d of districts) {
    const values = INDICATOR_CODES.map((code) => {
      const found = figures.find((f) => f.unit_id === d.unit_id && f.indicator === code)
      return found ? found.value : null
    })
    sheet.addRow([d.code, d.name, ...values])
  }
  sheet.getRow(1).font = { bold: true }
  sheet.columns.forEach((column) => {
    column.width = 22
  })
  const buffer = await book.xlsx.writeBuffer()
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
}

// The indicator spreadsheet: a small workbook generated here, parsed as the browser does.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { cellDecimal, indicatorTemplate, parseIndicatorSheet } from '@/console/views/dashboard/indicatorSheet'

const districts = [
  { unit_id: 3, code: '370202', name: '市南区' },
  { unit_id: 4, code: '370215', name: '即墨区' },
]

async function workbook(rows: unknown[][]): Promise<ArrayBuffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('figures')
  for (const row of rows) sheet.addRow(row)
  const buffer = await book.xlsx.writeBuffer()
  return buffer as ArrayBuffer
}

describe('indicator spreadsheet', () => {
  it('reads one figure per filled cell, by district code and indicator column', async () => {
    const data = await workbook([
      ['code', 'district', 'foreign_capital_used', 'domestic_capital_used', 'notes'],
      ['370202', '市南区', 1234.5, '2,000.25', 'ignored'],
      ['370215', '即墨区', null, 77],
      [],
    ])
    const parsed = await parseIndicatorSheet(data, districts)
    expect(parsed.problems).toEqual([])
    expect(parsed.figures).toEqual([
      { unit_id: 3, indicator: 'foreign_capital_used', value: '1234.50' },
      { unit_id: 3, indicator: 'domestic_capital_used', value: '2000.25' },
      { unit_id: 4, indicator: 'domestic_capital_used', value: '77.00' },
    ])
  })

  it('reports unknown districts and bad values instead of guessing', async () => {
    const data = await workbook([
      ['code', 'trade_import'],
      ['999999', 5],
      ['370202', 'abc'],
      ['370215', '1.234'],
    ])
    const parsed = await parseIndicatorSheet(data, districts)
    expect(parsed.figures).toEqual([])
    expect(parsed.problems).toEqual([
      { row: 2, column: 'code', kind: 'unknown_district' },
      { row: 3, column: 'trade_import', kind: 'bad_value' },
      { row: 4, column: 'trade_import', kind: 'bad_value' },
    ])
  })

  it('refuses a sheet without the columns', async () => {
    const parsed = await parseIndicatorSheet(await workbook([['区市', '外资'], ['市南区', 1]]), districts)
    expect(parsed.problems).toEqual([{ row: 1, column: 'code', kind: 'no_columns' }])
  })

  it('reads back its own template', async () => {
    const blob = await indicatorTemplate(districts, [{ unit_id: 4, indicator: 'trade_export', value: '12.30' }])
    const parsed = await parseIndicatorSheet(await blob.arrayBuffer(), districts)
    expect(parsed).toEqual({ figures: [{ unit_id: 4, indicator: 'trade_export', value: '12.30' }], problems: [] })
  })

  it('turns cells into decimal strings with at most two places', () => {
    expect(cellDecimal(3)).toBe('3.00')
    expect(cellDecimal(' 1 234.5 ')).toBe('1234.5')
    expect(cellDecimal({ formula: 'A1+1', result: 2.5 })).toBe('2.50')
    expect(cellDecimal('')).toBeNull()
    expect(cellDecimal(null)).toBeNull()
    expect(cellDecimal('12.345')).toBeUndefined()
    expect(cellDecimal(Number.NaN)).toBeUndefined()
  })
})

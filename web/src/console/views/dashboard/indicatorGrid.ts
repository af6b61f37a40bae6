// The indicator editor's grid: one row per district, one cell per indicator, and back to the
// `PUT /indicators` figures (blank cells left out). The server names a bad figure by its index in
// what was sent (`figures[2].value`), so the grid keeps that order to point at the cell.
import { INDICATOR_CODES } from '@/shared/api/dashboard'
import type { IndicatorValue } from '@/shared/api/indicators'
import type { SheetDistrict } from './indicatorSheet'

export type GridRow = SheetDistrict & { values: Record<string, string> }

export function gridFrom(districts: readonly SheetDistrict[], figures: readonly IndicatorValue[]): GridRow[] {
  return districts.map((d) => ({
    ...d,
    values: Object.fromEntries(INDICATOR_CODES.map((code) => [code, figures.find((f) => f.unit_id === d.unit_id && f.indicator === code)?.value ?? ''])),
  }))
}

export function figuresFrom(grid: readonly GridRow[]): IndicatorValue[] {
  const out: IndicatorValue[] = []
  for (const row of grid) {
    for (const code of INDICATOR_CODES) {
      const value = (row.values[code] ?? '').trim()
      if (value !== '') out.push({ unit_id: row.unit_id, indicator: code, value })
    }
  }
  return out
}

/** `figures[2].value` → the cell key `unit:indicator` of the figure sent at that index. */
export function cellErrors(fields: Readonly<Record<string, string>>, sent: readonly IndicatorValue[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, message] of Object.entries(fields)) {
    const m = /^figures\[(\d+)\]/.exec(key)
    const figure = m ? sent[Number(m[1])] : undefined
    if (figure) out[`${figure.unit_id}:${figure.indicator}`] = message
  }
  return out
}

// Investment-cost figures regrouped for display: per district, per category, and two districts
// side by side.
import { COST_CATEGORIES, documentTitle, inLocale, type CostCategory, type CostRow, type DocumentSummary } from '@/shared/api/documents'

/** A figure with the cost table it was published in (for the 咨询 context). */
export interface CostFigure extends CostRow {
  document_id: number
  document_title: string
  /** The table's region code: districts are listed in code order (市南区 370202 first). */
  region: string
}

/** A figure's texts in the UI language (the English ones where the table has them). */
function localRow(row: CostRow, locale: string): CostRow {
  return { ...row, district: inLocale(row, 'district', locale), item: inLocale(row, 'item', locale), unit: inLocale(row, 'unit', locale), source: inLocale(row, 'source', locale) }
}

/** Every figure of the given cost tables, in the UI language. */
export function costFigures(tables: readonly DocumentSummary[], locale = 'zh-CN'): CostFigure[] {
  return tables.flatMap((doc) =>
    (doc.details?.rows ?? []).map((row) => ({ ...localRow(row, locale), document_id: doc.id, document_title: documentTitle(doc, locale), region: doc.region ?? '' })),
  )
}

/** The districts with figures, in the order of their tables' region codes. */
export function costDistricts(figures: readonly CostFigure[]): string[] {
  const sorted = [...figures].sort((a, b) => a.region.localeCompare(b.region))
  return [...new Set(sorted.map((f) => f.district))]
}

/** One district's figures by category, in the fixed category order (empty categories left out). */
export function byCategory(figures: readonly CostFigure[], district: string): { category: CostCategory; rows: CostFigure[] }[] {
  const mine = figures.filter((f) => f.district === district)
  return COST_CATEGORIES.map((category) => ({ category, rows: mine.filter((f) => f.category === category) })).filter((g) => g.rows.length > 0)
}

export interface ComparedItem {
  category: CostCategory
  item: string
  left: CostFigure | null
  right: CostFigure | null
}

/** The items of two districts side by side (matched on category and item name). */
export function compareDistricts(figures: readonly CostFigure[], left: string, right: string): ComparedItem[] {
  const out: ComparedItem[] = []
  for (const category of COST_CATEGORIES) {
    const items = [...new Set(figures.filter((f) => f.category === category && (f.district === left || f.district === right)).map((f) => f.item))]
    for (const item of items) {
      const find = (district: string) => figures.find((f) => f.category === category && f.item === item && f.district === district) ?? null
      out.push({ category, item, left: find(left), right: find(right) })
    }
  }
  return out
}

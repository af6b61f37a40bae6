// Pure functions over the unit tree (no Vue, no DOM): filtering, counting, grouping, display helpers.
import type { Unit, UnitRef, UnitType } from '@/shared/api/units'

/** Display order of unit types when children are grouped. */
export const TYPE_ORDER: readonly UnitType[] = [
  'city',
  'district',
  'zone',
  'bureau',
  'department',
  'task_force',
  'agency',
  'desk',
]

export interface UnitFilter {
  /** Free text matched against names, code, phone and leading industries. */
  query?: string
  /** Types to keep; empty or missing means all. */
  types?: readonly UnitType[]
}

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

function digits(text: string): string {
  return text.replace(/\D+/g, '')
}

/** True when `unit` matches the (already normalised or raw) text query. An empty query matches. */
export function matchesUnit(
  unit: Pick<Unit, 'name_zh' | 'name_en' | 'code' | 'phone' | 'leading_industries' | 'leading_industries_en'>,
  query: string,
): boolean {
  const q = normalize(query)
  if (!q) return true
  const haystack = [
    unit.name_zh,
    unit.name_en,
    unit.code ?? '',
    unit.phone ?? '',
    ...unit.leading_industries,
    ...(unit.leading_industries_en ?? []),
  ]
  if (haystack.some((s) => normalize(s).includes(q))) return true
  // "0532 8591" should find "0532-85911111".
  const qd = digits(q)
  return qd.length >= 3 && qd.length === q.replace(/[\s\-()+]/g, '').length && !!unit.phone && digits(unit.phone).includes(qd)
}

/**
 * Filters the tree. A unit stays when it matches (text and type) or when one of its descendants
 * does; ancestors stay as context. When a unit below the root matches the text, its whole subtree
 * counts as matching the text (searching a district shows its zones), still subject to the type
 * filter. The root never passes its text match down, or every search would show everything.
 * Returns new objects; the input is not modified.
 */
export function filterUnitTree(tree: readonly Unit[], filter: UnitFilter): Unit[] {
  const query = normalize(filter.query ?? '')
  const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : null
  if (!query && !types) return tree.slice()

  const visit = (unit: Unit, depth: number, inheritedText: boolean): Unit | null => {
    const textOk = inheritedText || matchesUnit(unit, query)
    const typeOk = !types || types.has(unit.type)
    const passDown = textOk && depth > 0 && query !== ''
    const children: Unit[] = []
    for (const child of unit.children) {
      const kept = visit(child, depth + 1, passDown)
      if (kept) children.push(kept)
    }
    if ((textOk && typeOk) || children.length > 0) return { ...unit, children }
    return null
  }

  const out: Unit[] = []
  for (const root of tree) {
    const kept = visit(root, 0, false)
    if (kept) out.push(kept)
  }
  return out
}

/** Depth-first list of every unit in the tree. */
export function flattenUnits(tree: readonly Unit[]): Unit[] {
  const out: Unit[] = []
  const walk = (units: readonly Unit[]) => {
    for (const u of units) {
      out.push(u)
      walk(u.children)
    }
  }
  walk(tree)
  return out
}

/** The units among `units` whose ids are in `only`; all of them when `only` is null. */
export function unitsAmong(units: readonly Unit[], only: readonly number[] | null): Unit[] {
  return only === null ? [...units] : units.filter((u) => only.includes(u.id))
}

/** Ids of every unit below `id` in the tree (not `id` itself); empty when it is not found. */
export function unitsBelow(tree: readonly Unit[], id: number): number[] {
  const find = (units: readonly Unit[]): Unit | null => {
    for (const u of units) {
      if (u.id === id) return u
      const inner = find(u.children)
      if (inner) return inner
    }
    return null
  }
  const root = find(tree)
  return root ? flattenUnits(root.children).map((u) => u.id) : []
}

export function countUnits(tree: readonly Unit[]): number {
  return flattenUnits(tree).length
}

export function countByType(tree: readonly Unit[]): Record<UnitType, number> {
  const counts: Record<UnitType, number> = {
    city: 0,
    district: 0,
    zone: 0,
    department: 0,
    task_force: 0,
    bureau: 0,
    agency: 0,
    desk: 0,
  }
  for (const u of flattenUnits(tree)) counts[u.type] += 1
  return counts
}

export interface TypeGroup {
  type: UnitType
  units: Unit[]
}

/** Groups sibling units by type in `TYPE_ORDER`, keeping the server's order inside a group. */
export function groupByType(units: readonly Unit[]): TypeGroup[] {
  const groups = new Map<UnitType, Unit[]>()
  for (const u of units) {
    const list = groups.get(u.type) ?? []
    list.push(u)
    groups.set(u.type, list)
  }
  return TYPE_ORDER.filter((t) => groups.has(t)).map((type) => ({ type, units: groups.get(type) ?? [] }))
}

/** Every id in the tree that has children (for expanding a filtered tree). */
export function idsWithChildren(tree: readonly Unit[]): number[] {
  return flattenUnits(tree)
    .filter((u) => u.children.length > 0)
    .map((u) => u.id)
}

/** `tel:` URI for a phone number as written ("0532-8591 1111" → "tel:053285911111"); null if none. */
export function telHref(phone: string | null | undefined): string | null {
  if (!phone) return null
  const trimmed = phone.trim()
  // Several numbers ("0532-1234; 0532-5678") — call the first.
  const first = trimmed.split(/[;,，；/、]/)[0] ?? ''
  const plus = first.trim().startsWith('+') ? '+' : ''
  const d = digits(first)
  return d.length >= 3 ? `tel:${plus}${d}` : null
}

export type NameLocale = 'zh-CN' | 'en'

/** The unit's name in the UI language, falling back to the other one. */
export function unitName(unit: Pick<UnitRef, 'name_zh' | 'name_en'>, locale: string): string {
  const en = locale.toLowerCase().startsWith('en')
  return (en ? unit.name_en || unit.name_zh : unit.name_zh || unit.name_en) ?? ''
}

/** The name in the other language (shown smaller), or '' when it is the same or missing. */
export function unitAltName(unit: Pick<UnitRef, 'name_zh' | 'name_en'>, locale: string): string {
  const en = locale.toLowerCase().startsWith('en')
  const alt = en ? unit.name_zh : unit.name_en
  return alt && alt !== unitName(unit, locale) ? alt : ''
}

/** Leading industries in the UI language (English list when the data has one, else Chinese). */
export function unitIndustries(unit: Pick<Unit, 'leading_industries' | 'leading_industries_en'>, locale: string): string[] {
  const en = locale.toLowerCase().startsWith('en')
  if (en && unit.leading_industries_en && unit.leading_industries_en.length > 0) return unit.leading_industries_en
  return unit.leading_industries
}

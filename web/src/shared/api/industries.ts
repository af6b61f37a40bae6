import { http, type RequestOptions } from './http'

export type IndustryKind = 'chain' | 'section'

/** Known chain groups of the default (Qingdao "10+1") taxonomy; other cities may add their own. */
export const INDUSTRY_GROUPS = ['leading', 'emerging', 'advantage', 'future'] as const
export type KnownIndustryGroup = (typeof INDUSTRY_GROUPS)[number]

export interface Industry {
  code: string
  kind: IndustryKind
  name_zh: string
  name_en: string
  /** Chain group such as "leading"; null for GB/T 4754 sections. */
  group: string | null
}

export interface IndustriesResponse {
  items: Industry[]
}

export function fetchIndustries(options?: Pick<RequestOptions, 'signal'>): Promise<IndustriesResponse> {
  return http.get<IndustriesResponse>('/industries', options)
}

export function isKnownGroup(group: string | null): group is KnownIndustryGroup {
  return group !== null && (INDUSTRY_GROUPS as readonly string[]).includes(group)
}

export interface IndustryGroupBlock {
  group: string
  items: Industry[]
}

/** Groups chains by `group`, known groups first in their canonical order, then the rest by name. */
export function groupChains(items: readonly Industry[]): IndustryGroupBlock[] {
  const map = new Map<string, Industry[]>()
  for (const item of items) {
    if (item.kind !== 'chain') continue
    const key = item.group ?? 'other'
    const list = map.get(key) ?? []
    list.push(item)
    map.set(key, list)
  }
  const rank = (g: string) => {
    const i = (INDUSTRY_GROUPS as readonly string[]).indexOf(g)
    return i === -1 ? INDUSTRY_GROUPS.length : i
  }
  return [...map.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([group, list]) => ({ group, items: list }))
}

/** Sections sorted by code (A–T). */
export function sections(items: readonly Industry[]): Industry[] {
  return items.filter((i) => i.kind === 'section').sort((a, b) => a.code.localeCompare(b.code))
}

/** Case-insensitive match on code and both names. */
export function matchesIndustry(item: Industry, query: string): boolean {
  const q = query.trim().toLowerCase()
  if (!q) return true
  return [item.code, item.name_zh, item.name_en].some((s) => s.toLowerCase().includes(q))
}

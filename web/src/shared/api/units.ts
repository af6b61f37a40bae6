import { http, type RequestOptions } from './http'

export const UNIT_TYPES = ['city', 'district', 'zone', 'department', 'task_force', 'bureau', 'agency', 'desk'] as const
export type UnitType = (typeof UNIT_TYPES)[number]

/** A unit as it appears in the tree from `GET /units`. */
export interface Unit {
  id: number
  parent_id: number | null
  code: string | null
  type: UnitType
  name_zh: string
  name_en: string
  phone: string | null
  /** Leading industries in Chinese (the reference list). */
  leading_industries: string[]
  /** The same list in English, where the data set has it (same order). */
  leading_industries_en?: string[]
  /** Stable text key of the unit in the city's reference data (e.g. the GB/T 2260 code). */
  key?: string
  /** Industry chain a task force serves (code from `GET /industries`). */
  chain_code?: string | null
  /** Ranking league the unit competes in (e.g. "district"). */
  league?: string | null
  /** True when the record is demo data that an operator has not confirmed yet. */
  illustrative: boolean
  children: Unit[]
}

/** A unit without its subtree (detail endpoint). `children` may be absent or empty. */
export type UnitSummary = Omit<Unit, 'children'> & { children?: Unit[] }

export interface UnitRef {
  id: number
  name_zh: string
  name_en: string
}

export interface UnitTreeResponse {
  tree: Unit[]
  total: number
}

export interface UnitDetailResponse {
  unit: UnitSummary
  parent: UnitRef | null
  children: UnitSummary[]
}

export function isUnitType(value: string): value is UnitType {
  return (UNIT_TYPES as readonly string[]).includes(value)
}

export function fetchUnitTree(options?: Pick<RequestOptions, 'signal'>): Promise<UnitTreeResponse> {
  return http.get<UnitTreeResponse>('/units', options)
}

export function fetchUnit(id: number, options?: Pick<RequestOptions, 'signal'>): Promise<UnitDetailResponse> {
  return http.get<UnitDetailResponse>(`/units/${encodeURIComponent(String(id))}`, options)
}

/** Fields of `PATCH /admin/units/{id}`; only those given change (`phone: null` clears it). */
export interface UnitChanges {
  name_zh?: string
  name_en?: string
  phone?: string | null
  leading_industries?: string[]
  leading_industries_en?: string[]
}

/** System administrator: change a unit's names, phone or leading industries (`identity:unit:update`). */
export function updateUnit(id: number, changes: UnitChanges): Promise<{ unit: UnitSummary }> {
  return http.patch<{ unit: UnitSummary }>(`/admin/units/${encodeURIComponent(String(id))}`, changes)
}

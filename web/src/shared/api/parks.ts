// Parks (园区, docs/api.md "Parks"): where an investor can settle, each run by a development zone
// or a district, which answers the questions asked on the park's page. Read by anyone; written in
// the console by the park's unit (a lead: also the units below) and the bureau.
import { http, type RequestOptions } from './http'
import { unwrap, type UnitRef } from './documents'
import type { Paged } from './intake'

type Opts = Pick<RequestOptions, 'signal'>

export interface Park {
  id: number
  code: string
  /** In the request's language. */
  name: string
  name_zh: string
  name_en: string
  unit: UnitRef
  district: { code: string | null; name: string }
  location: { lat: number | null; lon: number | null }
  /** Decimal strings, hectares. */
  area_ha: string
  available_land_ha: string
  /** Chain codes, most important first. */
  industries: string[]
  contact: { unit: UnitRef | { id: number }; phone: string | null; tel: string | null }
  summary: string
  summary_zh: string
  summary_en: string
  illustrative: boolean
  /** Set when archived: the park is off the portal, still in the console. */
  archived_at: string | null
  updated_at: string | null
}

/** What the console sends to create a park, or the changed part of one to edit it. */
export interface ParkInput {
  code?: string
  name?: string
  name_en?: string
  unit_id?: number
  /** Decimal strings: degrees, and hectares (at most 2 decimals). */
  lat?: string
  lon?: string
  area_ha?: string
  available_land_ha?: string
  /** "" clears it. */
  contact_phone?: string
  summary?: string
  summary_en?: string
  /** Chain codes, most important first. */
  industries?: string[]
}

export interface ParkQuery {
  q?: string
  /** A district's code: its own parks and its zones'. */
  district?: string
  industry?: string
  /** The console's list: the caller's parks, archived ones too (writers only). */
  include_archived?: 'true' | ''
  page?: number
  page_size?: number
}

export const parksApi = {
  list: (query: ParkQuery, o?: Opts) => http.get<Paged<Park>>('/parks', { ...o, query: { ...query } }),
  get: async (id: number, o?: Opts): Promise<Park> => unwrap<Park>(await http.get<unknown>(parkPath(id), o), 'park'),
  create: async (input: ParkInput): Promise<Park> => unwrap<Park>(await http.post<unknown>('/parks', input), 'park'),
  update: async (id: number, input: ParkInput): Promise<Park> => unwrap<Park>(await http.patch<unknown>(parkPath(id), input), 'park'),
  /** Archive takes the park off the portal; restore brings it back. */
  act: async (id: number, action: 'archive' | 'restore'): Promise<Park> => unwrap<Park>(await http.post<unknown>(parkPath(id, action)), 'park'),
}

function parkPath(id: number, action?: string): string {
  return `/parks/${encodeURIComponent(String(id))}${action ? `/${action}` : ''}`
}

/** A park's summary in the UI language. */
export function parkSummary(park: Pick<Park, 'summary_zh' | 'summary_en'>, locale: string): string {
  return locale === 'en' && park.summary_en ? park.summary_en : park.summary_zh
}

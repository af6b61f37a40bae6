// Parks (园区, docs/api.md "Parks"): where an investor can settle, each run by a development zone
// or a district, which answers the questions asked on the park's page. Read by anyone.
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
}

export interface ParkQuery {
  q?: string
  /** A district's code: its own parks and its zones'. */
  district?: string
  industry?: string
  page?: number
  page_size?: number
}

export const parksApi = {
  list: (query: ParkQuery, o?: Opts) => http.get<Paged<Park>>('/parks', { ...o, query: { ...query } }),
  get: async (id: number, o?: Opts): Promise<Park> => unwrap<Park>(await http.get<unknown>(`/parks/${encodeURIComponent(String(id))}`, o), 'park'),
}

/** A park's summary in the UI language. */
export function parkSummary(park: Pick<Park, 'summary_zh' | 'summary_en'>, locale: string): string {
  return locale === 'en' && park.summary_en ? park.summary_en : park.summary_zh
}

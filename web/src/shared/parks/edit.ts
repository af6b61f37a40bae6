// The console's park form: its values from a park, and what to send — every field for a new
// park, only the changed ones for an edit (the server checks them all and names each bad one).
import type { Park, ParkInput } from '@/shared/api/parks'

export interface ParkFormValues {
  code: string
  name: string
  name_en: string
  unit_id: number | null
  lat: string
  lon: string
  area_ha: string
  available_land_ha: string
  contact_phone: string
  summary: string
  summary_en: string
  industries: string[]
}

export type ParkField = keyof ParkFormValues

export const PARK_FIELDS: readonly ParkField[] = [
  'code',
  'name',
  'name_en',
  'unit_id',
  'lat',
  'lon',
  'area_ha',
  'available_land_ha',
  'contact_phone',
  'summary',
  'summary_en',
  'industries',
]

/** The form of an existing park, or an empty one (the unit then defaults to the caller's). */
export function parkFormValues(park: Park | null): ParkFormValues {
  if (!park) {
    return { code: '', name: '', name_en: '', unit_id: null, lat: '', lon: '', area_ha: '', available_land_ha: '', contact_phone: '', summary: '', summary_en: '', industries: [] }
  }
  return {
    code: park.code,
    name: park.name_zh,
    name_en: park.name_en,
    unit_id: park.unit.id,
    lat: park.location.lat === null ? '' : String(park.location.lat),
    lon: park.location.lon === null ? '' : String(park.location.lon),
    area_ha: park.area_ha,
    available_land_ha: park.available_land_ha,
    contact_phone: park.contact.phone ?? '',
    summary: park.summary_zh,
    summary_en: park.summary_en,
    industries: [...park.industries],
  }
}

function same(a: ParkFormValues[ParkField], b: ParkFormValues[ParkField]): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b
}

/**
 * The body to send: with no `initial` (a new park) every filled field, else only what changed.
 * Texts are trimmed; an empty unit is left to the server's default.
 */
export function parkInput(values: ParkFormValues, initial: ParkFormValues | null): ParkInput {
  const out: Record<string, unknown> = {}
  for (const field of PARK_FIELDS) {
    const raw = values[field]
    const value = typeof raw === 'string' ? raw.trim() : raw
    if (value === null || (initial === null && (value === '' || (Array.isArray(value) && value.length === 0)))) continue
    if (initial !== null && same(value, typeof initial[field] === 'string' ? (initial[field] as string).trim() : initial[field])) continue
    out[field] = value
  }
  return out as ParkInput
}

// The city's district map: a GeoJSON file the set-up scripts fetch (scripts/lib/map_asset.sh) into
// the web app's public folder. It is not part of the repository (the shapes are under AMap's
// terms), so it may be missing: then `loadCityMap` resolves to null and the pages show a table.

/** Where the set-up scripts put the map (served with the web app). */
export const CITY_MAP_URL = '/maps/city.geojson'

/** Codes renamed since the shapes were drawn (GB/T 2260): 即墨市 370282 became 即墨区 370215 in 2017. */
export const RENAMED_CODES: Readonly<Record<string, { code: string; name: string }>> = {
  '370282': { code: '370215', name: '即墨区' },
}

export interface GeoFeature {
  type: 'Feature'
  id?: string | number
  properties: { name?: string; id?: string | number; code?: string | number; [key: string]: unknown }
  geometry: unknown
}

export interface GeoCollection {
  type: 'FeatureCollection'
  features: GeoFeature[]
}

function isCollection(value: unknown): value is GeoCollection {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { type?: unknown; features?: unknown }
  return v.type === 'FeatureCollection' && Array.isArray(v.features)
}

/** A feature's division code, wherever the file keeps it. */
export function featureCode(feature: GeoFeature): string {
  return String(feature.properties.code ?? feature.properties.id ?? feature.id ?? '')
}

/**
 * The shapes keyed by division code: each feature's `name` becomes its code (so figures join on the
 * code, whatever the unit is called in the current language), renamed divisions take their new code.
 */
export function normaliseCityMap(geo: GeoCollection): GeoCollection {
  return {
    type: 'FeatureCollection',
    features: geo.features.map((feature) => {
      const old = featureCode(feature)
      const renamed = RENAMED_CODES[old]
      const code = renamed?.code ?? old
      return { ...feature, id: code, properties: { ...feature.properties, code, name: code, label: renamed?.name ?? feature.properties.name ?? code } }
    }),
  }
}

/** Parses a fetched map; null when it is not a GeoJSON feature collection (e.g. the app's index page). */
export function parseCityMap(text: string): GeoCollection | null {
  try {
    const value: unknown = JSON.parse(text)
    return isCollection(value) && value.features.length > 0 ? normaliseCityMap(value) : null
  } catch {
    return null
  }
}

let pending: Promise<GeoCollection | null> | null = null

/** The city map, fetched once; null when the asset is missing or unreadable. */
export function loadCityMap(fetcher: typeof fetch = (input, init) => globalThis.fetch(input, init)): Promise<GeoCollection | null> {
  pending ??= fetcher(CITY_MAP_URL, { credentials: 'same-origin' })
    .then(async (res) => (res.ok ? parseCityMap(await res.text()) : null))
    .catch(() => null)
  return pending
}

/** Forgets the fetched map (tests). */
export function resetCityMap(): void {
  pending = null
}

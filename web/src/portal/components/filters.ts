// List filters kept in the address bar (so a filtered list can be shared, bookmarked and restored
// with Back): `?region=370212&industry=ic&valid=true&page=2`.
import { computed, reactive, watch, type ComputedRef } from 'vue'
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { useRoute, useRouter } from 'vue-router'

export const FILTER_KEYS = ['q', 'type', 'region', 'dimension', 'industry', 'valid'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]
export type Filters = Record<FilterKey, string> & { page: number }

/** The filters a query names (missing ones empty, page 1 unless a positive number is given). */
export function filtersFromQuery(query: LocationQuery): Filters {
  const text = (key: string) => {
    const value = query[key]
    return typeof value === 'string' ? value : ''
  }
  const page = Number.parseInt(text('page'), 10)
  const out = { page: Number.isFinite(page) && page > 0 ? page : 1 } as Filters
  for (const key of FILTER_KEYS) out[key] = text(key)
  return out
}

/** The query for these filters: empty ones and page 1 left out, other parameters kept. */
export function queryFromFilters(filters: Filters, rest: LocationQuery = {}): LocationQueryRaw {
  const query: LocationQueryRaw = { ...rest }
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim()
    if (value) query[key] = value
    else delete query[key]
  }
  if (filters.page > 1) query.page = String(filters.page)
  else delete query.page
  return query
}

/** True when two filter sets ask for the same list. */
export function sameFilters(a: Filters, b: Filters): boolean {
  return a.page === b.page && FILTER_KEYS.every((key) => a[key] === b[key])
}

/**
 * Filters bound to the address bar: editing them replaces the query (a filter change goes back
 * to page 1), and navigating (Back, a link) updates them. `key` changes whenever a reload is due.
 */
export function useRouteFilters(): { filters: Filters; key: ComputedRef<string>; active: ComputedRef<boolean>; clear: () => void } {
  const route = useRoute()
  const router = useRouter()
  const filters = reactive(filtersFromQuery(route.query))

  watch(
    () => route.query,
    (query) => {
      const next = filtersFromQuery(query)
      if (!sameFilters(next, filters)) Object.assign(filters, next)
    },
  )
  watch(
    () => FILTER_KEYS.map((k) => filters[k]).join('\u0001'),
    () => {
      // A change that came from the address bar keeps its page; one made here starts at page 1.
      const shown = filtersFromQuery(route.query)
      if (FILTER_KEYS.some((k) => shown[k] !== filters[k])) filters.page = 1
    },
  )
  watch(
    () => ({ ...filters }),
    (next) => {
      if (!sameFilters(next, filtersFromQuery(route.query))) void router.replace({ query: queryFromFilters(next, route.query) })
    },
  )

  const key = computed(() => JSON.stringify(filters))
  const active = computed(() => ['region', 'dimension', 'industry', 'valid'].some((k) => filters[k as FilterKey] !== ''))
  function clear(): void {
    for (const k of ['region', 'dimension', 'industry', 'valid'] as const) filters[k] = ''
  }
  return { filters, key, active, clear }
}

/**
 * The validity filter as the document list asks for it: in force (or announced) by default,
 * `all` adds the expired ones, `true` and `false` pass through.
 */
export function validityQuery(valid: string): { valid: string; include_expired: 'true' | '' } {
  return valid === 'all' ? { valid: '', include_expired: 'true' } : { valid, include_expired: '' }
}

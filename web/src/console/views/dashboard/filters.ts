// The dashboards' filters live in the address (period, unit_id, industry, source), so a link or
// "back" keeps them; a figure's drill becomes a link to the key-project list with its query.
import type { LocationQuery, LocationQueryRaw, RouteLocationRaw } from 'vue-router'
import { DASHBOARD_SOURCES, type DashboardFilters } from '@/shared/api/dashboard'

/** `2026`, `2026-Q4` or `2026-11`. */
export const PERIOD_PATTERN = /^\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?$/

function first(value: LocationQuery[string] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v.trim() : ''
}

/** The filters in an address; values the server would refuse are left out. */
export function filtersFromQuery(query: LocationQuery): DashboardFilters {
  const filters: DashboardFilters = {}
  const period = first(query.period)
  if (PERIOD_PATTERN.test(period)) filters.period = period
  const unit = Number(first(query.unit_id))
  if (Number.isInteger(unit) && unit > 0) filters.unit_id = unit
  const industry = first(query.industry)
  if (/^[A-Za-z0-9_-]+$/.test(industry)) filters.industry = industry
  const source = first(query.source)
  if ((DASHBOARD_SOURCES as readonly string[]).includes(source)) filters.source = source
  return filters
}

/** The address query of the filters (empty ones left off, in a stable order). */
export function queryFromFilters(filters: DashboardFilters): LocationQueryRaw {
  const query: Record<string, string> = {}
  if (filters.period) query.period = filters.period
  if (filters.unit_id) query.unit_id = String(filters.unit_id)
  if (filters.industry) query.industry = filters.industry
  if (filters.source) query.source = filters.source
  return query
}

/** The key-project list filtered as a figure's `drill` says; null when the figure has none. */
export function drillLocation(drill: string | null | undefined): RouteLocationRaw | null {
  if (!drill) return null
  const query: Record<string, string | string[]> = {}
  for (const [key, value] of new URLSearchParams(drill.replace(/^\?/, ''))) {
    const earlier = query[key]
    if (earlier === undefined) query[key] = value
    else query[key] = Array.isArray(earlier) ? [...earlier, value] : [earlier, value]
  }
  return { name: 'console-projects', query }
}

/** The periods offered in the filter: this year and last, their quarters, this year's months so far. */
export function periodChoices(today: Date): string[] {
  const year = today.getFullYear()
  const month = today.getMonth() + 1
  const out = [String(year), String(year - 1)]
  for (let q = Math.ceil(month / 3); q >= 1; q -= 1) out.push(`${year}-Q${q}`)
  for (let m = month; m >= 1; m -= 1) out.push(`${year}-${String(m).padStart(2, '0')}`)
  return out
}

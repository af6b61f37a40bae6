// A dashboard figure opens the key-project list with its `drill` query (e.g. `period=2026&
// entered_stage=signed&chain=ict`). The list's own filters take the parameters they know; the rest
// are kept as they are and passed on to `GET /projects`, so the list's total equals the figure.
import type { LocationQuery } from 'vue-router'

/** Values of the list's boolean filters (`campaign=true`); any other value is a drill's. */
const FLAG_VALUES = new Set(['true', 'false'])
const FLAG_FILTERS = new Set(['campaign', 'signed_large'])

/** The address parameters the list's own filters (`known`) do not take, first value of each. */
export function drillFilters(query: LocationQuery, known: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, raw] of Object.entries(query)) {
    const value = Array.isArray(raw) ? raw[0] : raw
    if (typeof value !== 'string' || value === '') continue
    const ownFilter = known.includes(key) && !(FLAG_FILTERS.has(key) && !FLAG_VALUES.has(value))
    if (!ownFilter) out[key] = value
  }
  return out
}

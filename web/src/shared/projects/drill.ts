// A dashboard figure opens the key-project list with its `drill` query (e.g. `period=2026&
// undertaking_unit_id=7&min_stage=signed`). The list's own filters take the parameters they know
// (with values they offer); the rest are kept as they are and passed on to `GET /projects`, so the
// list's total equals the figure.
import type { LocationQuery } from 'vue-router'

/**
 * Values the list's own filters offer, where they are a fixed set: `campaign=true` is the flag but
 * `campaign=<code>` a drill's; `source=meeting` the list's but `source=meeting_outbound` a drill's.
 */
export type OwnValues = Readonly<Record<string, readonly string[]>>

/** The address parameters the list's own filters (`known`) do not take, first value of each. */
export function drillFilters(query: LocationQuery, known: readonly string[], own: OwnValues = {}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, raw] of Object.entries(query)) {
    const value = Array.isArray(raw) ? raw[0] : raw
    if (typeof value !== 'string' || value === '') continue
    const values = own[key]
    const ownFilter = known.includes(key) && (!values || values.includes(value))
    if (!ownFilter) out[key] = value
  }
  return out
}

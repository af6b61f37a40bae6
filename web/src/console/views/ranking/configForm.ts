// The ranking configuration form's state: an editable copy of the configuration and where each
// server message (`metrics[2].weight`, `leagues[0].units[3]`) belongs in it.
import type { RankingConfig } from '@/shared/api/ranking'

/** A deep copy the form can edit without touching the loaded configuration. */
export function editableConfig(config: RankingConfig): RankingConfig {
  return {
    version: config.version,
    usd_cny_rate: config.usd_cny_rate,
    metrics: config.metrics.map((m) => ({ ...m })),
    leagues: config.leagues.map((l) => ({ ...l, units: [...l.units] })),
  }
}

/** What is sent: the version stays out (the server assigns the next one). */
export function configBody(config: RankingConfig): RankingConfig {
  const { version: _version, ...body } = editableConfig(config)
  return body
}

/** Messages of one field and of anything below it (`leagues[0].units` gathers `leagues[0].units[3]`). */
export function messagesAt(fields: Readonly<Record<string, string>>, path: string): string[] {
  return Object.entries(fields)
    .filter(([key]) => key === path || key.startsWith(`${path}[`) || key.startsWith(`${path}.`))
    .map(([, message]) => message)
}

// Names of leagues and metrics: the locale's wording for known codes, the code itself otherwise
// (a city may configure its own).
type Translate = (key: string) => string
type Has = (key: string) => boolean

export function leagueLabel(code: string, t: Translate, te: Has): string {
  return te(`ranking.league.${code}`) ? t(`ranking.league.${code}`) : code
}

export function metricLabel(code: string, t: Translate, te: Has): string {
  return te(`ranking.metric.${code}`) ? t(`ranking.metric.${code}`) : code
}

/** A score or metric value as the server sent it (decimal strings stay as they are). */
export function shownNumber(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value)
}

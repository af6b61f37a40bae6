// Display helpers for server values.
const TIME_ZONE = 'Asia/Shanghai'

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** `2026-11-26T15:04:05+08:00` → `2026-11-26 15:04` (Beijing time; seconds with `seconds`). */
export function formatDateTime(value: string | null | undefined, seconds = false): string {
  if (!value) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  const base = `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
  return seconds ? `${base}:${get('second')}` : base
}

/** A local picker value `2026-11-26T15:04:05` (meant as Beijing time) → RFC 3339 with +08:00. */
export function toBeijingIso(value: string | null | undefined): string | undefined {
  if (!value) return undefined
  return /[+-]\d\d:\d\d$|Z$/.test(value) ? value : `${value}+08:00`
}

/** `Date` → `YYYY-MM-DDTHH:mm:ss` in Beijing time (for default filter values). */
export function beijingLocal(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000)
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`
  )
}

/** Picks the `_zh` or `_en` variant of a bilingual field. */
export function localized(record: object, field: string, locale: string): string {
  const r = record as Record<string, unknown>
  const zh = r[`${field}_zh`]
  const en = r[`${field}_en`]
  const first = locale === 'en' ? en : zh
  const second = locale === 'en' ? zh : en
  if (typeof first === 'string' && first !== '') return first
  return typeof second === 'string' ? second : ''
}

/**
 * A decimal string with its whole part grouped by thousands (`209600.5` → `209,600.5`), exactly:
 * the digits are regrouped as text, never read into a floating-point number. Anything that is not
 * a plain decimal is returned as it is.
 */
export function groupDigits(decimal: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(decimal)
  if (!match) return decimal
  const [, sign, whole = '', fraction = ''] = match
  return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + fraction
}

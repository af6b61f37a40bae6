// Display helpers of the intake pages: deadline countdowns, durations, amounts, stage progress.
import type { Stage } from '@/shared/api/intake'

type Translate = (key: string, named?: Record<string, unknown>) => string

export interface DurationParts {
  days: number
  hours: number
  minutes: number
}

/** Whole days, hours and minutes of a duration (sign ignored; seconds rounded up to a minute). */
export function splitDuration(ms: number): DurationParts {
  const total = Math.ceil(Math.abs(ms) / 60_000)
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 }
}

/** "2 d 3 h", "3 h 5 min", "12 min" — the two largest non-zero parts (locale keys `intake.time.*`). */
export function formatDuration(ms: number, t: Translate): string {
  const { days, hours, minutes } = splitDuration(ms)
  const parts: string[] = []
  if (days > 0) parts.push(t('intake.time.days', { n: days }))
  if (hours > 0) parts.push(t('intake.time.hours', { n: hours }))
  if (minutes > 0 && days === 0) parts.push(t('intake.time.minutes', { n: minutes }))
  if (parts.length === 0) parts.push(t('intake.time.minutes', { n: 0 }))
  return parts.slice(0, 2).join(' ')
}

/** Minutes (as the board gives medians) → a duration text; `—` for null. */
export function formatMinutes(minutes: number | null | undefined, t: Translate): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return t('common.notAvailable')
  return formatDuration(minutes * 60_000, t)
}

export type DueState = 'none' | 'paused' | 'ok' | 'soon' | 'overdue'

/** Less than this before the deadline counts as "soon" (shown in warning colours). */
export const SOON_MS = 2 * 3600_000

export interface DueInfo {
  state: DueState
  /** Milliseconds left (negative when overdue); 0 without a deadline. */
  remainingMs: number
}

/** Where a deadline stands at `now`; the server's `overdue` flag wins over the local clock. */
export function dueInfo(dueAt: string | null | undefined, now: number, flags: { overdue?: boolean; paused?: boolean } = {}): DueInfo {
  if (flags.paused) return { state: 'paused', remainingMs: 0 }
  if (!dueAt) return { state: flags.overdue ? 'overdue' : 'none', remainingMs: 0 }
  const due = new Date(dueAt).getTime()
  if (Number.isNaN(due)) return { state: 'none', remainingMs: 0 }
  const remainingMs = due - now
  if (flags.overdue || remainingMs <= 0) return { state: 'overdue', remainingMs: Math.min(remainingMs, 0) }
  return { state: remainingMs <= SOON_MS ? 'soon' : 'ok', remainingMs }
}

/** "Due in 3 h 5 min" / "Overdue by 12 min" / "Clock paused". */
export function dueText(info: DueInfo, t: Translate): string {
  switch (info.state) {
    case 'paused':
      return t('intake.due.paused')
    case 'overdue':
      return info.remainingMs < 0 ? t('intake.due.overdueBy', { time: formatDuration(info.remainingMs, t) }) : t('intake.due.overdue')
    case 'ok':
    case 'soon':
      return t('intake.due.in', { time: formatDuration(info.remainingMs, t) })
    default:
      return ''
  }
}

/**
 * A decimal amount in currency units, short: `5亿元` / `3000万美元` in Chinese, `CNY 500M` in English.
 */
export function formatMoney(amount: string | null | undefined, currency: string, locale: string): string {
  if (amount === null || amount === undefined || amount === '') return ''
  const value = Number(amount)
  if (!Number.isFinite(value)) return `${amount} ${currency}`
  const en = locale.toLowerCase().startsWith('en')
  const compact = new Intl.NumberFormat(en ? 'en' : 'zh-CN', { notation: 'compact', maximumFractionDigits: 2 }).format(value)
  if (en) return `${currency} ${compact}`
  const suffix: Record<string, string> = { CNY: '元', USD: '美元' }
  return `${compact}${suffix[currency] ?? ` ${currency}`}`
}

/** Percentage with one decimal (`92.4 %`); accepts 0–1 fractions or 0–100 values. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  const pct = rate >= 0 && rate <= 1 ? rate * 100 : rate
  return `${(Math.round(pct * 10) / 10).toFixed(1)}%`
}

/** Index of `code` among the stages in order (−1 when unknown or unset). */
export function stageIndex(stages: readonly Stage[], code: string | null | undefined): number {
  if (!code) return -1
  const ordered = [...stages].sort((a, b) => a.position - b.position)
  return ordered.findIndex((s) => s.code === code || s.name_zh === code || s.name_en === code)
}

/** The industry's name in the UI language from the reference list, or the code itself. */
export function industryLabel(code: string | null | undefined, items: readonly { code: string; name_zh: string; name_en: string }[], locale: string): string {
  if (!code) return ''
  const found = items.find((i) => i.code === code)
  if (!found) return code
  return locale.toLowerCase().startsWith('en') ? found.name_en || found.name_zh : found.name_zh || found.name_en
}

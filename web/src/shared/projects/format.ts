// Display helpers of the key-project pages: freshness, lights, the source, and the CSV export of a
// filtered list.
import type { ProjectSummary } from '@/shared/api/projects'
import { industryLabel } from '@/shared/intake/format'

type Translate = (key: string, named?: Record<string, unknown>) => string
type HasKey = (key: string) => boolean

/** Days without a dispatch record from which a project shows as ageing, then as stale. */
export const AGEING_DAYS = 14
export const STALE_DAYS = 30

/** The choices of the "not updated for at least" filter. */
export const STALE_FILTER_DAYS = [7, 14, 30, 60, 90] as const

export type FreshnessLevel = 'fresh' | 'ageing' | 'stale'

export function freshnessLevel(days: number): FreshnessLevel {
  if (days >= STALE_DAYS) return 'stale'
  if (days >= AGEING_DAYS) return 'ageing'
  return 'fresh'
}

/** "Updated today" / "Updated 3 days ago". */
export function freshnessText(days: number, t: Translate): string {
  return days <= 0 ? t('dispatch.freshness.today') : t('dispatch.freshness.days', { n: days })
}

/** A label from `dispatch.<group>.<code>`, or the code itself for values this build does not know. */
export function codeLabel(group: string, code: string | null | undefined, t: Translate, te: HasKey): string {
  if (!code) return ''
  const key = `dispatch.${group}.${code}`
  return te(key) ? t(key) : code
}

/** One CSV field: quoted when it holds a comma, quote or line break; formula starts neutralised. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  // A spreadsheet would run =, +, - or @ at the start as a formula.
  if (/^[=+\-@]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(',')
}

export interface CsvContext {
  t: Translate
  te: HasKey
  locale: string
  industries: readonly { code: string; name_zh: string; name_en: string }[]
}

/** The list as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese right). */
export function projectsCsv(items: readonly ProjectSummary[], ctx: CsvContext): string {
  const { t, te } = ctx
  const head = [
    'id',
    'name',
    'codeName',
    'company',
    'industry',
    'investment',
    'currency',
    'undertakingUnit',
    'collaboratingUnits',
    'stage',
    'source',
    'signedLarge',
    'campaign',
    'light',
    'freshnessDays',
    'lastUpdate',
  ].map((k) => t(`dispatch.csv.${k}`))
  const yes = t('dispatch.csv.yes')
  const lines = items.map((p) =>
    csvLine([
      p.id,
      p.name,
      p.code_name,
      p.company,
      industryLabel(p.industry, ctx.industries, ctx.locale),
      p.investment_total,
      p.currency,
      p.undertaking_unit?.name,
      p.collaborating_units.map((u) => u.name).join('、'),
      p.stage_name,
      codeLabel('source', p.source, t, te),
      p.flags.signed_large ? yes : '',
      p.flags.campaign ? yes : '',
      codeLabel('light', p.light, t, te),
      p.freshness_days,
      p.last_update_at,
    ]),
  )
  return `\uFEFF${[csvLine(head), ...lines].join('\r\n')}\r\n`
}

/** Offers text as a file download. */
export function downloadText(text: string, filename: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(new Blob([text], { type }), filename)
}

/** Saves a file made in the browser (an export, a template) under `filename`. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** Sum of decimal amounts (at most two decimals each) per currency, exact (no floating point). */
export function sumByCurrency(items: readonly { amount: string; currency: string }[]): { currency: string; amount: string }[] {
  const cents = new Map<string, bigint>()
  for (const item of items) {
    const [whole = '0', fraction = ''] = item.amount.split('.')
    if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) continue
    const value = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2))
    cents.set(item.currency, (cents.get(item.currency) ?? 0n) + value)
  }
  return [...cents.entries()].map(([currency, total]) => {
    const rest = (total % 100n).toString().padStart(2, '0').replace(/0+$/, '')
    const whole = (total / 100n).toString()
    return { currency, amount: rest ? `${whole}.${rest}` : whole }
  })
}

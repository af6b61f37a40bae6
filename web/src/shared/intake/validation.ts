// Client-side checks of the intent form, mirroring the server's rules for `POST /intents` so that
// investors see a problem before sending (the server still decides; its field messages are shown
// as they come). Each check returns a locale key (under `validation.` or `intake.validation.`) or null.
import { checkOptionalCreditCode, checkPhone, type ValidationKey } from '@/shared/auth/validation'
import { CAPITAL_TYPES, CURRENCIES, type IntentInput } from '@/shared/api/intake'

export type IntakeKey = ValidationKey | `intake.validation.${string}`

/** Server limits, in UTF-8 bytes as the server counts them. */
export const INTENT_LIMITS = { title: 200, company: 200, contact_name: 100, description: 5000 } as const
export const MAX_JOBS = 10_000_000
/** The form asks for the investment in units of 10,000 (万) of the currency. */
export const INVESTMENT_SCALE_DIGITS = 4

export function utf8Length(value: string): number {
  return new TextEncoder().encode(value).length
}

export function checkText(value: string, maxBytes: number): IntakeKey | null {
  const v = value.trim()
  if (v === '') return 'validation.required'
  return utf8Length(v) > maxBytes ? 'intake.validation.tooLong' : null
}

const DECIMAL_RE = /^(0|[1-9]\d*)(\.\d+)?$/

/**
 * `value` × 10^digits as a plain decimal string without float arithmetic ("1.5", 4 → "15000");
 * null when `value` is not a non-negative decimal number.
 */
export function scaleDecimal(value: string, digits: number): string | null {
  const v = value.trim()
  if (!DECIMAL_RE.test(v)) return null
  const [whole = '0', fraction = ''] = v.split('.')
  const shifted = fraction.padEnd(digits, '0')
  let intPart = (whole + shifted.slice(0, digits)).replace(/^0+(?=\d)/, '')
  const rest = shifted.slice(digits).replace(/0+$/, '')
  if (intPart === '') intPart = '0'
  return rest ? `${intPart}.${rest}` : intPart
}

/** The investment typed in 万 → the API's decimal string in currency units (null when invalid). */
export function investmentFromTenThousands(value: string): string | null {
  return scaleDecimal(value, INVESTMENT_SCALE_DIGITS)
}

function fractionDigits(decimal: string): number {
  const dot = decimal.indexOf('.')
  return dot < 0 ? 0 : decimal.length - dot - 1
}

/** Investment in 万: a positive decimal whose value in currency units has at most 2 decimals and 16 integer digits. */
export function checkInvestment(value: string): IntakeKey | null {
  if (value.trim() === '') return 'validation.required'
  const units = investmentFromTenThousands(value)
  if (units === null || fractionDigits(units) > 2) return 'intake.validation.amount'
  if (/^0(\.0*)?$/.test(units)) return 'intake.validation.amountPositive'
  const intDigits = units.split('.')[0]?.length ?? 0
  return intDigits > 16 ? 'intake.validation.amountTooLarge' : null
}

/** Optional land area in mu: a decimal with at most two decimals. */
export function checkLandMu(value: string): IntakeKey | null {
  const v = value.trim()
  if (v === '') return null
  return DECIMAL_RE.test(v) && fractionDigits(v) <= 2 && v.split('.')[0]!.length <= 16 ? null : 'intake.validation.decimal'
}

/** Optional number of jobs: a whole number from 0 to 10,000,000. */
export function checkJobs(value: string): IntakeKey | null {
  const v = value.trim()
  if (v === '') return null
  if (!/^\d+$/.test(v)) return 'intake.validation.wholeNumber'
  return Number(v) <= MAX_JOBS ? null : 'intake.validation.jobsRange'
}

export function checkChoice(value: string, allowed: readonly string[]): IntakeKey | null {
  if (value === '') return 'validation.required'
  return allowed.includes(value) ? null : 'intake.validation.invalidChoice'
}

/** What the intent form holds (strings as typed). */
export interface IntentFormModel {
  title: string
  company: string
  credit_code: string
  contact_name: string
  contact_phone: string
  industry: string
  investment: string
  currency: string
  capital_type: string
  preferred_units: number[]
  land_mu: string
  jobs: string
  description: string
}

export type IntentField = keyof IntentInput

export function emptyIntentForm(): IntentFormModel {
  return {
    title: '',
    company: '',
    credit_code: '',
    contact_name: '',
    contact_phone: '',
    industry: '',
    investment: '',
    currency: 'CNY',
    capital_type: 'domestic',
    preferred_units: [],
    land_mu: '',
    jobs: '',
    description: '',
  }
}

/** Field → problem (locale key) for every failing field, keyed by the API's field names. */
export function validateIntent(form: IntentFormModel): Partial<Record<IntentField, IntakeKey | null>> {
  return {
    title: checkText(form.title, INTENT_LIMITS.title),
    company: checkText(form.company, INTENT_LIMITS.company),
    credit_code: checkOptionalCreditCode(form.credit_code),
    contact_name: checkText(form.contact_name, INTENT_LIMITS.contact_name),
    contact_phone: checkPhone(form.contact_phone),
    industry: form.industry.trim() === '' ? 'validation.required' : null,
    investment_total: checkInvestment(form.investment),
    currency: checkChoice(form.currency, CURRENCIES),
    capital_type: checkChoice(form.capital_type, CAPITAL_TYPES),
    land_mu: checkLandMu(form.land_mu),
    jobs: checkJobs(form.jobs),
    description: checkText(form.description, INTENT_LIMITS.description),
  }
}

/** The request body for a valid form. */
export function intentBody(form: IntentFormModel): IntentInput {
  const body: IntentInput = {
    title: form.title.trim(),
    company: form.company.trim(),
    contact_name: form.contact_name.trim(),
    contact_phone: form.contact_phone.trim(),
    industry: form.industry,
    investment_total: investmentFromTenThousands(form.investment) ?? form.investment.trim(),
    currency: form.currency as IntentInput['currency'],
    capital_type: form.capital_type as IntentInput['capital_type'],
    description: form.description.trim(),
  }
  const code = form.credit_code.trim().toUpperCase()
  if (code) body.credit_code = code
  if (form.preferred_units.length > 0) body.preferred_units = [...form.preferred_units]
  if (form.land_mu.trim()) body.land_mu = form.land_mu.trim()
  if (form.jobs.trim()) body.jobs = Number(form.jobs.trim())
  return body
}

export interface FileLike {
  name: string
  size: number
  type: string
}

const ATTACHMENT_EXT = /\.(pdf|png|jpe?g|webp)$/i
const ATTACHMENT_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp'])

/** A file the form may attach: PDF or image by name or type, not empty, at most `maxBytes`. */
export function checkAttachment(file: FileLike, maxBytes: number): IntakeKey | null {
  if (!ATTACHMENT_EXT.test(file.name) && !ATTACHMENT_TYPES.has(file.type)) return 'intake.validation.fileType'
  if (file.size === 0) return 'intake.validation.fileEmpty'
  return file.size > maxBytes ? 'intake.validation.fileTooBig' : null
}

/** `12.3 MB`, `850 KB`, `120 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} B`
}

export interface AttachmentProblem {
  /** Locale key of the problem (`intake.validation.file*`). */
  key: IntakeKey
  /** The file it is about (empty for the count limit). */
  name: string
}

/**
 * Which of the chosen files may be uploaded to an intent that already has `existing` attachments:
 * each checked with `checkAttachment`, and no more than `maxCount` in all. Problems are listed in
 * the order of the files; the count limit is named once.
 */
export function pickAttachments<T extends FileLike>(
  chosen: readonly T[],
  existing: number,
  maxCount: number,
  maxBytes: number,
): { accepted: T[]; problems: AttachmentProblem[] } {
  const accepted: T[] = []
  const problems: AttachmentProblem[] = []
  let full = false
  for (const file of chosen) {
    const problem = checkAttachment(file, maxBytes)
    if (problem) {
      problems.push({ key: problem, name: file.name })
      continue
    }
    if (existing + accepted.length >= maxCount) {
      if (!full) problems.push({ key: 'intake.validation.fileCount', name: '' })
      full = true
      continue
    }
    accepted.push(file)
  }
  return { accepted, problems }
}

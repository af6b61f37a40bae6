// The unit edit form without Vue: initial values, client-side checks that mirror the server's
// rules for `PATCH /admin/units/{id}`, and the request body (only the fields that changed).
import type { Unit, UnitChanges, UnitSummary } from '@/shared/api/units'
import type { ValidationKey } from '@/shared/auth/validation'

/** Limits of the server (lengths in UTF-8 bytes, as it counts them). */
export const UNIT_NAME_MAX_BYTES = 200
export const UNIT_PHONE_RE = /^[0-9+() -]{3,30}$/
export const INDUSTRY_LIST_MAX = 20
export const INDUSTRY_MAX_BYTES = 100

export interface UnitFormValues {
  name_zh: string
  name_en: string
  phone: string
  leading_industries: string[]
  leading_industries_en: string[]
}

export type UnitField = keyof UnitFormValues

export const UNIT_FIELDS: readonly UnitField[] = ['name_zh', 'name_en', 'phone', 'leading_industries', 'leading_industries_en']

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length
}

export function unitFormValues(unit: Pick<Unit | UnitSummary, UnitField>): UnitFormValues {
  return {
    name_zh: unit.name_zh,
    name_en: unit.name_en ?? '',
    phone: unit.phone ?? '',
    leading_industries: [...unit.leading_industries],
    leading_industries_en: [...(unit.leading_industries_en ?? [])],
  }
}

/** Trims the items, drops empty ones and repeats (keeping the first), keeps the order. */
export function cleanIndustries(items: readonly string[] | null | undefined): string[] {
  const out: string[] = []
  for (const raw of items ?? []) {
    const item = raw.replace(/\s+/g, ' ').trim()
    if (item !== '' && !out.includes(item)) out.push(item)
  }
  return out
}

export function checkUnitName(value: string): ValidationKey | null {
  const v = value.trim()
  if (v === '') return 'validation.required'
  return utf8Length(v) > UNIT_NAME_MAX_BYTES ? 'validation.unitNameLong' : null
}

/** An empty phone is fine (it removes the number). */
export function checkUnitPhone(value: string): ValidationKey | null {
  const v = value.trim()
  if (v === '') return null
  return UNIT_PHONE_RE.test(v) ? null : 'validation.unitPhone'
}

export function checkIndustries(items: readonly string[]): ValidationKey | null {
  if (items.length > INDUSTRY_LIST_MAX) return 'validation.industriesTooMany'
  if (items.some((s) => s.trim() === '' || utf8Length(s.trim()) > INDUSTRY_MAX_BYTES)) return 'validation.industryLong'
  return null
}

/** The body to send: the fields whose (trimmed) value differs from the unit's; `{}` when none. */
export function unitChanges(initial: UnitFormValues, values: UnitFormValues): UnitChanges {
  const changes: UnitChanges = {}
  const nameZh = values.name_zh.trim()
  if (nameZh !== initial.name_zh) changes.name_zh = nameZh
  const nameEn = values.name_en.trim()
  if (nameEn !== initial.name_en) changes.name_en = nameEn
  const phone = values.phone.trim()
  if (phone !== initial.phone) changes.phone = phone === '' ? null : phone
  const zh = cleanIndustries(values.leading_industries)
  if (!sameList(zh, initial.leading_industries)) changes.leading_industries = zh
  const en = cleanIndustries(values.leading_industries_en)
  if (!sameList(en, initial.leading_industries_en)) changes.leading_industries_en = en
  return changes
}

export function changedFields(changes: UnitChanges): UnitField[] {
  return UNIT_FIELDS.filter((f) => f in changes)
}

/**
 * Checks of the fields that will be sent. The Chinese name is always required; the English name
 * only once it is changed (some units have none yet, and an unchanged field is not sent).
 */
export function validateUnitForm(initial: UnitFormValues, values: UnitFormValues): Partial<Record<UnitField, ValidationKey | null>> {
  const changes = unitChanges(initial, values)
  return {
    name_zh: checkUnitName(values.name_zh),
    name_en: 'name_en' in changes ? checkUnitName(values.name_en) : null,
    phone: checkUnitPhone(values.phone),
    leading_industries: checkIndustries(cleanIndustries(values.leading_industries)),
    leading_industries_en: checkIndustries(cleanIndustries(values.leading_industries_en)),
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i])
}

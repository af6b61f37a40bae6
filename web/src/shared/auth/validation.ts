// Client-side checks for the identity forms. They mirror the server's rules so that people see a
// problem before sending; the server still decides (its field messages are shown as they come).
// Each check returns a locale key (under `validation.`) or null when the value is fine.

export const PHONE_RE = /^1[3-9]\d{9}$/
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
export const TOTP_RE = /^\d{6}$/
export const LOGIN_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/
export const MIN_PASSWORD_LENGTH = 8

export type ValidationKey = `validation.${string}`

export function required(value: string): ValidationKey | null {
  return value.trim() === '' ? 'validation.required' : null
}

export function checkPhone(value: string): ValidationKey | null {
  const v = value.trim()
  if (v === '') return 'validation.required'
  return PHONE_RE.test(v) ? null : 'validation.phone'
}

export function checkEmail(value: string): ValidationKey | null {
  const v = value.trim()
  if (v === '') return 'validation.required'
  return EMAIL_RE.test(v) && v.length <= 254 ? null : 'validation.email'
}

export function checkOptionalPhone(value: string): ValidationKey | null {
  return value.trim() === '' ? null : checkPhone(value)
}

export function checkOptionalEmail(value: string): ValidationKey | null {
  return value.trim() === '' ? null : checkEmail(value)
}

export function checkLoginName(value: string): ValidationKey | null {
  const v = value.trim()
  if (v === '') return 'validation.required'
  return LOGIN_NAME_RE.test(v) ? null : 'validation.loginName'
}

export function checkPassword(value: string): ValidationKey | null {
  if (value === '') return 'validation.required'
  return value.length >= MIN_PASSWORD_LENGTH ? null : 'validation.passwordShort'
}

export function checkTotp(value: string): ValidationKey | null {
  const v = value.replace(/\s/g, '')
  if (v === '') return 'validation.required'
  return TOTP_RE.test(v) ? null : 'validation.totp'
}

export function checkConfirm(password: string, confirm: string): ValidationKey | null {
  if (confirm === '') return 'validation.required'
  return password === confirm ? null : 'validation.passwordMismatch'
}

// Unified social credit code (GB 32100-2015): 18 characters from this alphabet, the last one a
// check character over the first 17 with these weights.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** The check character for the first 17 characters of a credit code, or null if one is invalid. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_ALPHABET.indexOf(first17.charAt(i))
    if (v < 0) return null
    sum += v * (CREDIT_WEIGHTS[i] ?? 0)
  }
  const check = (31 - (sum % 31)) % 31
  return CREDIT_ALPHABET.charAt(check)
}

export function isValidCreditCode(value: string): boolean {
  const v = value.trim().toUpperCase()
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v)) return false
  return creditCodeCheckChar(v.slice(0, 17)) === v.charAt(17)
}

export function checkOptionalCreditCode(value: string): ValidationKey | null {
  const v = value.trim()
  if (v === '') return null
  if (v.length !== 18) return 'validation.creditCodeLength'
  return isValidCreditCode(v) ? null : 'validation.creditCode'
}

export type PasswordStrength = 'empty' | 'weak' | 'fair' | 'good' | 'strong'

const COMMON_PASSWORDS = new Set([
  '12345678',
  '123456789',
  '1234567890',
  'password',
  'password1',
  'qwertyui',
  'qwerty123',
  '11111111',
  '88888888',
  '00000000',
  'abc12345',
  'abcd1234',
  '1qaz2wsx',
  'iloveyou',
  'zhaoyin123',
  'a1234567',
])

/**
 * A rough strength hint: length and character classes, with common and repetitive passwords
 * always weak. Only a hint; the server has the real list of common passwords.
 */
export function passwordStrength(value: string): PasswordStrength {
  if (value === '') return 'empty'
  if (value.length < MIN_PASSWORD_LENGTH) return 'weak'
  const lower = value.toLowerCase()
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(value)) return 'weak'
  let classes = 0
  if (/[a-z]/.test(value)) classes++
  if (/[A-Z]/.test(value)) classes++
  if (/\d/.test(value)) classes++
  if (/[^A-Za-z0-9]/.test(value)) classes++
  let score = classes + (value.length >= 12 ? 1 : 0) + (value.length >= 16 ? 1 : 0)
  if (new Set(value).size <= 3) score = Math.min(score, 1)
  if (score <= 1) return 'weak'
  if (score === 2) return 'fair'
  if (score === 3) return 'good'
  return 'strong'
}

/** Digits only, at most six (authenticator apps show `123 456`). */
export function normalizeTotp(value: string): string {
  return value.replace(/\D/g, '').slice(0, 6)
}

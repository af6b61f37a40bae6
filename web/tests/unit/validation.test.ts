import { describe, expect, it } from 'vitest'
import {
  checkConfirm,
  checkEmail,
  checkLoginName,
  checkOptionalCreditCode,
  checkOptionalEmail,
  checkOptionalPhone,
  checkPassword,
  checkPhone,
  checkTotp,
  creditCodeCheckChar,
  isValidCreditCode,
  normalizeTotp,
  passwordStrength,
  required,
} from '@/shared/auth/validation'
import { breaksSeparation } from '@/shared/roles'
import { ADMIN_ROLES, BUSINESS_ROLES } from '@/shared/api/auth'
import en from '@/shared/locales/en.json'
import zhCN from '@/shared/locales/zh-CN.json'

describe('form validation helpers', () => {
  it('checks mainland mobile numbers like the server (^1[3-9]\\d{9}$)', () => {
    expect(checkPhone('13800138000')).toBeNull()
    expect(checkPhone(' 19912345678 ')).toBeNull()
    expect(checkPhone('')).toBe('validation.required')
    expect(checkPhone('12800138000')).toBe('validation.phone')
    expect(checkPhone('1380013800')).toBe('validation.phone')
    expect(checkPhone('138001380001')).toBe('validation.phone')
    expect(checkPhone('+8613800138000')).toBe('validation.phone')
    expect(checkOptionalPhone('')).toBeNull()
    expect(checkOptionalPhone('123')).toBe('validation.phone')
  })

  it('checks e-mail addresses', () => {
    expect(checkEmail('li.lei@example.cn')).toBeNull()
    expect(checkEmail('li.lei@example')).toBe('validation.email')
    expect(checkEmail('a b@example.cn')).toBe('validation.email')
    expect(checkEmail('')).toBe('validation.required')
    expect(checkOptionalEmail('')).toBeNull()
  })

  it('checks passwords, confirmation and login names', () => {
    expect(checkPassword('')).toBe('validation.required')
    expect(checkPassword('1234567')).toBe('validation.passwordShort')
    expect(checkPassword('12345678')).toBeNull()
    expect(checkConfirm('abcdefgh', 'abcdefgh')).toBeNull()
    expect(checkConfirm('abcdefgh', 'abcdefgi')).toBe('validation.passwordMismatch')
    expect(checkConfirm('abcdefgh', '')).toBe('validation.required')
    expect(required('  ')).toBe('validation.required')
    expect(required('x')).toBeNull()
    expect(checkLoginName('370214.staff')).toBeNull()
    expect(checkLoginName('zhang san')).toBe('validation.loginName')
    expect(checkLoginName('.x')).toBe('validation.loginName')
  })

  it('checks and normalises six-digit codes', () => {
    expect(checkTotp('123456')).toBeNull()
    expect(checkTotp('123 456')).toBeNull()
    expect(checkTotp('12345')).toBe('validation.totp')
    expect(checkTotp('abcdef')).toBe('validation.totp')
    expect(checkTotp('')).toBe('validation.required')
    expect(normalizeTotp(' 123 456 ')).toBe('123456')
    expect(normalizeTotp('1234567')).toBe('123456')
  })

  it('checks the unified social credit code check character (GB 32100-2015)', () => {
    // Published examples.
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true)
    expect(isValidCreditCode('91110108551385082Q')).toBe(true)
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false)
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false)
    expect(isValidCreditCode('91350100I000100Y43')).toBe(false) // I is not in the alphabet
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3')
    expect(creditCodeCheckChar('short')).toBeNull()
    expect(checkOptionalCreditCode('')).toBeNull()
    expect(checkOptionalCreditCode('9135')).toBe('validation.creditCodeLength')
    expect(checkOptionalCreditCode('91350100M000100Y44')).toBe('validation.creditCode')
    expect(checkOptionalCreditCode('91350100m000100y43')).toBeNull()
  })

  it('rates password strength', () => {
    expect(passwordStrength('')).toBe('empty')
    expect(passwordStrength('abc')).toBe('weak')
    expect(passwordStrength('12345678')).toBe('weak')
    expect(passwordStrength('Password1')).toBe('weak') // common
    expect(passwordStrength('Harbour7x')).toBe('good')
    expect(passwordStrength('aaaaaaaaaaaa')).toBe('weak')
    expect(passwordStrength('abcdefgh')).toBe('weak')
    expect(passwordStrength('abcdefgh12')).toBe('fair')
    expect(passwordStrength('Demo-Pass-2026')).toBe('strong')
  })

  it('enforces separation of duties for admin roles', () => {
    expect(breaksSeparation(['sys_admin'], ADMIN_ROLES)).toBe(false)
    expect(breaksSeparation(['unit_staff', 'unit_lead'], ADMIN_ROLES)).toBe(false)
    expect(breaksSeparation(['auditor', 'unit_staff'], ADMIN_ROLES)).toBe(true)
    expect(breaksSeparation(['sys_admin', 'sec_admin'], ADMIN_ROLES)).toBe(true)
    expect(BUSINESS_ROLES).not.toContain('sys_admin')
    expect(BUSINESS_ROLES).toContain('unit_staff')
  })

  it('has locale text for every message key the helpers return', () => {
    const keys = [
      'required',
      'phone',
      'email',
      'loginName',
      'passwordShort',
      'passwordMismatch',
      'passwordSame',
      'totp',
      'creditCodeLength',
      'creditCode',
      'privacy',
      'rolesRequired',
    ]
    for (const key of keys) {
      expect((zhCN.validation as Record<string, string>)[key], key).toBeTruthy()
      expect((en.validation as Record<string, string>)[key], key).toBeTruthy()
    }
  })
})

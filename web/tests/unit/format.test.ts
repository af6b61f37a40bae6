import { describe, expect, it } from 'vitest'
import { groupDigits } from '@/shared/format'

describe('groupDigits', () => {
  it('groups the whole part by thousands and keeps the fraction exactly', () => {
    expect(groupDigits('209600')).toBe('209,600')
    expect(groupDigits('1234567.0625')).toBe('1,234,567.0625')
    expect(groupDigits('999')).toBe('999')
    expect(groupDigits('-12000.5')).toBe('-12,000.5')
    // Beyond a double's exact range the digits are still all kept.
    expect(groupDigits('12345678901234567890.01')).toBe('12,345,678,901,234,567,890.01')
  })

  it('returns anything else unchanged', () => {
    expect(groupDigits('')).toBe('')
    expect(groupDigits('约 3 万')).toBe('约 3 万')
    expect(groupDigits('1e5')).toBe('1e5')
  })
})

import { describe, expect, it } from 'vitest'
import { serverNow, setServerTime } from '@/shared/serverClock'

describe('server clock', () => {
  it('counts from the server time last reported, not the browser clock', () => {
    const received = Date.now()
    setServerTime('2030-01-01T08:00:00+08:00', received)
    const now = serverNow()
    expect(now).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:00:00Z'))
    expect(now).toBeLessThan(Date.parse('2030-01-01T00:00:05Z'))
  })

  it('ignores a time it cannot read', () => {
    setServerTime('2030-01-01T00:00:00Z', Date.now())
    setServerTime('not a time')
    expect(serverNow()).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:00:00Z'))
  })
})

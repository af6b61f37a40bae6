import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref } from 'vue'
import { useReloadAt } from '@/shared/composables/useReloadAt'
import { setServerTime } from '@/shared/serverClock'

describe('useReloadAt', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(Date.parse('2026-11-30T02:40:00Z'))
    setServerTime('2026-11-30T02:40:00Z', Date.now())
  })
  afterEach(() => vi.useRealTimers())

  it('reloads once, just after the instant on the server clock', () => {
    const reload = vi.fn()
    const scope = effectScope()
    scope.run(() => useReloadAt(() => '2026-11-30T02:41:00.000Z', reload))
    vi.advanceTimersByTime(60_000)
    expect(reload).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1_000)
    expect(reload).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(600_000)
    expect(reload).toHaveBeenCalledTimes(1)
    scope.stop()
  })

  it('follows a new instant, waits for nothing on null, and stops with its scope', () => {
    const reload = vi.fn()
    const at = ref<string | null>('2026-11-30T02:41:00.000Z')
    const scope = effectScope()
    scope.run(() => useReloadAt(() => at.value, reload))
    at.value = null
    vi.advanceTimersByTime(120_000)
    expect(reload).not.toHaveBeenCalled()
    at.value = '2026-11-30T02:45:00.000Z'
    scope.stop()
    vi.advanceTimersByTime(600_000)
    expect(reload).not.toHaveBeenCalled()
  })

  it('reloads at once for an instant already past, and waits out a long wait in steps', () => {
    const reload = vi.fn()
    const scope = effectScope()
    scope.run(() => useReloadAt(() => '2026-11-30T02:00:00.000Z', reload))
    vi.advanceTimersByTime(0)
    expect(reload).toHaveBeenCalledTimes(1)
    scope.stop()

    const later = vi.fn()
    const far = effectScope()
    far.run(() => useReloadAt(() => '2027-01-30T02:40:00.000Z', later))
    vi.advanceTimersByTime(30 * 86_400_000)
    expect(later).not.toHaveBeenCalled()
    vi.advanceTimersByTime(32 * 86_400_000)
    expect(later).toHaveBeenCalledTimes(1)
    far.stop()
  })
})

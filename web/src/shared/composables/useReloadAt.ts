import { onScopeDispose, watch } from 'vue'
import { serverNow } from '@/shared/serverClock'

// setTimeout takes at most a signed 32-bit delay; a later instant is waited for in steps.
const LONGEST_DELAY_MS = 2_147_483_647
// The server decides on whole seconds: ask just after the instant, not just before it.
const GRACE_MS = 1_000

/**
 * Calls `reload` when the server's clock reaches the instant `at` returns (RFC 3339), e.g. when
 * a window the server offers an action in closes while the page is open. A new instant replaces
 * the old one; null waits for nothing. Stops with the component or effect scope.
 */
export function useReloadAt(at: () => string | null | undefined, reload: () => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const schedule = (instant: string | null | undefined): void => {
    clearTimeout(timer)
    timer = undefined
    const target = instant ? Date.parse(instant) : NaN
    if (Number.isNaN(target)) return
    const wait = target + GRACE_MS - serverNow()
    timer = setTimeout(
      () => {
        if (wait > LONGEST_DELAY_MS) schedule(instant)
        else reload()
      },
      Math.max(0, Math.min(wait, LONGEST_DELAY_MS)),
    )
  }
  watch(at, schedule, { immediate: true, flush: 'sync' })
  onScopeDispose(() => clearTimeout(timer))
}

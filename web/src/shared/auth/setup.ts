// Wires the session store into the HTTP client and the router.
import type { Router } from 'vue-router'
import { configureHttp, type ApiError } from '@/shared/api/http'
import { INVALID_TOTP, TOTP_REQUIRED } from '@/shared/api/auth'
import { useSessionStore, type SessionStore } from '@/shared/stores/session'
import { landingPage } from '@/shared/layout/nav'
import { areaOf, decideAccess, loginLocation } from './guard'

/** 401 codes that are answers to a sign-in attempt, not a lost session. */
const SIGN_IN_ANSWERS = new Set(['invalid_credentials', TOTP_REQUIRED, INVALID_TOTP])
const SIGN_IN_PATHS = ['/auth/login', '/auth/register', '/auth/me', '/auth/logout']

/** Reads a cookie (the server's readable `zy_csrf` for anonymous callers). */
export function readCookie(name: string, source: string = typeof document === 'undefined' ? '' : document.cookie): string | null {
  for (const part of source.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return decodeURIComponent(rest.join('='))
  }
  return null
}

/** True when a 401 means "your session is gone" (and the user should sign in again). */
export function isSessionLost(err: ApiError, path: string): boolean {
  if (err.status !== 401 || SIGN_IN_ANSWERS.has(err.code)) return false
  const clean = path.split('?')[0] ?? path
  return !SIGN_IN_PATHS.some((p) => clean === p || clean === `/api/v1${p}`)
}

export function installAuth(router: Router, session: SessionStore = useSessionStore()): void {
  configureHttp({
    csrfToken: () => session.csrfToken ?? readCookie('zy_csrf'),
    refreshCsrf: () => session.refresh(),
    unauthorized: (err, path) => {
      if (!isSessionLost(err, path)) return
      session.markSignedOut()
      const current = router.currentRoute.value
      if (current.meta.guestOnly) return
      void router.push(loginLocation(areaOf(current), current.fullPath))
    },
  })

  router.beforeEach(async (to) => {
    await session.ensureLoaded()
    return decideAccess(to, session, { landing: (area) => landingPage(router.getRoutes(), area, session) })
  })
}

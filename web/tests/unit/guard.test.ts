import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, type RouteMeta } from 'vue-router'
import { createAppRouter } from '@/router'
import type { User } from '@/shared/api/auth'
import { ApiError, configureHttp, http, resetHttp } from '@/shared/api/http'
import {
  afterLoginLocation,
  decideAccess,
  mayOpen,
  safeRedirect,
  withinAdminScope,
  type AccessState,
  type AccessTarget,
} from '@/shared/auth/guard'
import { installAuth, isSessionLost } from '@/shared/auth/setup'
import { useSessionStore } from '@/shared/stores/session'
import { makeUser } from './fixtures/users'

function target(path: string, meta: RouteMeta, query: Record<string, string> = {}): AccessTarget {
  const qs = new URLSearchParams(query).toString()
  return { path, fullPath: qs ? `${path}?${qs}` : path, meta, query, name: null }
}

function state(overrides: Partial<AccessState> & { perms?: string[] } = {}): AccessState {
  const perms = overrides.perms ?? []
  return {
    signedIn: true,
    mustChangePassword: false,
    totpSetupRequired: false,
    can: (p) => perms.includes(p),
    ...overrides,
  }
}

const anonymous = state({ signedIn: false })

describe('decideAccess', () => {
  it('lets anyone open public pages', () => {
    expect(decideAccess(target('/', { area: 'portal' }), anonymous)).toBe(true)
    expect(decideAccess(target('/directory', { area: 'portal' }), state())).toBe(true)
  })

  it('sends anonymous visitors of protected pages to the sign-in page of the area with a redirect back', () => {
    expect(decideAccess(target('/console/units', { area: 'console', requiresAuth: true }), anonymous)).toEqual({
      name: 'console-login',
      query: { redirect: '/console/units' },
    })
    expect(decideAccess(target('/account', { area: 'portal', requiresAuth: true }), anonymous)).toEqual({
      name: 'portal-login',
      query: { redirect: '/account' },
    })
    expect(decideAccess(target('/console/password', { area: 'console', forced: 'password' }), anonymous)).toMatchObject({
      name: 'console-login',
    })
  })

  it('checks the page permission', () => {
    const audit = target('/console/audit', { area: 'console', requiresAuth: true, permission: 'audit:entry:read' })
    expect(decideAccess(audit, state({ perms: ['identity:member:read'] }))).toEqual({ name: 'console-forbidden' })
    expect(decideAccess(audit, state({ perms: ['audit:entry:read'] }))).toBe(true)
  })

  it('limits administrative roles to the pages that name them', () => {
    const units = target('/console/units', { area: 'console', requiresAuth: true, adminRoles: ['sys_admin'] })
    const overview = target('/console', { area: 'console', requiresAuth: true }, {})
    overview.name = 'console-overview'
    const auditor = state({ roles: ['auditor'], perms: ['audit:entry:read'] })
    expect(decideAccess(units, auditor)).toEqual({ name: 'console-forbidden' })
    expect(decideAccess(units, state({ roles: ['sys_admin'] }))).toBe(true)
    // Users without an administrative role are not affected.
    expect(decideAccess(units, state({ roles: ['unit_staff'] }))).toBe(true)
    expect(decideAccess(overview, state({ roles: ['leader'] }))).toBe(true)
    // The area home sends an administrator to their landing page, else to no-access.
    expect(decideAccess(overview, auditor, { landing: () => 'console-audit' })).toEqual({ name: 'console-audit' })
    expect(decideAccess(overview, auditor)).toEqual({ name: 'console-forbidden' })
    expect(decideAccess(overview, auditor, { landing: () => null })).toEqual({ name: 'console-forbidden' })
    // The no-access page itself never redirects (no loop), and sign-in/forced pages stay open.
    const forbidden = target('/console/no-access', { area: 'console', requiresAuth: true })
    forbidden.name = 'console-forbidden'
    expect(decideAccess(forbidden, auditor)).toBe(true)
    expect(decideAccess(target('/console/password', { area: 'console', forced: 'password' }), auditor)).toBe(true)
    expect(decideAccess(target('/', { area: 'portal' }), auditor)).toBe(true)
  })

  it('combines session, permission and administrative scope in mayOpen', () => {
    const audit = { area: 'console' as const, requiresAuth: true, permission: 'audit:entry:read', adminRoles: ['auditor' as const] }
    expect(mayOpen(audit, { signedIn: false, can: () => true })).toBe(false)
    expect(mayOpen(audit, { signedIn: true, can: () => false, roles: ['auditor'] })).toBe(false)
    expect(mayOpen(audit, { signedIn: true, can: () => true, roles: ['auditor'] })).toBe(true)
    expect(mayOpen(audit, { signedIn: true, can: () => true, roles: ['sec_admin'] })).toBe(false)
    expect(withinAdminScope({ requiresAuth: true }, [])).toBe(true)
    expect(withinAdminScope({ requiresAuth: false }, ['auditor'])).toBe(true)
    expect(withinAdminScope({ requiresAuth: true, adminRoles: ['sys_admin', 'sec_admin'] }, ['sec_admin'])).toBe(true)
  })

  it('forces the password change before anything else', () => {
    const s = state({ mustChangePassword: true, totpSetupRequired: true, perms: ['audit:entry:read'] })
    expect(decideAccess(target('/console/audit', { area: 'console', requiresAuth: true }), s)).toEqual({
      name: 'console-password',
      query: { redirect: '/console/audit' },
    })
    expect(decideAccess(target('/console/password', { area: 'console', forced: 'password' }), s)).toBe(true)
    expect(decideAccess(target('/console/totp', { area: 'console', forced: 'totp' }), s)).toMatchObject({ name: 'console-password' })
    expect(decideAccess(target('/', { area: 'portal' }), s)).toMatchObject({ name: 'portal-password' })
  })

  it('forces TOTP setup next', () => {
    const s = state({ totpSetupRequired: true })
    expect(decideAccess(target('/console', { area: 'console', requiresAuth: true }), s)).toEqual({
      name: 'console-totp',
      query: { redirect: '/console' },
    })
    expect(decideAccess(target('/console/totp', { area: 'console', forced: 'totp' }), s)).toBe(true)
    // The login page's own redirect is passed on rather than the login page itself.
    expect(
      decideAccess(target('/console/login', { area: 'console', guestOnly: true }, { redirect: '/console/audit' }), s),
    ).toEqual({ name: 'console-totp', query: { redirect: '/console/audit' } })
  })

  it('sends signed-in users away from the sign-in and register pages', () => {
    expect(decideAccess(target('/login', { area: 'portal', guestOnly: true }), state())).toEqual({ name: 'portal-account' })
    expect(decideAccess(target('/console/login', { area: 'console', guestOnly: true }, { redirect: '/console/my-unit' }), state())).toBe(
      '/console/my-unit',
    )
    expect(decideAccess(target('/register', { area: 'portal', guestOnly: true }), anonymous)).toBe(true)
  })

  it('only follows redirects inside the site', () => {
    expect(safeRedirect('/console/audit?page=2')).toBe('/console/audit?page=2')
    expect(safeRedirect('//evil.example/')).toBeNull()
    expect(safeRedirect('/\\evil.example')).toBeNull()
    expect(safeRedirect('https://evil.example/')).toBeNull()
    expect(safeRedirect(['/a', '/b'])).toBe('/a')
    expect(safeRedirect(undefined)).toBeNull()
    expect(afterLoginLocation('console', { redirect: 'https://evil.example' })).toEqual({ name: 'console-overview' })
  })

  it('tells a lost session from a failed sign-in', () => {
    expect(isSessionLost(new ApiError(401, 'unauthenticated', 'x'), '/admin/users')).toBe(true)
    expect(isSessionLost(new ApiError(401, 'session_expired', 'x'), '/auth/sessions')).toBe(true)
    expect(isSessionLost(new ApiError(401, 'invalid_credentials', 'x'), '/auth/login')).toBe(false)
    expect(isSessionLost(new ApiError(401, 'totp_required', 'x'), '/auth/login')).toBe(false)
    expect(isSessionLost(new ApiError(401, 'unauthenticated', 'x'), '/auth/login')).toBe(false)
    expect(isSessionLost(new ApiError(403, 'forbidden', 'x'), '/admin/users')).toBe(false)
  })
})

describe('installAuth (router + http)', () => {
  let me: { user: User | null; csrf_token: string }

  beforeEach(() => {
    setActivePinia(createPinia())
    me = { user: null, csrf_token: 'anon' }
  })
  afterEach(() => resetHttp())

  function setup(extra: Record<string, () => Response> = {}) {
    const fetchImpl = vi.fn<typeof fetch>(async (input, init = {}) => {
      const key = `${init.method ?? 'GET'} ${String(input).split('?')[0]}`
      if (key === 'GET /api/v1/auth/me') return new Response(JSON.stringify(me), { status: 200 })
      const handler = extra[key]
      if (handler) return handler()
      return new Response(JSON.stringify({ items: [] }), { status: 200 })
    })
    configureHttp({ fetch: fetchImpl })
    const router = createAppRouter(createMemoryHistory())
    const session = useSessionStore()
    installAuth(router, session)
    return { router, session, fetchImpl }
  }

  it('redirects an anonymous visitor of the console to /console/login and back after sign-in', async () => {
    const { router } = setup()
    await router.push('/console/units')
    expect(router.currentRoute.value.name).toBe('console-login')
    expect(router.currentRoute.value.query.redirect).toBe('/console/units')

    me = { user: makeUser(), csrf_token: 'tok' }
    await useSessionStore().refresh()
    await router.push(afterLoginLocation('console', router.currentRoute.value.query))
    expect(router.currentRoute.value.fullPath).toBe('/console/units')
  })

  it('lets the portal home through without a session', async () => {
    const { router } = setup()
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('portal-home')
  })

  it('blocks pages without the permission and routes forced steps', async () => {
    me = { user: makeUser(), csrf_token: 'tok' }
    const { router } = setup()
    await router.push('/console/audit')
    expect(router.currentRoute.value.name).toBe('console-forbidden')
    await router.push('/console/my-unit')
    expect(router.currentRoute.value.name).toBe('console-my-unit')

    me = { user: makeUser({ totp_setup_required: true, roles: ['leader'] }), csrf_token: 'tok' }
    await useSessionStore().refresh()
    await router.push('/console/units')
    expect(router.currentRoute.value.name).toBe('console-totp')
    expect(router.currentRoute.value.query.redirect).toBe('/console/units')
  })

  it('lands administrators on their own first page and keeps them out of the others', async () => {
    me = { user: makeUser({ roles: ['auditor'], permissions: ['audit:entry:read'], unit: null }), csrf_token: 'tok' }
    const { router } = setup()
    await router.push('/console')
    expect(router.currentRoute.value.name).toBe('console-audit')
    await router.push('/console/units')
    expect(router.currentRoute.value.name).toBe('console-forbidden')
    await router.push('/console/account')
    expect(router.currentRoute.value.name).toBe('console-account')

    me = { user: makeUser({ roles: ['sys_admin'], permissions: ['identity:user:read', 'identity:unit:update'], unit: null }), csrf_token: 'tok' }
    await useSessionStore().refresh()
    await router.push(afterLoginLocation('console', {}))
    expect(router.currentRoute.value.name).toBe('console-accounts')
    await router.push('/console/units')
    expect(router.currentRoute.value.name).toBe('console-units')
    await router.push('/console/industries')
    expect(router.currentRoute.value.name).toBe('console-forbidden')
  })

  it('sends the user to sign in when an API call answers 401', async () => {
    me = { user: makeUser(), csrf_token: 'tok' }
    const { router, session } = setup({
      'GET /api/v1/units/12/members': () =>
        new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'expired' } }), { status: 401 }),
    })
    await router.push('/console/my-unit')
    expect(router.currentRoute.value.name).toBe('console-my-unit')
    await expect(http.get('/units/12/members')).rejects.toMatchObject({ status: 401 })
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('console-login'))
    expect(router.currentRoute.value.query.redirect).toBe('/console/my-unit')
    expect(session.signedIn).toBe(false)
  })

  it('sends the session token with unsafe requests', async () => {
    me = { user: makeUser(), csrf_token: 'tok-42' }
    const { router, fetchImpl } = setup({ 'POST /api/v1/x': () => new Response('{}', { status: 200 }) })
    await router.push('/console')
    await http.post('/x', {})
    const headers = fetchImpl.mock.calls.at(-1)?.[1]?.headers as Record<string, string>
    expect(headers['X-CSRF-Token']).toBe('tok-42')
  })
})

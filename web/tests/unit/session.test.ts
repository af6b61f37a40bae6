import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureHttp, resetHttp } from '@/shared/api/http'
import { readCookie } from '@/shared/auth/setup'
import { useSessionStore } from '@/shared/stores/session'
import { makeUser } from './fixtures/users'


function json(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

/** A fake server: routes by "METHOD path" and records the CSRF header of each call. */
function fakeServer(routes: Record<string, (init: RequestInit) => Response>) {
  const calls: { key: string; csrf: string | undefined; body: unknown }[] = []
  const fn = vi.fn<typeof fetch>(async (input, init = {}) => {
    const key = `${init.method ?? 'GET'} ${String(input)}`
    const headers = (init.headers ?? {}) as Record<string, string>
    calls.push({ key, csrf: headers['X-CSRF-Token'], body: init.body ? JSON.parse(String(init.body)) : undefined })
    const handler = routes[key]
    return handler ? handler(init) : json(404, { error: { code: 'not_found', message: 'no route' } })
  })
  return { fn, calls }
}

describe('session store', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => resetHttp())

  it('loads the anonymous session and its CSRF token once', async () => {
    const { fn } = fakeServer({ 'GET /api/v1/auth/me': () => json(200, { user: null, csrf_token: 'anon-token' }) })
    configureHttp({ fetch: fn })
    const s = useSessionStore()
    await Promise.all([s.ensureLoaded(), s.ensureLoaded()])
    await s.ensureLoaded()
    expect(fn).toHaveBeenCalledTimes(1)
    expect(s.loaded).toBe(true)
    expect(s.signedIn).toBe(false)
    expect(s.csrfToken).toBe('anon-token')
    expect(s.can('identity:member:read')).toBe(false)
  })

  it('exposes roles and permissions of the signed-in user', async () => {
    const { fn } = fakeServer({ 'GET /api/v1/auth/me': () => json(200, { user: makeUser(), csrf_token: 't1' }) })
    configureHttp({ fetch: fn })
    const s = useSessionStore()
    await s.ensureLoaded()
    expect(s.signedIn).toBe(true)
    expect(s.can('identity:member:read')).toBe(true)
    expect(s.can('audit:entry:read')).toBe(false)
    expect(s.hasRole('unit_staff')).toBe(true)
    expect(s.mustChangePassword).toBe(false)
  })

  it('treats a failing /auth/me as signed out', async () => {
    configureHttp({ fetch: async () => json(404, { error: { code: 'not_found', message: 'x' } }) })
    const s = useSessionStore()
    await s.ensureLoaded()
    expect(s.loaded).toBe(true)
    expect(s.signedIn).toBe(false)
    expect(s.error?.code).toBe('not_found')
  })

  it('signs in with the anonymous token, then re-reads /auth/me for the new one', async () => {
    let signedIn = false
    const { fn, calls } = fakeServer({
      'GET /api/v1/auth/me': () => json(200, signedIn ? { user: makeUser(), csrf_token: 'session-token' } : { user: null, csrf_token: 'anon' }),
      'POST /api/v1/auth/login': () => {
        signedIn = true
        return json(200, { user: makeUser() })
      },
      'POST /api/v1/auth/logout': () => {
        signedIn = false
        return json(204)
      },
    })
    const s = useSessionStore()
    configureHttp({ fetch: fn, csrfToken: () => s.csrfToken })
    await s.ensureLoaded()
    const user = await s.login({ login: '370214.staff', password: 'Demo-Pass-2026' })
    expect(user.name).toBe('城阳区工作人员')
    expect(s.csrfToken).toBe('session-token')
    expect(calls.map((c) => c.key)).toEqual(['GET /api/v1/auth/me', 'POST /api/v1/auth/login', 'GET /api/v1/auth/me'])
    expect(calls[1]?.csrf).toBe('anon')
    expect(calls[1]?.body).toEqual({ login: '370214.staff', password: 'Demo-Pass-2026' })

    await s.logout()
    expect(calls.at(-2)?.key).toBe('POST /api/v1/auth/logout')
    expect(calls.at(-2)?.csrf).toBe('session-token')
    expect(s.signedIn).toBe(false)
    expect(s.csrfToken).toBe('anon')
  })

  it('keeps the user signed out and rethrows when sign-in fails', async () => {
    const { fn } = fakeServer({
      'GET /api/v1/auth/me': () => json(200, { user: null, csrf_token: 'anon' }),
      'POST /api/v1/auth/login': () => json(401, { error: { code: 'totp_required', message: '请输入验证码' } }),
    })
    configureHttp({ fetch: fn })
    const s = useSessionStore()
    await expect(s.login({ login: 'auditor', password: 'x' })).rejects.toMatchObject({ code: 'totp_required', status: 401 })
    expect(s.signedIn).toBe(false)
  })

  it('re-reads the session after a password change and TOTP setup', async () => {
    let must = true
    const { fn, calls } = fakeServer({
      'GET /api/v1/auth/me': () => json(200, { user: makeUser({ must_change_password: must }), csrf_token: must ? 'a' : 'b' }),
      'POST /api/v1/auth/password': () => {
        must = false
        return json(204)
      },
      'POST /api/v1/auth/totp/enable': () => json(204),
    })
    configureHttp({ fetch: fn })
    const s = useSessionStore()
    await s.ensureLoaded()
    expect(s.mustChangePassword).toBe(true)
    await s.changePassword('old-pass-1', 'new-pass-2')
    expect(s.mustChangePassword).toBe(false)
    expect(s.csrfToken).toBe('b')
    expect(calls.find((c) => c.key === 'POST /api/v1/auth/password')?.body).toEqual({
      current_password: 'old-pass-1',
      new_password: 'new-pass-2',
    })
    await s.enableTotp('123456')
    expect(calls.at(-1)?.key).toBe('GET /api/v1/auth/me')
  })

  it('reads the readable zy_csrf cookie', () => {
    expect(readCookie('zy_csrf', 'a=1; zy_csrf=abc%3D; b=2')).toBe('abc=')
    expect(readCookie('zy_csrf', 'a=1')).toBeNull()
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildUrl, configureHttp, http, isApiError, parseErrorBody, request, resetHttp } from '@/shared/api/http'

function jsonResponse(status: number, body: unknown, statusText = ''): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    statusText,
    headers: { 'Content-Type': 'application/json' },
  })
}

function mockFetch(response: Response | (() => Promise<Response>)) {
  const fn = vi.fn<typeof fetch>(async () => (typeof response === 'function' ? response() : response))
  configureHttp({ fetch: fn })
  return fn
}

function sentHeaders(fn: ReturnType<typeof mockFetch>): Record<string, string> {
  const init = fn.mock.calls[0]?.[1]
  return (init?.headers ?? {}) as Record<string, string>
}

afterEach(() => resetHttp())

describe('buildUrl', () => {
  it('prefixes the API base and encodes the query', () => {
    expect(buildUrl('/units')).toBe('/api/v1/units')
    expect(buildUrl('units')).toBe('/api/v1/units')
    expect(buildUrl('/api/v1/units')).toBe('/api/v1/units')
    expect(buildUrl('/units', { q: '黄岛 区', page: 2, empty: '', none: null, skip: undefined })).toBe(
      '/api/v1/units?q=%E9%BB%84%E5%B2%9B+%E5%8C%BA&page=2',
    )
    expect(buildUrl('/units', { type: ['district', 'zone'] })).toBe('/api/v1/units?type=district&type=zone')
  })
})

describe('request', () => {
  it('returns parsed JSON and sends credentials, Accept and Accept-Language', async () => {
    const fn = mockFetch(jsonResponse(200, { tree: [], total: 0 }))
    configureHttp({ locale: () => 'en' })
    await expect(http.get('/units')).resolves.toEqual({ tree: [], total: 0 })
    expect(fn).toHaveBeenCalledTimes(1)
    const [url, init] = fn.mock.calls[0] ?? []
    expect(url).toBe('/api/v1/units')
    expect(init?.method).toBe('GET')
    expect(init?.credentials).toBe('same-origin')
    expect(sentHeaders(fn)).toMatchObject({ Accept: 'application/json', 'Accept-Language': 'en' })
    expect(init?.body).toBeUndefined()
  })

  it('omits Accept-Language when no locale hook is set', async () => {
    const fn = mockFetch(jsonResponse(200, {}))
    await http.get('/x')
    expect(sentHeaders(fn)['Accept-Language']).toBeUndefined()
  })

  it('sends the CSRF token on unsafe methods only', async () => {
    configureHttp({ csrfToken: () => 'tok123' })
    let fn = mockFetch(jsonResponse(200, {}))
    await http.get('/x')
    expect(sentHeaders(fn)['X-CSRF-Token']).toBeUndefined()

    for (const method of ['post', 'put', 'patch'] as const) {
      fn = mockFetch(jsonResponse(200, { ok: true }))
      await http[method]('/x', { a: 1 })
      expect(sentHeaders(fn)['X-CSRF-Token']).toBe('tok123')
      expect(sentHeaders(fn)['Content-Type']).toBe('application/json')
      expect(fn.mock.calls[0]?.[1]?.body).toBe('{"a":1}')
    }
    fn = mockFetch(new Response(null, { status: 204 }))
    await expect(http.delete('/x')).resolves.toBeUndefined()
    expect(sentHeaders(fn)['X-CSRF-Token']).toBe('tok123')
  })

  it('skips the CSRF header while there is no token', async () => {
    configureHttp({ csrfToken: () => null })
    const fn = mockFetch(jsonResponse(200, {}))
    await http.post('/x', {})
    expect(sentHeaders(fn)['X-CSRF-Token']).toBeUndefined()
  })

  it('turns the error body into a typed ApiError', async () => {
    mockFetch(
      jsonResponse(422, { error: { code: 'validation_failed', message: '金额无效', fields: { amount: '必须大于 0', bad: 5 } } }),
    )
    const err = await request('POST', '/intents', { body: {} }).catch((e: unknown) => e)
    expect(isApiError(err)).toBe(true)
    const apiErr = err as ApiError
    expect(apiErr).toBeInstanceOf(Error)
    expect(apiErr.status).toBe(422)
    expect(apiErr.code).toBe('validation_failed')
    expect(apiErr.message).toBe('金额无效')
    expect(apiErr.fields).toEqual({ amount: '必须大于 0' })
    expect(apiErr.isNotFound).toBe(false)
  })

  it('maps 404 not_found', async () => {
    mockFetch(jsonResponse(404, { error: { code: 'not_found', message: 'no such unit' } }))
    const err = (await http.get('/units/999').catch((e: unknown) => e)) as ApiError
    expect(err.code).toBe('not_found')
    expect(err.isNotFound).toBe(true)
    expect(err.fields).toEqual({})
  })

  it('gives a synthetic code when the error body is not the documented shape', async () => {
    mockFetch(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    const err = (await http.get('/x').catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(502)
    expect(err.code).toBe('http_502')
    expect(err.message).toBe('Bad Gateway')
  })

  it('reports network failures as network_error with status 0', async () => {
    mockFetch(() => Promise.reject(new TypeError('Failed to fetch')))
    const err = (await http.get('/x').catch((e: unknown) => e)) as ApiError
    expect(err.status).toBe(0)
    expect(err.code).toBe('network_error')
    expect(err.isNetworkError).toBe(true)
  })

  it('reports aborts as aborted', async () => {
    mockFetch(() => Promise.reject(new DOMException('The operation was aborted.', 'AbortError')))
    const err = (await http.get('/x').catch((e: unknown) => e)) as ApiError
    expect(err.code).toBe('aborted')
  })

  it('rejects a successful response that is not JSON', async () => {
    mockFetch(new Response('not json', { status: 200 }))
    const err = (await http.get('/x').catch((e: unknown) => e)) as ApiError
    expect(err.code).toBe('bad_response')
    expect(err.status).toBe(200)
  })
})

describe('parseErrorBody', () => {
  it('accepts only the documented shape', () => {
    expect(parseErrorBody({ error: { code: 'x', message: 'y' } })).toEqual({ code: 'x', message: 'y' })
    expect(parseErrorBody({ error: { code: 'x' } })).toEqual({ code: 'x', message: 'x' })
    expect(parseErrorBody({ error: 'x' })).toBeNull()
    expect(parseErrorBody({ error: { code: '' } })).toBeNull()
    expect(parseErrorBody(null)).toBeNull()
    expect(parseErrorBody([])).toBeNull()
  })
})

describe('CSRF retry and 401 hook', () => {
  it('re-reads the token once on 403 csrf_failed and retries with the new one', async () => {
    let token = 'stale'
    const fn = vi
      .fn<typeof fetch>()
      .mockImplementationOnce(async () => jsonResponse(403, { error: { code: 'csrf_failed', message: 'bad token' } }))
      .mockImplementationOnce(async () => jsonResponse(200, { ok: true }))
    const refreshCsrf = vi.fn(async () => {
      token = 'fresh'
    })
    configureHttp({ fetch: fn, csrfToken: () => token, refreshCsrf })
    await expect(http.post('/x', { a: 1 })).resolves.toEqual({ ok: true })
    expect(refreshCsrf).toHaveBeenCalledTimes(1)
    expect(fn).toHaveBeenCalledTimes(2)
    expect((fn.mock.calls[0]?.[1]?.headers as Record<string, string>)['X-CSRF-Token']).toBe('stale')
    expect((fn.mock.calls[1]?.[1]?.headers as Record<string, string>)['X-CSRF-Token']).toBe('fresh')
    expect(fn.mock.calls[1]?.[1]?.body).toBe('{"a":1}')
  })

  it('retries only once', async () => {
    const fn = vi.fn<typeof fetch>(async () => jsonResponse(403, { error: { code: 'csrf_failed', message: 'bad token' } }))
    const refreshCsrf = vi.fn(async () => undefined)
    configureHttp({ fetch: fn, csrfToken: () => 't', refreshCsrf })
    const err = (await http.delete('/x').catch((e: unknown) => e)) as ApiError
    expect(err.code).toBe('csrf_failed')
    expect(fn).toHaveBeenCalledTimes(2)
    expect(refreshCsrf).toHaveBeenCalledTimes(1)
  })

  it('does not retry other 403s, safe methods, or when the refresh fails', async () => {
    const refreshCsrf = vi.fn(async () => undefined)
    let fn = vi.fn<typeof fetch>(async () => jsonResponse(403, { error: { code: 'forbidden', message: 'no' } }))
    configureHttp({ fetch: fn, refreshCsrf })
    await expect(http.post('/x')).rejects.toMatchObject({ code: 'forbidden' })
    expect(fn).toHaveBeenCalledTimes(1)

    fn = vi.fn<typeof fetch>(async () => jsonResponse(403, { error: { code: 'csrf_failed', message: 'x' } }))
    configureHttp({ fetch: fn })
    await expect(http.get('/x')).rejects.toMatchObject({ code: 'csrf_failed' })
    expect(fn).toHaveBeenCalledTimes(1)
    expect(refreshCsrf).not.toHaveBeenCalled()

    configureHttp({ refreshCsrf: () => Promise.reject(new Error('offline')) })
    await expect(http.put('/x', {})).rejects.toMatchObject({ code: 'csrf_failed' })
    expect(fn).toHaveBeenCalledTimes(2)
  })

  it('reports every 401 to the unauthorized hook and still rejects', async () => {
    const unauthorized = vi.fn()
    configureHttp({ fetch: async () => jsonResponse(401, { error: { code: 'unauthenticated', message: '请先登录' } }), unauthorized })
    const err = (await http.get('/admin/users', { query: { page: 2 } }).catch((e: unknown) => e)) as ApiError
    expect(err.status).toBe(401)
    expect(unauthorized).toHaveBeenCalledTimes(1)
    expect(unauthorized.mock.calls[0]?.[0]).toBe(err)
    expect(unauthorized.mock.calls[0]?.[1]).toBe('/admin/users')
  })
})

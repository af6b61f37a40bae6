// Typed fetch wrapper for the Zhaoyin API (base /api/v1).
//
// - JSON in and out (a `Blob` body is sent as raw bytes, for uploads); `credentials: 'same-origin'`
//   so the session cookie goes along.
// - Sends `Accept-Language` from the current UI locale (set through `configureHttp`).
// - Unsafe methods (POST, PUT, PATCH, DELETE) carry `X-CSRF-Token` from the `csrfToken` hook (the
//   session store). A 403 `csrf_failed` calls `refreshCsrf` (re-reads /auth/me) and retries once.
// - Any other 401 goes to the `unauthorized` hook (the session store sends the user to sign in).
// - Every failure becomes an `ApiError`: server errors `{"error":{"code","message","fields"}}` keep
//   their code, message and fields; anything else gets a synthetic code (`network_error`,
//   `bad_response`, `http_<status>`, `aborted`).

export const API_BASE = '/api/v1'

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

const UNSAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The JSON error body every API endpoint returns on failure. */
export interface ApiErrorBody {
  error: {
    code: string
    message: string
    fields?: Record<string, string>
  }
}

/** Codes produced on the client side (never sent by the server). */
export type ClientErrorCode = 'network_error' | 'bad_response' | 'aborted'

export class ApiError extends Error {
  /** HTTP status, or 0 when no response arrived (network failure, abort). */
  readonly status: number
  /** Machine-readable code, e.g. `not_found`, `validation_failed`, `network_error`. */
  readonly code: string
  /** Per-field validation messages, keyed by field name. */
  readonly fields: Readonly<Record<string, string>>

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
  }

  get isNetworkError(): boolean {
    return this.code === 'network_error'
  }

  get isNotFound(): boolean {
    return this.status === 404
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Returns the error body if `value` has the documented shape, otherwise null. */
export function parseErrorBody(value: unknown): ApiErrorBody['error'] | null {
  if (!isRecord(value) || !isRecord(value.error)) return null
  const { code, message, fields } = value.error
  if (typeof code !== 'string' || code === '') return null
  const result: ApiErrorBody['error'] = { code, message: typeof message === 'string' ? message : code }
  if (isRecord(fields)) {
    const clean: Record<string, string> = {}
    for (const [key, text] of Object.entries(fields)) {
      if (typeof text === 'string') clean[key] = text
    }
    result.fields = clean
  }
  return result
}

export interface HttpHooks {
  /** Current UI locale (BCP 47), sent as Accept-Language. */
  locale?: () => string | null | undefined
  /** CSRF token for unsafe methods; return null while there is no session. */
  csrfToken?: () => string | null | undefined
  /** Called on 403 `csrf_failed`; resolves once a fresh token is available, then the request is retried once. */
  refreshCsrf?: () => Promise<unknown>
  /** Called on every 401 (after the error is built); the request still rejects. */
  unauthorized?: (error: ApiError, path: string) => void
  /** The fetch implementation (tests replace it). */
  fetch?: typeof fetch
}

const hooks: HttpHooks = {}

/** Registers hooks; keys given replace earlier ones, `undefined` removes one. */
export function configureHttp(next: HttpHooks): void {
  for (const key of Object.keys(next) as (keyof HttpHooks)[]) {
    if (next[key] === undefined) delete hooks[key]
    else (hooks as Record<string, unknown>)[key] = next[key]
  }
}

/** Clears all hooks (for tests). */
export function resetHttp(): void {
  for (const key of Object.keys(hooks) as (keyof HttpHooks)[]) delete hooks[key]
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[]

export interface RequestOptions {
  query?: Record<string, QueryValue>
  body?: unknown
  signal?: AbortSignal
  headers?: Record<string, string>
}

/** Builds `/api/v1/<path>?<query>`; skips null, undefined and empty-string values. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const clean = path.startsWith('/') ? path : `/${path}`
  const url = clean.startsWith(`${API_BASE}/`) || clean === API_BASE ? clean : `${API_BASE}${clean}`
  if (!query) return url
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) {
      for (const item of value as readonly (string | number)[]) params.append(key, String(item))
    } else {
      params.append(key, String(value))
    }
  }
  const qs = params.toString()
  return qs ? `${url}?${qs}` : url
}

function isAbort(err: unknown): boolean {
  return isRecord(err) && (err as { name?: unknown }).name === 'AbortError'
}

/** The error code the server sends when the CSRF token is missing or stale. */
export const CSRF_FAILED = 'csrf_failed'

export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(method, path, options)
  } catch (err) {
    if (err instanceof ApiError && err.status === 403 && err.code === CSRF_FAILED && UNSAFE_METHODS.has(method) && hooks.refreshCsrf) {
      const refreshed = await hooks.refreshCsrf().then(
        () => true,
        () => false,
      )
      if (!refreshed) throw err
      return send<T>(method, path, options).catch((again: unknown) => {
        notifyUnauthorized(again, path)
        throw again
      })
    }
    notifyUnauthorized(err, path)
    throw err
  }
}

function notifyUnauthorized(err: unknown, path: string): void {
  if (err instanceof ApiError && err.status === 401) hooks.unauthorized?.(err, path)
}

async function send<T>(method: HttpMethod, path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
  const locale = hooks.locale?.()
  if (locale) headers['Accept-Language'] = locale
  if (UNSAFE_METHODS.has(method)) {
    const token = hooks.csrfToken?.()
    if (token) headers['X-CSRF-Token'] = token
  }
  let body: string | Blob | undefined
  if (typeof Blob !== 'undefined' && options.body instanceof Blob) {
    // A file upload: the bytes as they are (the server checks the type by content).
    headers['Content-Type'] = options.body.type || 'application/octet-stream'
    body = options.body
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }

  const doFetch = hooks.fetch ?? globalThis.fetch.bind(globalThis)
  let response: Response
  try {
    response = await doFetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    })
  } catch (err) {
    if (isAbort(err)) throw new ApiError(0, 'aborted', 'Request aborted')
    throw new ApiError(0, 'network_error', err instanceof Error ? err.message : 'Network error')
  }

  const text = await response.text().catch(() => '')
  let data: unknown = undefined
  if (text !== '') {
    try {
      data = JSON.parse(text)
    } catch {
      data = undefined
      if (response.ok) throw new ApiError(response.status, 'bad_response', 'Response is not valid JSON')
    }
  }

  if (!response.ok) {
    const parsed = parseErrorBody(data)
    if (parsed) throw new ApiError(response.status, parsed.code, parsed.message, parsed.fields)
    throw new ApiError(response.status, `http_${response.status}`, response.statusText || `HTTP ${response.status}`)
  }
  return data as T
}

export const http = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
}

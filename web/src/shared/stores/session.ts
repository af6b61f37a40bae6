// The signed-in user and the CSRF token, from `GET /auth/me` (which always answers 200). Every
// change of session (sign in, register, sign out, password change, TOTP) re-reads /auth/me, which
// also gives the new CSRF token.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { ApiError, isApiError } from '@/shared/api/http'
import { authApi, type LoginBody, type RegisterBody, type User } from '@/shared/api/auth'
import { setServerTime } from '@/shared/serverClock'

function toApiError(err: unknown): ApiError {
  return isApiError(err) ? err : new ApiError(0, 'client_error', err instanceof Error ? err.message : String(err))
}

export const useSessionStore = defineStore('session', () => {
  const user = shallowRef<User | null>(null)
  const csrfToken = ref<string | null>(null)
  /** True once /auth/me has answered (or failed) at least once. */
  const loaded = ref(false)
  /** The last /auth/me failure (the app then treats the visitor as signed out). */
  const error = shallowRef<ApiError | null>(null)
  let pending: Promise<void> | null = null

  const signedIn = computed(() => user.value !== null)
  const permissions = computed<ReadonlySet<string>>(() => new Set(user.value?.permissions ?? []))
  const roles = computed<readonly string[]>(() => user.value?.roles ?? [])
  const mustChangePassword = computed(() => user.value?.must_change_password === true)
  const totpSetupRequired = computed(() => user.value?.totp_setup_required === true)

  function can(permission: string): boolean {
    return permissions.value.has(permission)
  }

  function hasRole(role: string): boolean {
    return roles.value.includes(role)
  }

  /** Re-reads /auth/me; concurrent calls share one request. */
  function refresh(): Promise<void> {
    if (pending) return pending
    pending = authApi
      .me()
      .then((res) => {
        user.value = res?.user ?? null
        csrfToken.value = typeof res?.csrf_token === 'string' && res.csrf_token !== '' ? res.csrf_token : null
        if (typeof res?.server_time === 'string') setServerTime(res.server_time)
        error.value = null
      })
      .catch((err: unknown) => {
        error.value = toApiError(err)
        if (error.value.status === 401 || error.value.status === 404) user.value = null
      })
      .finally(() => {
        loaded.value = true
        pending = null
      })
    return pending
  }

  /** Loads the session once (the route guard calls this before the first page). */
  function ensureLoaded(): Promise<void> {
    return loaded.value && !pending ? Promise.resolve() : refresh()
  }

  async function login(body: LoginBody): Promise<User> {
    const res = await authApi.login(body)
    user.value = res.user
    await refresh()
    return user.value ?? res.user
  }

  async function register(body: RegisterBody): Promise<User> {
    const res = await authApi.register(body)
    user.value = res.user
    await refresh()
    return user.value ?? res.user
  }

  /** Ends this session. The local state is cleared even when the server call fails. */
  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } catch (err) {
      if (!(isApiError(err) && err.status === 401)) {
        user.value = null
        await refresh()
        throw err
      }
    }
    user.value = null
    await refresh()
  }

  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await authApi.changePassword({ current_password: currentPassword, new_password: newPassword })
    await refresh()
  }

  async function enableTotp(code: string): Promise<void> {
    await authApi.totpEnable(code)
    await refresh()
  }

  /** Forgets the user (after a 401: the session ended on the server). */
  function markSignedOut(): void {
    user.value = null
  }

  return {
    user,
    csrfToken,
    loaded,
    error,
    signedIn,
    permissions,
    roles,
    mustChangePassword,
    totpSetupRequired,
    can,
    hasRole,
    refresh,
    ensureLoaded,
    login,
    register,
    logout,
    changePassword,
    enableTotp,
    markSignedOut,
  }
})

export type SessionStore = ReturnType<typeof useSessionStore>

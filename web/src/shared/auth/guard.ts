// Route access rules, kept free of Vue so that they can be tested on their own.
import type { LocationQuery, RouteLocationRaw, RouteMeta, RouteRecordNameGeneric } from 'vue-router'
import type { Area } from '@/router'

export interface AccessState {
  signedIn: boolean
  mustChangePassword: boolean
  totpSetupRequired: boolean
  can: (permission: string) => boolean
}

export interface AccessTarget {
  fullPath: string
  path: string
  name?: RouteRecordNameGeneric | null
  meta: RouteMeta
  query: LocationQuery
}

/** Named routes of the identity pages in each area. */
export const AUTH_ROUTES = {
  portal: {
    login: 'portal-login',
    password: 'portal-password',
    totp: 'portal-totp',
    home: 'portal-account',
    forbidden: 'portal-home',
  },
  console: {
    login: 'console-login',
    password: 'console-password',
    totp: 'console-totp',
    home: 'console-overview',
    forbidden: 'console-forbidden',
  },
} as const satisfies Record<Area, Record<string, string>>

export function areaOf(target: Pick<AccessTarget, 'meta' | 'path'>): Area {
  if (target.meta.area) return target.meta.area
  return target.path === '/console' || target.path.startsWith('/console/') ? 'console' : 'portal'
}

/** Accepts only paths inside this site (`/x`, not `//host` or `/\\host`). */
export function safeRedirect(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value
  if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\')) return null
  return v
}

export function loginLocation(area: Area, redirect?: string | null): RouteLocationRaw {
  return { name: AUTH_ROUTES[area].login, query: redirect ? { redirect } : {} }
}

/** Where to go after signing in (or when a signed-in user opens a sign-in page). */
export function afterLoginLocation(area: Area, query: LocationQuery): RouteLocationRaw {
  const redirect = safeRedirect(query.redirect)
  return redirect ?? { name: AUTH_ROUTES[area].home }
}

/** `true` to let the navigation through, otherwise where to send the user instead. */
export function decideAccess(to: AccessTarget, state: AccessState): true | RouteLocationRaw {
  const area = areaOf(to)
  const names = AUTH_ROUTES[area]

  if (state.signedIn) {
    if (state.mustChangePassword) {
      if (to.meta.forced === 'password') return true
      return { name: names.password, query: redirectQuery(to) }
    }
    if (state.totpSetupRequired) {
      if (to.meta.forced === 'totp') return true
      return { name: names.totp, query: redirectQuery(to) }
    }
    if (to.meta.guestOnly) return afterLoginLocation(area, to.query)
  } else if (to.meta.requiresAuth || to.meta.forced) {
    return loginLocation(area, to.fullPath)
  }

  if (to.meta.permission && !state.can(to.meta.permission)) return { name: names.forbidden }
  return true
}

function redirectQuery(to: AccessTarget): LocationQuery {
  if (to.meta.forced || to.meta.guestOnly) {
    const redirect = safeRedirect(to.query.redirect)
    return redirect ? { redirect } : {}
  }
  return { redirect: to.fullPath }
}

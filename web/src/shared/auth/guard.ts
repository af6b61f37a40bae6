// Route access rules, kept free of Vue so that they can be tested on their own.
import type { LocationQuery, RouteLocationRaw, RouteMeta, RouteRecordNameGeneric } from 'vue-router'
import type { Area } from '@/router'
import { adminRolesOf } from '@/shared/roles'

/** What decides whether a user may open a page (the session store has all of it). */
export interface PageAccess {
  signedIn: boolean
  can: (permission: string) => boolean
  /** The user's role codes; without them no administrative-role scope applies. */
  roles?: readonly string[]
}

export interface AccessState extends PageAccess {
  mustChangePassword: boolean
  totpSetupRequired: boolean
}

export interface AccessOptions {
  /**
   * Name of the first page this user may open in the area (their landing page), or null. The area
   * home sends a user who may not open it there instead of to the no-access page.
   */
  landing?: (area: Area) => string | null
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

/**
 * Separation of duties: a user holding an administrative role sees only the signed-in pages that
 * name one of their administrative roles in `meta.adminRoles`. Public, sign-in and forced-step pages
 * are open to everyone; users without an administrative role are not affected.
 */
export function withinAdminScope(meta: RouteMeta, roles: readonly string[] = []): boolean {
  const mine = adminRolesOf(roles)
  if (mine.length === 0 || !meta.requiresAuth) return true
  return meta.adminRoles?.some((r) => mine.includes(r)) ?? false
}

/** True when the user may open a page with this meta (session, permission, administrative scope). */
export function mayOpen(meta: RouteMeta, access: PageAccess): boolean {
  if (meta.requiresAuth && !access.signedIn) return false
  if (meta.permission && !access.can(meta.permission)) return false
  return withinAdminScope(meta, access.roles)
}

/** `true` to let the navigation through, otherwise where to send the user instead. */
export function decideAccess(to: AccessTarget, state: AccessState, options: AccessOptions = {}): true | RouteLocationRaw {
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

  if (mayOpen(to.meta, state) || to.name === names.forbidden) return true
  if (to.name === names.home) {
    const landing = options.landing?.(area)
    if (landing && landing !== to.name) return { name: landing }
  }
  return { name: names.forbidden }
}

function redirectQuery(to: AccessTarget): LocationQuery {
  if (to.meta.forced || to.meta.guestOnly) {
    const redirect = safeRedirect(to.query.redirect)
    return redirect ? { redirect } : {}
  }
  return { redirect: to.fullPath }
}

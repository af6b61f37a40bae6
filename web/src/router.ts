import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router'
import { consoleRoutes } from '@/console/routes'
import { portalRoutes } from '@/portal/routes'
import type { AdminRole } from '@/shared/roles'

export type Area = 'portal' | 'console'

/** Header menus of related pages. */
export type NavGroup = 'information' | 'mine' | 'insight' | 'casework' | 'reference' | 'settings'

declare module 'vue-router' {
  interface RouteMeta {
    /** Which area the page belongs to. */
    area?: Area
    /** Locale key of the page title (also the nav label). */
    titleKey?: string
    /** Shown in the area's navigation, in `navOrder` order. */
    nav?: boolean
    navOrder?: number
    /** Pages of one kind share a menu in the header (a page alone in its group shows as a link). */
    navGroup?: NavGroup
    /** Needs a signed-in user (anonymous visitors go to the area's sign-in page). */
    requiresAuth?: boolean
    /** Permission code (`domain:entity:action`) the page needs; the nav hides it otherwise. */
    permission?: string
    /**
     * Administrative roles whose work this signed-in page is (separation of duties): a user holding
     * an administrative role opens only pages that list it; other users are not affected.
     */
    adminRoles?: readonly AdminRole[]
    /** Administrative roles that land on this page after signing in (before the nav's first). */
    landingFor?: readonly AdminRole[]
    /** Sign-in and register pages: a signed-in user is sent on. */
    guestOnly?: boolean
    /** The page that completes a forced step (password change or TOTP setup). */
    forced?: 'password' | 'totp'
  }
}

export const routes: RouteRecordRaw[] = [
  ...portalRoutes,
  ...consoleRoutes,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/shared/views/NotFoundView.vue'),
    meta: { titleKey: 'notFound.title' },
  },
]

export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  return createRouter({
    history,
    routes,
    scrollBehavior(to, _from, saved) {
      if (saved) return saved
      if (to.hash) return { el: to.hash }
      return { top: 0 }
    },
  })
}

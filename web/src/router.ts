import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router'
import { consoleRoutes } from '@/console/routes'
import { portalRoutes } from '@/portal/routes'

export type Area = 'portal' | 'console'

declare module 'vue-router' {
  interface RouteMeta {
    /** Which area the page belongs to. */
    area?: Area
    /** Locale key of the page title (also the nav label). */
    titleKey?: string
    /** Shown in the area's navigation, in `navOrder` order. */
    nav?: boolean
    navOrder?: number
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

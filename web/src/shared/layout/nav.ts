import type { RouteRecordNormalized } from 'vue-router'
import type { Area } from '@/router'

export interface NavItem {
  name: string
  path: string
  titleKey: string
}

/** What the nav needs to know about the visitor; without it every page is listed. */
export interface NavAccess {
  signedIn: boolean
  can: (permission: string) => boolean
}

/**
 * Navigation entries of one area, built from the registered routes (only pages that exist), and
 * only those the visitor may open: pages needing a session are hidden from anonymous visitors and
 * pages needing a permission from those without it.
 */
export function navItems(routes: readonly RouteRecordNormalized[], area: Area, access?: NavAccess): NavItem[] {
  return routes
    .filter((r) => r.meta.area === area && r.meta.nav === true && typeof r.name === 'string' && r.meta.titleKey)
    .filter((r) => !access || ((!r.meta.requiresAuth || access.signedIn) && (!r.meta.permission || access.can(r.meta.permission))))
    .sort((a, b) => (a.meta.navOrder ?? 0) - (b.meta.navOrder ?? 0))
    .map((r) => ({ name: String(r.name), path: r.path, titleKey: r.meta.titleKey ?? '' }))
}

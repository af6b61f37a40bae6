import type { RouteRecordNormalized } from 'vue-router'
import type { Area } from '@/router'
import { mayOpen, type PageAccess } from '@/shared/auth/guard'

export interface NavItem {
  name: string
  path: string
  titleKey: string
}

/** What the nav needs to know about the visitor; without it every page is listed. */
export type NavAccess = PageAccess

/**
 * Navigation entries of one area, built from the registered routes (only pages that exist), and
 * only those the visitor may open: pages needing a session are hidden from anonymous visitors,
 * pages needing a permission from those without it, and pages outside an administrator's role
 * (`meta.adminRoles`) from administrators.
 */
export function navItems(routes: readonly RouteRecordNormalized[], area: Area, access?: NavAccess): NavItem[] {
  return routes
    .filter((r) => r.meta.area === area && r.meta.nav === true && typeof r.name === 'string' && r.meta.titleKey)
    .filter((r) => !access || mayOpen(r.meta, access))
    .sort((a, b) => (a.meta.navOrder ?? 0) - (b.meta.navOrder ?? 0))
    .map((r) => ({ name: String(r.name), path: r.path, titleKey: r.meta.titleKey ?? '' }))
}

/** The first page of the area's nav this visitor may open (where they land after signing in). */
export function landingPage(routes: readonly RouteRecordNormalized[], area: Area, access: NavAccess): string | null {
  return navItems(routes, area, access)[0]?.name ?? null
}

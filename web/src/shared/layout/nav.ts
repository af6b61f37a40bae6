import type { RouteRecordNormalized } from 'vue-router'
import type { Area } from '@/router'

export interface NavItem {
  name: string
  path: string
  titleKey: string
}

/** Navigation entries of one area, built from the registered routes (only pages that exist). */
export function navItems(routes: readonly RouteRecordNormalized[], area: Area): NavItem[] {
  return routes
    .filter((r) => r.meta.area === area && r.meta.nav === true && typeof r.name === 'string' && r.meta.titleKey)
    .sort((a, b) => (a.meta.navOrder ?? 0) - (b.meta.navOrder ?? 0))
    .map((r) => ({ name: String(r.name), path: r.path, titleKey: r.meta.titleKey ?? '' }))
}

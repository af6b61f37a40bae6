import type { RouteRecordNormalized } from 'vue-router'
import type { Area, NavGroup } from '@/router'
import { mayOpen, type PageAccess } from '@/shared/auth/guard'
import { adminRolesOf } from '@/shared/roles'

export interface NavItem {
  name: string
  path: string
  titleKey: string
  group?: NavGroup
}

/** One place in the header: a page, or a menu of related pages. */
export type NavEntry =
  | { kind: 'link'; item: NavItem }
  | { kind: 'group'; group: NavGroup; titleKey: string; items: NavItem[] }

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
    .map((r) => ({ name: String(r.name), path: r.path, titleKey: r.meta.titleKey ?? '', group: r.meta.navGroup }))
}

/**
 * Where this visitor lands after signing in: the page naming one of their administrative roles in
 * `meta.landingFor`, else the first page of the area's nav they may open.
 */
export function landingPage(routes: readonly RouteRecordNormalized[], area: Area, access: NavAccess): string | null {
  const items = navItems(routes, area, access)
  const mine = adminRolesOf(access.roles ?? [])
  const own = items.find((i) => routes.find((r) => r.name === i.name)?.meta.landingFor?.some((role) => mine.includes(role)))
  return (own ?? items[0])?.name ?? null
}

/**
 * The header's entries: pages of one group become one menu, placed where its first page is; a
 * group with a single page the visitor may open is shown as that page's link.
 */
export function navEntries(items: readonly NavItem[]): NavEntry[] {
  const entries: NavEntry[] = []
  const menus = new Map<NavGroup, NavItem[]>()
  for (const item of items) {
    if (!item.group) {
      entries.push({ kind: 'link', item })
      continue
    }
    const menu = menus.get(item.group)
    if (menu) {
      menu.push(item)
      continue
    }
    const created = [item]
    menus.set(item.group, created)
    entries.push({ kind: 'group', group: item.group, titleKey: `nav.group.${item.group}`, items: created })
  }
  return entries.map((e) => {
    const [only, ...more] = e.kind === 'group' ? e.items : []
    return only && more.length === 0 ? { kind: 'link', item: only } : e
  })
}

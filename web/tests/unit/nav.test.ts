import { describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter } from '@/router'
import { landingPage, navEntries, navItems } from '@/shared/layout/nav'

describe('navigation', () => {
  const router = createAppRouter(createMemoryHistory())
  // The portal pages every visitor sees, in nav order.
  const PUBLIC_PORTAL_PAGES = ['/', '/policies', '/news', '/regulations', '/costs', '/parks', '/lounge', '/directory']

  it('lists the portal pages in order', () => {
    expect(navItems(router.getRoutes(), 'portal').map((i) => i.path)).toEqual([...PUBLIC_PORTAL_PAGES, '/intents', '/projects', '/consultations'])
  })

  it('lists the console pages in order', () => {
    expect(navItems(router.getRoutes(), 'console').map((i) => [i.path, i.titleKey])).toEqual([
      ['/console', 'nav.overview'],
      ['/console/dashboard/overview', 'dashboard.nav'],
      ['/console/rankings', 'ranking.nav'],
      ['/console/inbox', 'intake.inbox.title'],
      ['/console/consultations', 'consult.inbox.title'],
      ['/console/projects', 'dispatch.nav.projects'],
      ['/console/documents', 'content.console.title'],
      ['/console/accounts', 'nav.accounts'],
      ['/console/units', 'nav.units'],
      ['/console/industries', 'nav.industries'],
      ['/console/parks', 'nav.parksConsole'],
      ['/console/my-unit', 'nav.myUnit'],
      ['/console/security', 'nav.security'],
      ['/console/audit', 'nav.audit'],
      ['/console/contests', 'nav.contests'],
      ['/console/routing-rules', 'nav.routingRules'],
      ['/console/calendar', 'nav.calendar'],
    ])
  })

  it('shows only the pages the visitor may open', () => {
    const paths = (signedIn: boolean, perms: string[]) =>
      navItems(router.getRoutes(), 'console', { signedIn, can: (p) => perms.includes(p) }).map((i) => i.path)
    expect(paths(false, [])).toEqual([])
    expect(paths(true, [])).toEqual(['/console', '/console/units', '/console/industries'])
    expect(paths(true, ['identity:member:read'])).toEqual(['/console', '/console/units', '/console/industries', '/console/my-unit'])
    expect(paths(true, ['audit:entry:read', 'audit:entry:export'])).toEqual([
      '/console',
      '/console/units',
      '/console/industries',
      '/console/audit',
    ])
    expect(paths(true, ['identity:user:read', 'identity:role:read'])).toContain('/console/security')
    expect(paths(true, ['intake:routing:read', 'reference:calendar:read'])).toEqual(
      expect.arrayContaining(['/console/routing-rules', '/console/calendar']),
    )
    expect(paths(true, ['reference:calendar:read'])).not.toContain('/console/routing-rules')
    expect(paths(true, ['dashboard:figure:read', 'ranking:snapshot:read'])).toEqual(expect.arrayContaining(['/console/dashboard/overview', '/console/rankings']))
    expect(paths(true, ['ranking:snapshot:read'])).not.toContain('/console/dashboard/overview')
    // The portal's public pages stay visible to everyone.
    expect(navItems(router.getRoutes(), 'portal', { signedIn: false, can: () => false }).map((i) => i.path)).toEqual(PUBLIC_PORTAL_PAGES)
  })

  describe('administrative roles see only their own pages (separation of duties)', () => {
    // Permissions as the server's role catalogue grants them.
    const catalogue: Record<string, string[]> = {
      sys_admin: ['identity:user:read', 'identity:user:create', 'identity:user:update', 'identity:unit:update'],
      sec_admin: ['identity:user:read', 'identity:role:read', 'identity:role:update', 'security:policy:read'],
      auditor: ['audit:entry:read', 'audit:entry:export', 'audit:chain:verify', 'ranking:snapshot:read', 'ranking:live:read', 'dashboard:figure:read', 'dispatch:project:read'],
      unit_staff: ['identity:member:read'],
    }
    const access = (...roles: string[]) => {
      const perms = roles.flatMap((r) => catalogue[r] ?? [])
      return { signedIn: true, roles, can: (p: string) => perms.includes(p) }
    }
    const paths = (...roles: string[]) => navItems(router.getRoutes(), 'console', access(...roles)).map((i) => i.path)

    it('lists exactly the pages of each administrative role, in nav order', () => {
      expect(paths('sys_admin')).toEqual(['/console/accounts', '/console/units'])
      expect(paths('sec_admin')).toEqual(['/console/accounts', '/console/security'])
      // The auditor reads the dashboards, the rankings and the key projects behind the figures.
      expect(paths('auditor')).toEqual(['/console/dashboard/overview', '/console/rankings', '/console/projects', '/console/audit'])
    })

    it('leaves other users alone', () => {
      expect(paths('unit_staff')).toEqual(['/console', '/console/units', '/console/industries', '/console/my-unit'])
      expect(paths()).toEqual(['/console', '/console/units', '/console/industries'])
    })

    it('lands each user on their first page', () => {
      expect(landingPage(router.getRoutes(), 'console', access('sys_admin'))).toBe('console-accounts')
      expect(landingPage(router.getRoutes(), 'console', access('sec_admin'))).toBe('console-accounts')
      expect(landingPage(router.getRoutes(), 'console', access('auditor'))).toBe('console-audit')
      expect(landingPage(router.getRoutes(), 'console', access('unit_staff'))).toBe('console-overview')
      expect(landingPage(router.getRoutes(), 'console', { signedIn: false, can: () => false })).toBeNull()
    })

    it('keeps the account and no-access pages open to every administrative role', () => {
      for (const name of ['console-account', 'console-forbidden', 'portal-account']) {
        const meta = router.getRoutes().find((r) => r.name === name)?.meta
        expect(meta?.adminRoles, name).toEqual(['sys_admin', 'sec_admin', 'auditor'])
      }
    })
  })

  describe('header menus of related pages', () => {
    const shape = (perms: string[]) =>
      navEntries(navItems(router.getRoutes(), 'console', { signedIn: true, can: (p) => perms.includes(p) })).map((e) =>
        e.kind === 'link' ? e.item.path : { [e.titleKey]: e.items.map((i) => i.path) },
      )

    it('folds the pages of one group into one menu, placed where its first page is', () => {
      expect(
        shape([
          'dashboard:figure:read',
          'ranking:snapshot:read',
          'intake:inbox:read',
          'consult:consultation:answer',
          'dispatch:project:read',
          'content:document:write',
          'content:park:write',
          'identity:member:read',
          'reference:calendar:read',
        ]),
      ).toEqual([
        '/console',
        { 'nav.group.insight': ['/console/dashboard/overview', '/console/rankings'] },
        { 'nav.group.casework': ['/console/inbox', '/console/consultations', '/console/projects'] },
        '/console/documents',
        { 'nav.group.reference': ['/console/units', '/console/industries', '/console/parks', '/console/my-unit', '/console/calendar'] },
      ])
    })

    it('gathers the portal\'s information pages into one menu', () => {
      const entries = navEntries(navItems(router.getRoutes(), 'portal', { signedIn: false, can: () => false }))
      expect(entries.map((e) => (e.kind === 'link' ? e.item.path : { [e.titleKey]: e.items.map((i) => i.path) }))).toEqual([
        '/',
        { 'nav.group.information': ['/policies', '/news', '/regulations', '/costs', '/parks'] },
        '/lounge',
        '/directory',
      ])
    })

    it('shows a group with a single page as that page', () => {
      expect(shape(['ranking:snapshot:read', 'dispatch:project:read'])).toEqual([
        '/console',
        '/console/rankings',
        '/console/projects',
        { 'nav.group.reference': ['/console/units', '/console/industries'] },
      ])
    })
  })

  it('resolves unknown paths to the not-found page', () => {
    expect(router.resolve('/no/such/page').name).toBe('not-found')
    expect(router.resolve('/console/units').name).toBe('console-units')
    expect(router.resolve('/console/login').name).toBe('console-login')
    expect(router.resolve('/login').name).toBe('portal-login')
    expect(router.resolve('/register').name).toBe('portal-register')
    expect(router.resolve('/account').name).toBe('portal-account')
    expect(router.resolve('/console/account').name).toBe('console-account')
  })
})

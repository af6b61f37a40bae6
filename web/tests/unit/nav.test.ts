import { describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter } from '@/router'
import { navItems } from '@/shared/layout/nav'

describe('navigation', () => {
  const router = createAppRouter(createMemoryHistory())

  it('lists the portal pages in order', () => {
    expect(navItems(router.getRoutes(), 'portal').map((i) => i.path)).toEqual(['/', '/directory'])
  })

  it('lists the console pages in order', () => {
    expect(navItems(router.getRoutes(), 'console').map((i) => [i.path, i.titleKey])).toEqual([
      ['/console', 'nav.overview'],
      ['/console/units', 'nav.units'],
      ['/console/industries', 'nav.industries'],
      ['/console/my-unit', 'nav.myUnit'],
      ['/console/accounts', 'nav.accounts'],
      ['/console/security', 'nav.security'],
      ['/console/audit', 'nav.audit'],
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
    // The portal's public pages stay visible to everyone.
    expect(navItems(router.getRoutes(), 'portal', { signedIn: false, can: () => false }).map((i) => i.path)).toEqual(['/', '/directory'])
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

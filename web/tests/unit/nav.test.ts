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
    ])
  })

  it('resolves unknown paths to the not-found page', () => {
    expect(router.resolve('/no/such/page').name).toBe('not-found')
    expect(router.resolve('/console/units').name).toBe('console-units')
  })
})

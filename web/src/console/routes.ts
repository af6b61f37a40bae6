import type { RouteRecordRaw } from 'vue-router'

export const consoleRoutes: RouteRecordRaw[] = [
  {
    path: '/console',
    component: () => import('./ConsoleLayout.vue'),
    children: [
      {
        path: '',
        name: 'console-overview',
        component: () => import('./views/OverviewView.vue'),
        meta: { area: 'console', titleKey: 'nav.overview', nav: true, navOrder: 1 },
      },
      {
        path: 'units',
        name: 'console-units',
        component: () => import('./views/UnitsView.vue'),
        meta: { area: 'console', titleKey: 'nav.units', nav: true, navOrder: 2 },
      },
      {
        path: 'industries',
        name: 'console-industries',
        component: () => import('./views/IndustriesView.vue'),
        meta: { area: 'console', titleKey: 'nav.industries', nav: true, navOrder: 3 },
      },
    ],
  },
]

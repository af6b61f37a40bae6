import type { RouteRecordRaw } from 'vue-router'
import PortalLayout from './PortalLayout.vue'

export const portalRoutes: RouteRecordRaw[] = [
  {
    path: '/',
    component: PortalLayout,
    children: [
      {
        path: '',
        name: 'portal-home',
        component: () => import('./views/HomeView.vue'),
        meta: { area: 'portal', titleKey: 'nav.home', nav: true, navOrder: 1 },
      },
      {
        path: 'directory',
        name: 'portal-directory',
        component: () => import('./views/DirectoryView.vue'),
        meta: { area: 'portal', titleKey: 'nav.directory', nav: true, navOrder: 2 },
      },
    ],
  },
]

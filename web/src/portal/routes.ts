import type { RouteRecordRaw } from 'vue-router'
import { ADMIN_ROLES } from '@/shared/roles'
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
      {
        path: 'search',
        name: 'portal-search',
        component: () => import('./views/SearchView.vue'),
        meta: { area: 'portal', titleKey: 'search.title' },
      },
      {
        path: 'policies',
        name: 'portal-policies',
        component: () => import('./views/PoliciesView.vue'),
        props: { type: 'policy' },
        meta: { area: 'portal', titleKey: 'content.policy.title', nav: true, navOrder: 1.1, navGroup: 'information' },
      },
      {
        path: 'news',
        name: 'portal-news',
        component: () => import('./views/PoliciesView.vue'),
        props: { type: 'news' },
        meta: { area: 'portal', titleKey: 'content.news.title', nav: true, navOrder: 1.15, navGroup: 'information' },
      },
      {
        path: 'regulations',
        name: 'portal-regulations',
        component: () => import('./views/PoliciesView.vue'),
        props: { type: 'regulation' },
        meta: { area: 'portal', titleKey: 'content.regulation.title', nav: true, navOrder: 1.2, navGroup: 'information' },
      },
      {
        // Older links in published texts (`/info/policies?q=…`) open the same pages.
        path: 'info/:page(policies|news|regulations|costs|lounge)',
        redirect: (to) => ({ path: `/${String(to.params.page)}`, query: to.query }),
      },
      {
        path: 'documents/:id(\\d+)',
        name: 'portal-document',
        component: () => import('./views/PolicyDetailView.vue'),
        props: true,
        meta: { area: 'portal', titleKey: 'content.detailTitle' },
      },
      {
        path: 'costs',
        name: 'portal-costs',
        component: () => import('./views/CostsView.vue'),
        meta: { area: 'portal', titleKey: 'content.costs.title', nav: true, navOrder: 1.25, navGroup: 'information' },
      },
      {
        path: 'parks',
        name: 'portal-parks',
        component: () => import('./views/ParksView.vue'),
        meta: { area: 'portal', titleKey: 'parks.title', nav: true, navOrder: 1.3, navGroup: 'information' },
      },
      {
        path: 'parks/:id(\\d+)',
        name: 'portal-park',
        component: () => import('./views/ParkDetailView.vue'),
        props: true,
        meta: { area: 'portal', titleKey: 'parks.title' },
      },
      {
        path: 'lounge',
        name: 'portal-lounge',
        component: () => import('./views/LoungeView.vue'),
        meta: { area: 'portal', titleKey: 'lounge.title', nav: true, navOrder: 1.4 },
      },
      {
        path: 'lounge/:economy(DE|JP|KR|US|EU|SG)',
        name: 'portal-lounge-economy',
        component: () => import('./views/LoungeEconomyView.vue'),
        props: true,
        meta: { area: 'portal', titleKey: 'lounge.title' },
      },
      {
        path: 'consultations',
        name: 'portal-consultations',
        component: () => import('./views/ConsultationsView.vue'),
        meta: { area: 'portal', titleKey: 'consult.mine.title', nav: true, navOrder: 3.6, navGroup: 'mine', requiresAuth: true, permission: 'consult:consultation:read' },
      },
      {
        path: 'consultations/:id(\\d+)',
        name: 'portal-consultation',
        component: () => import('./views/ConsultationDetailView.vue'),
        props: true,
        meta: { area: 'portal', titleKey: 'consult.mine.title', requiresAuth: true, permission: 'consult:consultation:read' },
      },
      {
        path: 'intents',
        name: 'portal-intents',
        component: () => import('./views/MyIntentsView.vue'),
        meta: { area: 'portal', titleKey: 'intake.nav.mine', nav: true, navOrder: 3, navGroup: 'mine', requiresAuth: true, permission: 'intake:intent:create' },
      },
      {
        path: 'intents/new',
        name: 'portal-intent-new',
        component: () => import('./views/IntentFormView.vue'),
        meta: { area: 'portal', titleKey: 'intake.form.title', requiresAuth: true, permission: 'intake:intent:create' },
      },
      {
        path: 'intents/:id(\\d+)',
        name: 'portal-intent',
        component: () => import('./views/IntentView.vue'),
        props: true,
        meta: { area: 'portal', titleKey: 'intake.detail.title', requiresAuth: true, permission: 'intake:intent:read' },
      },
      {
        path: 'projects',
        name: 'portal-projects',
        component: () => import('./views/MyProjectsView.vue'),
        meta: { area: 'portal', titleKey: 'dispatch.nav.myProjects', nav: true, navOrder: 3.5, navGroup: 'mine', requiresAuth: true, permission: 'dispatch:project:read' },
      },
      {
        path: 'login',
        name: 'portal-login',
        component: () => import('@/shared/views/LoginView.vue'),
        props: { area: 'portal' },
        meta: { area: 'portal', titleKey: 'auth.login.title', guestOnly: true },
      },
      {
        path: 'register',
        name: 'portal-register',
        component: () => import('./views/RegisterView.vue'),
        meta: { area: 'portal', titleKey: 'auth.register.title', guestOnly: true },
      },
      {
        path: 'account',
        name: 'portal-account',
        component: () => import('@/shared/views/AccountView.vue'),
        props: { area: 'portal' },
        meta: { area: 'portal', titleKey: 'account.title', requiresAuth: true, adminRoles: ADMIN_ROLES },
      },
      {
        path: 'account/password',
        name: 'portal-password',
        component: () => import('@/shared/views/ForcedPasswordView.vue'),
        props: { area: 'portal' },
        meta: { area: 'portal', titleKey: 'auth.forcedPassword.title', forced: 'password' },
      },
      {
        path: 'account/totp',
        name: 'portal-totp',
        component: () => import('@/shared/views/ForcedTotpView.vue'),
        props: { area: 'portal' },
        meta: { area: 'portal', titleKey: 'auth.forcedTotp.title', forced: 'totp' },
      },
    ],
  },
]

import type { RouteRecordRaw } from 'vue-router'
import { ADMIN_ROLES } from '@/shared/roles'

// Pages of the administrative roles list them in `meta.adminRoles`; a user holding one of those
// roles sees only such pages (separation of duties), the first in nav order being their landing
// page (or the page naming their role in `meta.landingFor`): sys_admin → Accounts, Units;
// sec_admin → Accounts, Roles & security; auditor → Audit trail, and read only the dashboards,
// the rankings and the key projects behind their figures.

/**
 * The read-only pages an auditor opens besides the audit trail: the dashboards, the rankings and
 * the key-project lists behind their figures (the server gives the role those reads).
 */
const AUDITOR_READS = ['auditor'] as const

/** The dashboard modules' pages, each its own chunk (loaded when first opened). */
const DASHBOARD_MODULES = {
  sources: () => import('./views/dashboard/SourcesModule.vue'),
  undertaking: () => import('./views/dashboard/UndertakingModule.vue'),
  ranking: () => import('./views/dashboard/RankingModule.vue'),
  stages: () => import('./views/dashboard/StagesModule.vue'),
  industries: () => import('./views/dashboard/IndustriesModule.vue'),
}

export const consoleRoutes: RouteRecordRaw[] = [
  {
    path: '/console',
    component: () => import('./ConsoleLayout.vue'),
    children: [
      {
        path: 'login',
        name: 'console-login',
        component: () => import('@/shared/views/LoginView.vue'),
        props: { area: 'console' },
        meta: { area: 'console', titleKey: 'auth.login.consoleTitle', guestOnly: true },
      },
      {
        path: '',
        name: 'console-overview',
        component: () => import('./views/OverviewView.vue'),
        meta: { area: 'console', titleKey: 'nav.overview', nav: true, navOrder: 1, requiresAuth: true },
      },
      {
        path: 'units',
        name: 'console-units',
        component: () => import('./views/UnitsView.vue'),
        meta: {
          area: 'console',
          titleKey: 'nav.units',
          nav: true,
          navGroup: 'reference',
          navOrder: 3,
          requiresAuth: true,
          adminRoles: ['sys_admin'],
        },
      },
      {
        path: 'industries',
        name: 'console-industries',
        component: () => import('./views/IndustriesView.vue'),
        meta: { area: 'console', titleKey: 'nav.industries', nav: true, navGroup: 'reference', navOrder: 4, requiresAuth: true },
      },
      {
        path: 'parks',
        name: 'console-parks',
        component: () => import('./views/ParksView.vue'),
        meta: {
          area: 'console',
          titleKey: 'nav.parksConsole',
          nav: true,
          navGroup: 'reference',
          navOrder: 4.5,
          requiresAuth: true,
          permission: 'content:park:write',
        },
      },
      {
        path: 'my-unit',
        name: 'console-my-unit',
        component: () => import('./views/MyUnitView.vue'),
        meta: {
          area: 'console',
          titleKey: 'nav.myUnit',
          nav: true,
          navGroup: 'reference',
          navOrder: 5,
          requiresAuth: true,
          permission: 'identity:member:read',
        },
      },
      {
        path: 'accounts',
        name: 'console-accounts',
        component: () => import('./views/AccountsView.vue'),
        meta: {
          area: 'console',
          titleKey: 'nav.accounts',
          nav: true,
          navOrder: 2,
          requiresAuth: true,
          permission: 'identity:user:read',
          adminRoles: ['sys_admin', 'sec_admin'],
        },
      },
      {
        path: 'security',
        name: 'console-security',
        component: () => import('./views/SecurityView.vue'),
        meta: {
          area: 'console',
          titleKey: 'nav.security',
          nav: true,
          navOrder: 6,
          requiresAuth: true,
          permission: 'identity:role:read',
          adminRoles: ['sec_admin'],
        },
      },
      {
        path: 'audit',
        name: 'console-audit',
        component: () => import('./views/AuditView.vue'),
        meta: {
          area: 'console',
          titleKey: 'nav.audit',
          nav: true,
          navOrder: 7,
          requiresAuth: true,
          permission: 'audit:entry:read',
          adminRoles: ['auditor'],
          // The auditor's own work, ahead of the dashboards they may also read.
          landingFor: ['auditor'],
        },
      },
      {
        path: 'inbox',
        name: 'console-inbox',
        component: () => import('./views/InboxView.vue'),
        meta: {
          area: 'console',
          titleKey: 'intake.inbox.title',
          nav: true,
          navGroup: 'casework',
          // Right after the overview, before the pages of the administrative roles.
          navOrder: 1.5,
          requiresAuth: true,
          permission: 'intake:inbox:read',
        },
      },
      {
        path: 'consultations',
        name: 'console-consultations',
        component: () => import('./views/ConsultationsView.vue'),
        meta: {
          area: 'console',
          titleKey: 'consult.inbox.title',
          nav: true,
          navGroup: 'casework',
          // Beside the intents inbox: questions have working-day deadlines too.
          navOrder: 1.55,
          requiresAuth: true,
          permission: 'consult:consultation:answer',
        },
      },
      {
        path: 'consultations/:id(\\d+)',
        name: 'console-consultation',
        component: () => import('./views/ConsultationDetailView.vue'),
        props: true,
        meta: { area: 'console', titleKey: 'consult.inbox.title', requiresAuth: true, permission: 'consult:consultation:answer' },
      },
      {
        path: 'documents',
        name: 'console-documents',
        component: () => import('./views/DocumentsView.vue'),
        meta: { area: 'console', titleKey: 'content.console.title', nav: true, navOrder: 1.7, requiresAuth: true, permission: 'content:document:write' },
      },
      {
        path: 'documents/new',
        name: 'console-document-new',
        component: () => import('./views/DocumentEditView.vue'),
        meta: { area: 'console', titleKey: 'content.console.new', requiresAuth: true, permission: 'content:document:write' },
      },
      {
        path: 'documents/:id(\\d+)',
        name: 'console-document',
        component: () => import('./views/DocumentEditView.vue'),
        props: true,
        meta: { area: 'console', titleKey: 'content.console.title', requiresAuth: true, permission: 'content:document:write' },
      },
      {
        path: 'intents/:id(\\d+)',
        name: 'console-intent',
        component: () => import('./views/IntentDetailView.vue'),
        props: true,
        meta: { area: 'console', titleKey: 'intake.detail.title', requiresAuth: true, permission: 'intake:intent:read' },
      },
      {
        path: 'projects',
        name: 'console-projects',
        component: () => import('./views/ProjectsView.vue'),
        meta: {
          area: 'console',
          titleKey: 'dispatch.nav.projects',
          nav: true,
          navGroup: 'casework',
          // After the inbox: dispatch is the daily work of the bureau and the units.
          navOrder: 1.6,
          requiresAuth: true,
          permission: 'dispatch:project:read',
          adminRoles: AUDITOR_READS,
        },
      },
      {
        path: 'projects/:id(\\d+)',
        name: 'console-project',
        component: () => import('./views/ProjectDetailView.vue'),
        props: true,
        meta: { area: 'console', titleKey: 'dispatch.detail.title', requiresAuth: true, permission: 'dispatch:project:read', adminRoles: AUDITOR_READS },
      },
      {
        path: 'meetings',
        name: 'console-meetings',
        component: () => import('./views/MeetingsView.vue'),
        meta: { area: 'console', titleKey: 'dispatch.nav.meetings', requiresAuth: true, permission: 'dispatch:meeting:read' },
      },
      {
        path: 'meetings/:id(\\d+)',
        name: 'console-meeting',
        component: () => import('./views/MeetingDetailView.vue'),
        props: true,
        meta: { area: 'console', titleKey: 'dispatch.meetings.detailTitle', requiresAuth: true, permission: 'dispatch:meeting:read' },
      },
      {
        path: 'instructions',
        name: 'console-instructions',
        component: () => import('./views/InstructionsView.vue'),
        meta: { area: 'console', titleKey: 'dispatch.nav.instructions', requiresAuth: true, permission: 'dispatch:instruction:read' },
      },
      {
        // Where notifications link to: the list with this one open.
        path: 'instructions/:id(\\d+)',
        name: 'console-instruction',
        component: () => import('./views/InstructionsView.vue'),
        props: true,
        meta: { area: 'console', titleKey: 'dispatch.nav.instructions', requiresAuth: true, permission: 'dispatch:instruction:read' },
      },
      {
        path: 'tickets',
        name: 'console-tickets',
        component: () => import('./views/TicketsView.vue'),
        meta: { area: 'console', titleKey: 'dispatch.nav.tickets', requiresAuth: true, permission: 'dispatch:ticket:read' },
      },
      {
        // Where notifications link to: the list with this one open.
        path: 'tickets/:id(\\d+)',
        name: 'console-ticket',
        component: () => import('./views/TicketsView.vue'),
        props: true,
        meta: { area: 'console', titleKey: 'dispatch.nav.tickets', requiresAuth: true, permission: 'dispatch:ticket:read' },
      },
      {
        path: 'rounds',
        name: 'console-rounds',
        component: () => import('./views/RoundsView.vue'),
        meta: { area: 'console', titleKey: 'dispatch.nav.rounds', requiresAuth: true, permission: 'dispatch:round:read' },
      },
      {
        path: 'rounds/:id(\\d+)',
        name: 'console-round',
        component: () => import('./views/RoundDetailView.vue'),
        props: true,
        meta: { area: 'console', titleKey: 'dispatch.nav.rounds', requiresAuth: true, permission: 'dispatch:round:read' },
      },
      {
        path: 'events',
        name: 'console-events',
        component: () => import('./views/EventsView.vue'),
        meta: { area: 'console', titleKey: 'dispatch.nav.events', requiresAuth: true, permission: 'dispatch:event:read' },
      },
      {
        path: 'events/:id(\\d+)',
        name: 'console-event',
        component: () => import('./views/EventDetailView.vue'),
        props: true,
        meta: { area: 'console', titleKey: 'dispatch.nav.events', requiresAuth: true, permission: 'dispatch:event:read' },
      },
      {
        // 领导驾驶舱: the six dashboard modules (each loaded when first opened) and the indicator editor.
        path: 'dashboard',
        component: () => import('./views/dashboard/DashboardView.vue'),
        meta: { area: 'console', requiresAuth: true, permission: 'dashboard:figure:read', adminRoles: AUDITOR_READS },
        children: [
          { path: '', redirect: { name: 'console-dashboard-overview' } },
          {
            path: 'overview',
            name: 'console-dashboard-overview',
            component: () => import('./views/dashboard/OverviewModule.vue'),
            // Right after the overview page: the leaders' first stop.
            meta: { area: 'console', titleKey: 'dashboard.nav', nav: true, navGroup: 'insight', navOrder: 1.2, requiresAuth: true, permission: 'dashboard:figure:read', adminRoles: AUDITOR_READS },
          },
          ...(['sources', 'undertaking', 'ranking', 'stages', 'industries'] as const).map((module) => ({
            path: module,
            name: `console-dashboard-${module}`,
            component: DASHBOARD_MODULES[module],
            meta: { area: 'console' as const, titleKey: `dashboard.tab.${module}`, requiresAuth: true, permission: 'dashboard:figure:read', adminRoles: AUDITOR_READS },
          })),
          {
            path: 'indicators',
            name: 'console-indicators',
            component: () => import('./views/dashboard/IndicatorsView.vue'),
            meta: { area: 'console', titleKey: 'dashboard.tab.indicators', requiresAuth: true, permission: 'dashboard:indicator:write' },
          },
        ],
      },
      {
        // The wall display: no console chrome (ConsoleLayout leaves the shell out for it).
        path: 'screen',
        name: 'console-screen',
        component: () => import('./views/BigScreenView.vue'),
        meta: { area: 'console', titleKey: 'dashboard.screen.title', requiresAuth: true, permission: 'dashboard:figure:read', adminRoles: AUDITOR_READS },
      },
      {
        path: 'rankings',
        name: 'console-rankings',
        component: () => import('./views/ranking/RankingSnapshotsView.vue'),
        meta: { area: 'console', titleKey: 'ranking.nav', nav: true, navGroup: 'insight', navOrder: 1.3, requiresAuth: true, permission: 'ranking:snapshot:read', adminRoles: AUDITOR_READS },
      },
      {
        path: 'rankings/live',
        name: 'console-ranking-live',
        component: () => import('./views/ranking/RankingLiveView.vue'),
        meta: { area: 'console', titleKey: 'ranking.live.tab', requiresAuth: true, permission: 'ranking:live:read', adminRoles: AUDITOR_READS },
      },
      {
        path: 'rankings/config',
        name: 'console-ranking-config',
        component: () => import('./views/ranking/RankingConfigView.vue'),
        meta: { area: 'console', titleKey: 'ranking.config.tab', requiresAuth: true, permission: 'ranking:config:write' },
      },
      {
        path: 'rankings/:id(\\d+)',
        name: 'console-ranking',
        component: () => import('./views/ranking/RankingSnapshotView.vue'),
        props: true,
        meta: { area: 'console', titleKey: 'ranking.snapshots.title', requiresAuth: true, permission: 'ranking:snapshot:read', adminRoles: AUDITOR_READS },
      },
      {
        path: 'contests',
        name: 'console-contests',
        component: () => import('./views/ContestsView.vue'),
        meta: {
          area: 'console',
          titleKey: 'nav.contests',
          nav: true,
          navGroup: 'settings',
          navOrder: 19,
          requiresAuth: true,
          permission: 'intake:board:decide',
        },
      },
      {
        path: 'routing-rules',
        name: 'console-routing-rules',
        component: () => import('./views/RoutingRulesView.vue'),
        meta: {
          area: 'console',
          titleKey: 'nav.routingRules',
          nav: true,
          navGroup: 'settings',
          navOrder: 20,
          requiresAuth: true,
          permission: 'intake:routing:read',
        },
      },
      {
        path: 'calendar',
        name: 'console-calendar',
        component: () => import('./views/CalendarView.vue'),
        meta: {
          area: 'console',
          titleKey: 'nav.calendar',
          nav: true,
          navGroup: 'reference',
          navOrder: 21,
          requiresAuth: true,
          permission: 'reference:calendar:read',
        },
      },
      {
        path: 'account',
        name: 'console-account',
        component: () => import('@/shared/views/AccountView.vue'),
        props: { area: 'console' },
        meta: { area: 'console', titleKey: 'account.title', requiresAuth: true, adminRoles: ADMIN_ROLES },
      },
      {
        path: 'password',
        name: 'console-password',
        component: () => import('@/shared/views/ForcedPasswordView.vue'),
        props: { area: 'console' },
        meta: { area: 'console', titleKey: 'auth.forcedPassword.title', forced: 'password' },
      },
      {
        path: 'totp',
        name: 'console-totp',
        component: () => import('@/shared/views/ForcedTotpView.vue'),
        props: { area: 'console' },
        meta: { area: 'console', titleKey: 'auth.forcedTotp.title', forced: 'totp' },
      },
      {
        path: 'no-access',
        name: 'console-forbidden',
        component: () => import('@/shared/views/ForbiddenView.vue'),
        meta: { area: 'console', titleKey: 'forbidden.title', requiresAuth: true, adminRoles: ADMIN_ROLES },
      },
    ],
  },
]

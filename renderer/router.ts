import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import { adminRouteGuard } from './admin/admin-access.js';
import { useSessionStore } from './stores/use-session-store.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** The page's name in the console's navigation; pages without one are not listed. */
    title?: string;
    /** A PrimeIcons class for the navigation link. */
    icon?: string;
    /**
     * The navigation group the page is listed under ('Operate', 'Respond', 'Admin'; see
     * `NAV_GROUPS` in components/nav-groups.ts). Titled pages without one are listed under 'More'.
     */
    group?: string;
    /** An Admin screen: listed and opened for admins only (admin-access.ts). */
    admin?: boolean;
  }
}

/**
 * The console's pages. Hash history, so the same build works from Electron's `app://` protocol and
 * from the relay at `/` (and deep links such as `#/incidents/<id>` need no server routes).
 */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'board', component: () => import('./views/BoardView.vue'), meta: { title: 'Board', icon: 'pi pi-list', group: 'Operate' } },
  { path: '/schedules', name: 'schedules', component: () => import('./calendar/SchedulesView.vue'), meta: { title: 'Schedules', icon: 'pi pi-calendar', group: 'Operate' } },
  { path: '/policies', name: 'policies', component: () => import('./policies/PolicyEditorView.vue'), meta: { title: 'Policies', icon: 'pi pi-sitemap', group: 'Operate' } },
  { path: '/clients', name: 'clients', component: () => import('./clients/ClientsView.vue'), meta: { title: 'Clients', icon: 'pi pi-building', group: 'Respond' } },
  { path: '/wallboards', name: 'wallboards', component: () => import('./wallboard/WallboardTokensView.vue'), meta: { title: 'Wallboards', icon: 'pi pi-desktop', group: 'Admin' } },
  { path: '/incidents/:id', name: 'incident', component: () => import('./views/IncidentDetailView.vue'), props: true },
  { path: '/devices', name: 'devices', component: () => import('./devices/DevicesView.vue'), meta: { title: 'Phones', icon: 'pi pi-mobile', group: 'Admin' } },
  {
    path: '/notifications',
    name: 'notifications',
    component: () => import('./notifications/NotificationsView.vue'),
    meta: { title: 'Notifications', icon: 'pi pi-bell', group: 'Admin' },
  },
  { path: '/stakeholders', name: 'stakeholders', component: () => import('./status-updates/StakeholdersView.vue'), meta: { title: 'Stakeholders', icon: 'pi pi-megaphone', group: 'Respond' } },
  { path: '/connectwise', name: 'connectwise', component: () => import('./connectwise/ConnectWiseView.vue'), meta: { title: 'ConnectWise', icon: 'pi pi-link', group: 'Respond' } },
  { path: '/audit', name: 'audit', component: () => import('./audit/AuditView.vue'), meta: { title: 'Audit', icon: 'pi pi-shield', group: 'Admin' } },
  { path: '/postmortems', name: 'postmortems', component: () => import('./postmortems/PostmortemsView.vue'), meta: { title: 'Post-mortems', icon: 'pi pi-book', group: 'Respond' } },
  { path: '/postmortems/:id', name: 'postmortem', component: () => import('./postmortems/PostmortemEditorView.vue'), props: true },
  { path: '/reports', name: 'reports', component: () => import('./reports/ReportsView.vue'), meta: { title: 'Reports', icon: 'pi pi-chart-bar', group: 'Respond' } },
  { path: '/maintenance', name: 'maintenance', component: () => import('./maintenance/MaintenanceView.vue'), meta: { title: 'Maintenance', icon: 'pi pi-wrench', group: 'Admin' } },
  { path: '/heartbeats', name: 'heartbeats', component: () => import('./heartbeats/HeartbeatsView.vue'), meta: { title: 'Heartbeats', icon: 'pi pi-heart', group: 'Admin' } },
  { path: '/account', name: 'account', component: () => import('./account/AccountView.vue') },
  { path: '/tokens', name: 'tokens', component: () => import('./tokens/ApiTokensView.vue'), meta: { title: 'API tokens', icon: 'pi pi-key', group: 'Admin' } },
  { path: '/history', name: 'history', component: () => import('./history/HistoryView.vue'), meta: { title: 'History', icon: 'pi pi-history', group: 'Operate' } },
  { path: '/intel', name: 'intel', component: () => import('./intel/IntelView.vue'), meta: { title: 'Intelligence', icon: 'pi pi-eye', group: 'Respond' } },
  { path: '/admin/people', name: 'admin-people', component: () => import('./admin/people/AdminPeopleView.vue'), meta: { title: 'People', icon: 'pi pi-user-edit', group: 'Admin', admin: true } },
  { path: '/admin/teams', name: 'admin-teams', component: () => import('./admin/teams/AdminTeamsView.vue'), meta: { title: 'Teams', icon: 'pi pi-users', group: 'Admin', admin: true } },
  { path: '/admin/services', name: 'admin-services', component: () => import('./admin/services/AdminServicesView.vue'), meta: { title: 'Services', icon: 'pi pi-server', group: 'Admin', admin: true } },
  {
    path: '/admin/priority-rules',
    name: 'admin-priority-rules',
    component: () => import('./admin/rules/PriorityRulesView.vue'),
    meta: { title: 'Priority rules', icon: 'pi pi-sort-amount-down', group: 'Admin', admin: true },
  },
];

/** Creates the console's router. */
export function createConsoleRouter() {
  const router = createRouter({ history: createWebHashHistory(), routes });
  router.beforeEach((to) => adminRouteGuard(to, useSessionStore().user?.role));
  return router;
}

import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** The page's name in the console's navigation; pages without one are not listed. */
    title?: string;
    /** A PrimeIcons class for the navigation link. */
    icon?: string;
  }
}

/**
 * The console's pages. Hash history, so the same build works from Electron's `app://` protocol and
 * from the relay at `/` (and deep links such as `#/incidents/<id>` need no server routes).
 */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'board', component: () => import('./views/BoardView.vue'), meta: { title: 'Board', icon: 'pi pi-list' } },
  { path: '/schedules', name: 'schedules', component: () => import('./calendar/SchedulesView.vue'), meta: { title: 'Schedules', icon: 'pi pi-calendar' } },
  { path: '/policies', name: 'policies', component: () => import('./policies/PolicyEditorView.vue'), meta: { title: 'Policies', icon: 'pi pi-sitemap' } },
  { path: '/clients', name: 'clients', component: () => import('./clients/ClientsView.vue'), meta: { title: 'Clients', icon: 'pi pi-building' } },
  { path: '/wallboards', name: 'wallboards', component: () => import('./wallboard/WallboardTokensView.vue'), meta: { title: 'Wallboards', icon: 'pi pi-desktop' } },
  { path: '/incidents/:id', name: 'incident', component: () => import('./views/IncidentDetailView.vue'), props: true },
  { path: '/devices', name: 'devices', component: () => import('./devices/DevicesView.vue'), meta: { title: 'Phones', icon: 'pi pi-mobile' } },
  {
    path: '/notifications',
    name: 'notifications',
    component: () => import('./notifications/NotificationsView.vue'),
    meta: { title: 'Notifications', icon: 'pi pi-bell' },
  },
  { path: '/stakeholders', name: 'stakeholders', component: () => import('./status-updates/StakeholdersView.vue'), meta: { title: 'Stakeholders', icon: 'pi pi-megaphone' } },
  { path: '/connectwise', name: 'connectwise', component: () => import('./connectwise/ConnectWiseView.vue'), meta: { title: 'ConnectWise', icon: 'pi pi-link' } },
  { path: '/audit', name: 'audit', component: () => import('./audit/AuditView.vue'), meta: { title: 'Audit', icon: 'pi pi-shield' } },
  { path: '/postmortems', name: 'postmortems', component: () => import('./postmortems/PostmortemsView.vue'), meta: { title: 'Post-mortems', icon: 'pi pi-book' } },
  { path: '/postmortems/:id', name: 'postmortem', component: () => import('./postmortems/PostmortemEditorView.vue'), props: true },
  { path: '/reports', name: 'reports', component: () => import('./reports/ReportsView.vue'), meta: { title: 'Reports', icon: 'pi pi-chart-bar' } },
  { path: '/maintenance', name: 'maintenance', component: () => import('./maintenance/MaintenanceView.vue'), meta: { title: 'Maintenance', icon: 'pi pi-wrench' } },
  { path: '/heartbeats', name: 'heartbeats', component: () => import('./heartbeats/HeartbeatsView.vue'), meta: { title: 'Heartbeats', icon: 'pi pi-heart' } },
  { path: '/account', name: 'account', component: () => import('./account/AccountView.vue') },
  { path: '/tokens', name: 'tokens', component: () => import('./tokens/ApiTokensView.vue'), meta: { title: 'API tokens', icon: 'pi pi-key' } },
  { path: '/history', name: 'history', component: () => import('./history/HistoryView.vue'), meta: { title: 'History', icon: 'pi pi-history' } },
  { path: '/intel', name: 'intel', component: () => import('./intel/IntelView.vue'), meta: { title: 'Intelligence', icon: 'pi pi-eye' } },
];

/** Creates the console's router. */
export function createConsoleRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}

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
];

/** Creates the console's router. */
export function createConsoleRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}

import type { RouteRecordRaw } from 'vue-router';

/** The navigation's groups, in the order they are listed; titled pages with another group follow them. */
export const NAV_GROUPS = ['Operate', 'Respond', 'Admin'] as const;

/** The group a titled page without `meta.group` is listed under. */
export const OTHER_GROUP = 'More';

/** One link in the console's navigation. */
export interface NavEntry {
  /** The route's name (what the link goes to). */
  name: string;
  /** The route's path, to tell which entry the current page belongs to. */
  path: string;
  title: string;
  icon: string;
}

/** One heading of the navigation and its links, in the router's order. */
export interface NavGroup {
  label: string;
  entries: NavEntry[];
}

/**
 * Groups the router's titled pages for the navigation: the known groups first (in `NAV_GROUPS`
 * order), then any other group a page names (first seen, first listed), then pages without a group
 * under 'More'. Pages without a title (details, the account page) are not listed; empty groups are left out.
 */
export function navGroups(routes: readonly RouteRecordRaw[]): NavGroup[] {
  const byLabel = new Map<string, NavEntry[]>(NAV_GROUPS.map((label) => [label, []]));
  const others: NavEntry[] = [];
  for (const route of routes) {
    const title = route.meta?.title;
    if (!title || typeof route.name !== 'string') continue;
    const entry = { name: route.name, path: route.path, title, icon: route.meta?.icon ?? 'pi pi-circle' };
    const group = route.meta?.group;
    if (!group) {
      others.push(entry);
      continue;
    }
    if (!byLabel.has(group)) byLabel.set(group, []);
    byLabel.get(group)!.push(entry);
  }
  if (others.length > 0) byLabel.set(OTHER_GROUP, [...(byLabel.get(OTHER_GROUP) ?? []), ...others]);
  return [...byLabel].filter(([, entries]) => entries.length > 0).map(([label, entries]) => ({ label, entries }));
}

/**
 * The name of the entry the page at `path` belongs to: the entry whose path is the page's, or the
 * longest entry path the page's path continues ('/postmortems/pm-1' belongs to '/postmortems').
 * The board ('/') owns only itself and incident pages ('/incidents/…' have no entry of their own).
 */
export function currentEntry(groups: readonly NavGroup[], path: string): string | null {
  let best: NavEntry | null = null;
  for (const entry of groups.flatMap((g) => g.entries)) {
    if (entry.path === path) return entry.name;
    if (entry.path !== '/' && path.startsWith(`${entry.path}/`) && (!best || entry.path.length > best.path.length)) best = entry;
  }
  if (best) return best.name;
  if (path.startsWith('/incidents/')) return groups.flatMap((g) => g.entries).find((e) => e.path === '/')?.name ?? null;
  return null;
}

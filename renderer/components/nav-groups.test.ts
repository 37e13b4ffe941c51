import { describe, expect, it } from 'vitest';
import type { RouteRecordRaw } from 'vue-router';
import { currentEntry, navGroups } from './nav-groups.js';
import { routes } from '../router.js';

const page = (name: string, path: string, title?: string, group?: string): RouteRecordRaw => ({
  name,
  path,
  component: {},
  meta: { ...(title ? { title, icon: `pi pi-${name}` } : {}), ...(group ? { group } : {}) },
});

describe('navGroups', () => {
  it('lists the known groups first in their order, then new groups, then ungrouped pages under More', () => {
    const groups = navGroups([
      page('audit', '/audit', 'Audit', 'Admin'),
      page('board', '/', 'Board', 'Operate'),
      page('lab', '/lab', 'Lab', 'Research'),
      page('misc', '/misc', 'Misc'),
      page('incident', '/incidents/:id'),
      page('reports', '/reports', 'Reports', 'Respond'),
    ]);
    expect(groups.map((g) => [g.label, g.entries.map((e) => e.title)])).toEqual([
      ['Operate', ['Board']],
      ['Respond', ['Reports']],
      ['Admin', ['Audit']],
      ['Research', ['Lab']],
      ['More', ['Misc']],
    ]);
  });

  it('leaves out empty groups and pages without a title', () => {
    expect(navGroups([page('account', '/account'), page('users', '/users', 'Users', 'Admin')])).toEqual([
      { label: 'Admin', entries: [{ name: 'users', path: '/users', title: 'Users', icon: 'pi pi-users' }] },
    ]);
  });

  it('puts every titled page of the console router in a named group', () => {
    const groups = navGroups(routes);
    const listed = groups.flatMap((g) => g.entries.map((e) => e.name));
    expect(listed).toHaveLength(routes.filter((r) => r.meta?.title).length);
    expect(groups.map((g) => g.label)).not.toContain('More');
  });
});

describe('currentEntry', () => {
  const groups = navGroups([page('board', '/', 'Board', 'Operate'), page('pms', '/postmortems', 'Post-mortems', 'Respond'), page('pm', '/postmortems/:id')]);

  it('matches a page exactly, a detail page to its list and an incident to the board', () => {
    expect(currentEntry(groups, '/')).toBe('board');
    expect(currentEntry(groups, '/postmortems')).toBe('pms');
    expect(currentEntry(groups, '/postmortems/pm-1')).toBe('pms');
    expect(currentEntry(groups, '/incidents/abc')).toBe('board');
  });

  it('matches nothing for a page outside the navigation', () => {
    expect(currentEntry(groups, '/account')).toBeNull();
    expect(currentEntry(groups, '/postmortemsx')).toBeNull();
  });
});

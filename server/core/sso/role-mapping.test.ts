import { describe, expect, it } from 'vitest';
import { groupsOf, roleForGroups } from './role-mapping.js';

const rules = [
  { group: 'klaxon-admins', role: 'admin' as const },
  { group: 'soc-managers', role: 'ir-manager' as const },
  { group: 'soc', role: 'triage-analyst' as const },
];

describe('groupsOf', () => {
  it('reads a list, a single string and a separated string', () => {
    expect(groupsOf(['a', 'b'])).toEqual(['a', 'b']);
    expect(groupsOf('solo')).toEqual(['solo']);
    expect(groupsOf('a b,c')).toEqual(['a', 'b', 'c']);
  });

  it('drops what is not a group name', () => {
    expect(groupsOf(['a', 3, null, '', { name: 'x' }])).toEqual(['a']);
    expect(groupsOf(undefined)).toEqual([]);
    expect(groupsOf(42)).toEqual([]);
  });
});

describe('roleForGroups', () => {
  it('takes the first rule in config order that matches', () => {
    expect(roleForGroups(['soc', 'soc-managers'], rules, null)).toEqual({ kind: 'role', role: 'ir-manager', group: 'soc-managers' });
    expect(roleForGroups(['soc', 'klaxon-admins'], rules, null)).toEqual({ kind: 'role', role: 'admin', group: 'klaxon-admins' });
  });

  it('gives the default role to a person in no mapped group', () => {
    expect(roleForGroups(['marketing'], rules, 'responder')).toEqual({ kind: 'role', role: 'responder', group: null });
  });

  it('refuses a person in no mapped group when there is no default role', () => {
    expect(roleForGroups(['marketing'], rules, null)).toEqual({ kind: 'refused', groups: ['marketing'] });
    expect(roleForGroups([], rules, null)).toEqual({ kind: 'refused', groups: [] });
  });

  it('compares group names exactly', () => {
    expect(roleForGroups(['Klaxon-Admins', 'klaxon-admins '], rules, null).kind).toBe('refused');
  });
});

import { describe, expect, it } from 'vitest';
import { can, rolesFor } from './permissions.js';

describe('permissions', () => {
  it('lets a triage analyst dismiss but not a responder', () => {
    expect(can('triage-analyst', 'dismiss')).toBe(true);
    expect(can('responder', 'dismiss')).toBe(false);
  });

  it('keeps reassignment from responders and priority changes with managers', () => {
    expect(can('responder', 'assign-triage')).toBe(false);
    expect(can('responder', 'assign-forensic')).toBe(false);
    expect(can('ir-manager', 'set-priority')).toBe(true);
    expect(can('triage-analyst', 'set-priority')).toBe(false);
  });

  it('lets threat researchers read but not act', () => {
    expect(can('threat-researcher', 'acknowledge')).toBe(false);
    expect(rolesFor('set-priority')).toEqual(['admin', 'ir-manager']);
  });

  it('keeps evidence with the people who handle it, and lets anyone who acts on incidents page someone', () => {
    expect(can('forensic-analyst', 'add-evidence')).toBe(true);
    expect(can('triage-analyst', 'add-evidence')).toBe(false);
    expect(can('responder', 'add-evidence')).toBe(false);
    expect(can('responder', 'page-person')).toBe(true);
    expect(can('threat-researcher', 'page-person')).toBe(false);
  });
});

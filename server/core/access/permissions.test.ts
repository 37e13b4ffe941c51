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
});

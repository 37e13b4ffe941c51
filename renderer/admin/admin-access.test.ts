import { describe, expect, it } from 'vitest';
import type { RouteLocationNormalized } from 'vue-router';
import { adminRouteGuard, mayAdminister } from './admin-access.js';

const to = (admin: boolean) => ({ meta: admin ? { admin: true } : {} }) as RouteLocationNormalized;

describe('the Admin screens’ access', () => {
  it('is for admins only (the relay refuses every other role)', () => {
    expect(mayAdminister('admin')).toBe(true);
    for (const role of ['ir-manager', 'triage-analyst', 'forensic-analyst', 'threat-researcher', 'responder'] as const) expect(mayAdminister(role)).toBe(false);
    expect(mayAdminister(undefined)).toBe(false);
  });

  it('sends a signed-in non-admin from an Admin screen to the board and lets admins and other pages through', () => {
    expect(adminRouteGuard(to(true), 'responder')).toEqual({ name: 'board' });
    expect(adminRouteGuard(to(true), 'ir-manager')).toEqual({ name: 'board' });
    expect(adminRouteGuard(to(true), 'admin')).toBe(true);
    expect(adminRouteGuard(to(false), 'responder')).toBe(true);
  });

  it('lets the page itself refuse while nobody is signed in yet', () => {
    expect(adminRouteGuard(to(true), undefined)).toBe(true);
    expect(adminRouteGuard(to(true), null)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { sessionMayUse } from './device-scope.js';

describe('device token scope', () => {
  it('lets a phone use its own routes and nothing administrative; login tokens reach everything', () => {
    const phone = { kind: 'device' as const };
    expect(sessionMayUse(phone, 'get', '/api/v1/me/pages')).toBe(true);
    expect(sessionMayUse(phone, 'POST', '/api/v1/incidents/:id/acknowledge')).toBe(true);
    for (const [method, url] of [
      ['POST', '/api/v1/devices/pairing-codes'],
      ['POST', '/api/v1/devices'],
      ['POST', '/api/v1/wallboard-tokens'],
      ['POST', '/api/v1/integrations/:id/rotate-key'],
      ['PUT', '/api/v1/schedules/:id'],
      ['PATCH', '/api/v1/users/:id'],
      ['GET', '/api/v1/incidents'],
      ['GET', undefined],
    ] as const) {
      expect(sessionMayUse(phone, method, url)).toBe(false);
    }
    expect(sessionMayUse({ kind: 'login' }, 'POST', '/api/v1/wallboard-tokens')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { ApiScope } from '../../../shared/schemas/api-token.js';
import { apiTokenRefusal, ROUTE_SCOPES, scopeOfRoute } from './token-scope.js';

const token = (...scopes: ApiScope[]) => ({ kind: 'api-token' as const, apiToken: { id: 'tok-1', kind: 'personal' as const, scopes } });

describe('API token scope guard', () => {
  it('lets a read-only token read and refuses it on an action, naming the missing scope', () => {
    expect(apiTokenRefusal(token('incidents:read'), 'GET', '/api/v1/incidents')).toBeUndefined();
    expect(apiTokenRefusal(token('incidents:read'), 'POST', '/api/v1/incidents/:id/acknowledge')).toContain('incidents:act');
    expect(apiTokenRefusal(token('incidents:act'), 'post', '/api/v1/incidents/:id/acknowledge')).toBeUndefined();
  });

  it('denies by default a route no scope covers, even to the admin scope', () => {
    expect(scopeOfRoute('POST', '/api/v1/not-classified')).toBeUndefined();
    expect(apiTokenRefusal(token('admin'), 'POST', '/api/v1/not-classified')).toContain('no scope covers it');
    expect(apiTokenRefusal(token('admin'), 'POST', '/api/v1/devices/pairing-codes')).toContain('no scope covers it');
    expect(apiTokenRefusal(token('admin'), 'GET', undefined)).toContain('no scope covers it');
  });

  it('lets the admin scope reach every classified route, and any token reach the tokens API', () => {
    for (const route of Object.keys(ROUTE_SCOPES)) {
      const [method, url] = route.split(' ') as [string, string];
      expect(apiTokenRefusal(token('admin'), method, url), route).toBeUndefined();
    }
    expect(apiTokenRefusal(token('ingest'), 'POST', '/api/v1/tokens')).toBeUndefined();
  });

  it('leaves login and device sessions to their own guards', () => {
    expect(apiTokenRefusal({ kind: 'login' }, 'POST', '/api/v1/postmortems')).toBeUndefined();
    expect(apiTokenRefusal({ kind: 'device' }, 'GET', '/api/v1/users')).toBeUndefined();
  });
});

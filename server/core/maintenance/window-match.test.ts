import { describe, expect, it } from 'vitest';
import { compileMaintenanceMatch } from './window-match.js';

const subject = (over: Partial<{ serviceId: string; clientId: string | null; labels: Record<string, string> }> = {}) => ({
  serviceId: 'web',
  clientId: null,
  labels: {},
  ...over,
});

describe('maintenance matchers', () => {
  it('matches by service, by client, and needs every label pattern', () => {
    expect(compileMaintenanceMatch({ services: ['web'], clients: [], labels: {} })(subject())).toBe(true);
    expect(compileMaintenanceMatch({ services: ['db'], clients: [], labels: {} })(subject())).toBe(false);
    expect(compileMaintenanceMatch({ services: [], clients: ['acme'], labels: {} })(subject({ clientId: 'acme' }))).toBe(true);
    expect(compileMaintenanceMatch({ services: [], clients: ['acme'], labels: {} })(subject())).toBe(false);
    const labels = compileMaintenanceMatch({ services: [], clients: [], labels: { env: '^prod$', host: '(?i)^DB' } });
    expect(labels(subject({ labels: { env: 'prod', host: 'db-1' } }))).toBe(true);
    expect(labels(subject({ labels: { env: 'prod' } }))).toBe(false);
    expect(labels(subject({ labels: { env: 'staging', host: 'db-1' } }))).toBe(false);
  });

  it('needs every kind of condition given to hold, and matches nothing without one', () => {
    const both = compileMaintenanceMatch({ services: ['web'], clients: [], labels: { env: 'prod' } });
    expect(both(subject({ labels: { env: 'prod' } }))).toBe(true);
    expect(both(subject({ serviceId: 'db', labels: { env: 'prod' } }))).toBe(false);
    expect(compileMaintenanceMatch({ services: [], clients: [], labels: {} })(subject())).toBe(false);
  });
});

import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../../../shared/schemas/incident.js';
import type { User } from '../../../../shared/schemas/user.js';
import { createManualClock } from '../../../../tests/support/manual-clock.js';
import { openExampleStore } from '../../../../tests/support/example-store.js';
import { createSilentLogger } from '../../../adapters/log/create-logger.js';
import type { Accounts } from '../../../app/accounts/accounts.js';
import { createEscalator } from '../../../app/escalation/escalator.js';
import { createIncidentFeed } from '../../../app/feed/incident-feed.js';
import { createIncidentActions } from '../../../app/incidents/incident-actions.js';
import type { AuditEvent } from '../../../app/ports/audit.js';
import type { Store } from '../../../app/ports/store.js';
import { installBearerAuth } from '../auth.js';
import { installErrorHandler } from '../http-error.js';
import { registerIncidentRoutes } from './incident-routes.js';

const clock = createManualClock(new Date('2026-11-28T12:00:00Z'));
let store: Store;
let cleanup: () => Promise<void>;
let app: FastifyInstance;
let audited: AuditEvent[];

async function open(confidential: boolean): Promise<Incident> {
  const key = Math.random().toString(36).slice(2);
  return store.insertIncident({
    id: `i-${key}`, serviceId: 'rmm', teamId: 'noc', dedupKey: key, status: 'triggered', priority: 'high', severity: 'critical',
    summary: 'Ransomware on host-7', source: 'edr', alertCount: 1, firstSeenAt: clock.now().toISOString(), lastSeenAt: clock.now().toISOString(),
    acknowledgedAt: null, resolvedAt: null, deferredUntil: null, escalation: 'none', triageVerdict: null, triageAssignee: null,
    forensicAssignee: null, confidential, links: [], externalRef: null,
  });
}

beforeEach(async () => {
  ({ store, cleanup } = await openExampleStore(clock));
  audited = [];
  const commit = { store, feed: createIncidentFeed(), pokeJobs: () => {} };
  const escalator = createEscalator({ ...commit, clock, log: createSilentLogger(), metrics: { escalations: { inc() {} }, failovers: { inc() {} }, pagesRead: { inc() {} } } as never });
  const audit = { record: async (event: AuditEvent) => void audited.push(event) };
  const actions = createIncidentActions({ ...commit, clock, lifecycle: escalator.lifecycle, onFalsePositive: () => {}, audit });
  app = Fastify();
  installErrorHandler(app);
  // Each test token names a person of the example team.
  const accounts = {
    authenticate: async (token: string): Promise<User | undefined> => store.getUser(token),
    session: async (token: string) => {
      const user = await store.getUser(token);
      return user && { user, kind: 'login' as const, tokenHash: `hash-${token}`, expiresAt: null };
    },
  } as unknown as Accounts;
  installBearerAuth(app, accounts);
  registerIncidentRoutes(app, { store, actions, audit });
  await app.ready();
});
afterEach(async () => {
  await app.close();
  await cleanup();
});

const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${who}` }, remoteAddress: '10.1.2.3' });

describe('reading a confidential incident', () => {
  it('records every view of it on the audit trail: who, from where, which incident', async () => {
    const incident = await open(true);
    await store.addNeedToKnow({ incidentId: incident.id, userId: 'bob', addedBy: 'ann', addedAt: clock.now() });
    expect((await get('ann', `/api/v1/incidents/${incident.id}`)).statusCode).toBe(200);
    expect((await get('bob', `/api/v1/incidents/${incident.id}`)).json().incident.summary).toBe('Ransomware on host-7');
    expect(audited).toEqual([
      { action: 'incident.viewed-confidential', actorId: 'ann', address: '10.1.2.3', subject: { kind: 'incident', id: incident.id } },
      { action: 'incident.viewed-confidential', actorId: 'bob', address: '10.1.2.3', subject: { kind: 'incident', id: incident.id } },
    ]);
  });

  it('records no view when nothing confidential was shown: an open incident, or a redacted answer', async () => {
    const open1 = await open(false);
    const secret = await open(true);
    await get('ann', `/api/v1/incidents/${open1.id}`);
    const redacted = await get('dan', `/api/v1/incidents/${secret.id}`);
    expect(redacted.json()).toMatchObject({ incident: { summary: 'Confidential incident' }, timeline: [], alerts: [], pages: [] });
    expect(audited).toEqual([]);
  });
});

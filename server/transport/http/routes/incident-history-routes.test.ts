import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryPage, SavedSearch } from '../../../../shared/schemas/history.js';
import type { Incident } from '../../../../shared/schemas/incident.js';
import type { User } from '../../../../shared/schemas/user.js';
import { createManualClock } from '../../../../tests/support/manual-clock.js';
import { openExampleStore } from '../../../../tests/support/example-store.js';
import type { Accounts } from '../../../app/accounts/accounts.js';
import { createSavedSearches } from '../../../app/history/saved-searches.js';
import type { IncidentActions } from '../../../app/incidents/incident-actions.js';
import type { AuditEvent } from '../../../app/ports/audit.js';
import type { Store } from '../../../app/ports/store.js';
import { installBearerAuth } from '../auth.js';
import { installErrorHandler } from '../http-error.js';
import { registerIncidentRoutes } from './incident-routes.js';
import { registerSavedSearchRoutes } from './saved-search-routes.js';

const clock = createManualClock(new Date('2026-11-28T12:00:00Z'));
let store: Store;
let cleanup: () => Promise<void>;
let app: FastifyInstance;
let audited: AuditEvent[];

/** An incident first seen `minutes` after the clock's start. */
async function incident(id: string, minutes: number, overrides: Partial<Incident> = {}): Promise<void> {
  const at = new Date(clock.now().getTime() + minutes * 60_000).toISOString();
  await store.insertIncident({
    id, serviceId: 'rmm', teamId: 'noc', dedupKey: id, status: 'resolved', priority: 'high', severity: 'critical',
    summary: `Backup failed on host-${id}`, source: 'veeam', alertCount: 1, firstSeenAt: at, lastSeenAt: at,
    acknowledgedAt: null, resolvedAt: at, deferredUntil: null, escalation: 'none', triageVerdict: null, triageAssignee: null,
    forensicAssignee: null, confidential: false, links: [], externalRef: null, ...overrides,
  });
}

beforeEach(async () => {
  ({ store, cleanup } = await openExampleStore(clock));
  audited = [];
  const audit = { record: async (event: AuditEvent) => void audited.push(event) };
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
  registerIncidentRoutes(app, { store, actions: {} as IncidentActions, audit });
  registerSavedSearchRoutes(app, { savedSearches: createSavedSearches({ store, clock, audit }) });
  await app.ready();
});
afterEach(async () => {
  await app.close();
  await cleanup();
});

const call = (who: string, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${who}` }, remoteAddress: '10.1.2.3', ...(body === undefined ? {} : { payload: body as object }) });
const search = async (who: string, query: string) => {
  const response = await call(who, 'GET', `/api/v1/incidents?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json() as HistoryPage;
};

describe('GET /api/v1/incidents as the history search', () => {
  it('refuses an unknown, repeated or bad parameter with a 400 naming it', async () => {
    const cases: [string, string][] = [
      ['qq=disk', 'qq'],
      ['q=disk&since=2026-01-01T00:00:00Z', 'since'],
      ['q=a&q=b', 'q'],
      ['priority=urgent', 'priority'],
      ['status=gone', 'status'],
      ['verdict=maybe', 'verdict'],
      ['limit=0', 'limit'],
      ['limit=5000', 'limit'],
      ['from=yesterday', 'from'],
      ['from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z', 'to'],
      ['client=Not%20A%20Slug', 'client'],
      ['sort=loudest', 'sort'],
      ['q=%21%21%21', 'q'],
      [`q=${'x'.repeat(501)}`, 'q'],
      [`q=${Array.from({ length: 17 }, (_, i) => `w${i}`).join('+')}`, 'q'],
      ['q=disk&cursor=not-a-cursor', 'cursor'],
    ];
    for (const [query, field] of cases) {
      const response = await call('bob', 'GET', `/api/v1/incidents?${query}`);
      expect({ query, status: response.statusCode, field: response.json().field }).toEqual({ query, status: 400, field });
    }
  });

  it('keeps the board list without parameters: open incidents oldest first, a confidential one redacted, in the HistoryPage shape', async () => {
    await incident('old', 0, { status: 'triggered', resolvedAt: null });
    await incident('secret', 1, { status: 'triggered', resolvedAt: null, confidential: true, summary: 'Exfiltration by the CFO' });
    await incident('done', 2);
    const page = await search('bob', 'status=open');
    expect(page.incidents.map((i) => [i.id, i.summary])).toEqual([['old', 'Backup failed on host-old'], ['secret', 'Confidential incident']]);
    expect(page).toMatchObject({ snippets: {}, total: 2, nextCursor: null, facets: { priority: { high: 1 } } });
    expect((await search('bob', '')).incidents).toHaveLength(2);
  });

  it('never shows a confidential incident to someone not on its list: not in results, counts or facets', async () => {
    await incident('open-one', 0);
    await incident('secret', 1, { confidential: true, clientId: 'acme', summary: 'Backup exfiltration' });
    const asBob = await search('bob', 'q=backup');
    expect(asBob.incidents.map((i) => i.id)).toEqual(['open-one']);
    expect(asBob.total).toBe(1);
    expect(asBob.facets.client).toEqual({ none: 1 });
    expect(JSON.stringify(await search('bob', 'q=exfiltration'))).not.toContain('secret');
    const asAnn = await search('ann', 'q=backup');
    expect(asAnn.incidents.map((i) => i.id)).toEqual(['secret', 'open-one']);
    expect(asAnn.snippets.secret).toEqual([{ text: 'Backup', match: true }, { text: ' exfiltration veeam', match: false }]);
    await store.addNeedToKnow({ incidentId: 'secret', userId: 'bob', addedBy: 'ann', addedAt: clock.now() });
    expect((await search('bob', 'q=backup')).total).toBe(2);
  });

  it('walks every match exactly once with the cursor, in each sort', async () => {
    for (let i = 0; i < 23; i++) await incident(`i${String(i).padStart(2, '0')}`, i % 5, { priority: (['high', 'medium', 'low'] as const)[i % 3] });
    for (const sort of ['relevance', 'newest', 'oldest', 'priority']) {
      const seen: string[] = [];
      let page = await search('bob', `q=backup&sort=${sort}&limit=4`);
      for (let guard = 0; guard < 20; guard++) {
        seen.push(...page.incidents.map((i) => i.id));
        expect(page.total).toBe(23);
        if (page.nextCursor === null) break;
        page = await search('bob', `q=backup&sort=${sort}&limit=4&cursor=${encodeURIComponent(page.nextCursor)}`);
      }
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
    }
    // A cursor belongs to its sort.
    const first = await search('bob', 'q=backup&sort=newest&limit=4');
    const wrong = await call('bob', 'GET', `/api/v1/incidents?q=backup&sort=oldest&cursor=${first.nextCursor}`);
    expect(wrong.json()).toMatchObject({ field: 'cursor' });
  });
});

describe('saved searches', () => {
  it('saves a valid search, lists own and shared ones, and audits', async () => {
    const created = await call('bob', 'POST', '/api/v1/saved-searches', { name: 'Backups', query: 'q=backup&status=resolved' });
    expect(created.statusCode).toBe(201);
    const saved = created.json().search as SavedSearch;
    expect(saved).toMatchObject({ name: 'Backups', query: 'q=backup&status=resolved', ownerId: 'bob', shared: false, createdAt: clock.now().toISOString() });
    await call('ann', 'POST', '/api/v1/saved-searches', { name: 'Team view', query: 'status=open', shared: true });
    await call('cara', 'POST', '/api/v1/saved-searches', { name: 'Mine', query: 'priority=high' });
    expect(((await call('bob', 'GET', '/api/v1/saved-searches')).json().searches as SavedSearch[]).map((s) => s.name)).toEqual(['Backups', 'Team view']);
    expect(audited.map((a) => [a.action, a.actorId])).toEqual([['saved-search.created', 'bob'], ['saved-search.created', 'ann'], ['saved-search.created', 'cara']]);
  });

  it('refuses a query that is no valid search, naming the parameter', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'x', query: 'priority=urgent' }, 'query.priority'],
      [{ name: 'x', query: 'colour=red' }, 'query.colour'],
      [{ name: 'x', query: 'q=%21%21' }, 'query.q'],
      [{ name: 'x', query: 'q=a&cursor=abc' }, 'query.cursor'],
      [{ name: '', query: 'q=a' }, 'name'],
      [{ name: 'x', query: 'q=a', owner: 'ann' }, 'body'],
      [{ name: 'x', query: 'q'.repeat(2001) }, 'query'],
    ];
    for (const [body, field] of cases) {
      const response = await call('bob', 'POST', '/api/v1/saved-searches', body);
      expect({ body, status: response.statusCode, field: response.json().field }).toEqual({ body, status: 400, field });
    }
  });

  it("lets the owner remove a search, a manager a shared one, and nobody someone else's private one", async () => {
    const save = async (who: string, shared: boolean) =>
      ((await call(who, 'POST', '/api/v1/saved-searches', { name: `${who}-${shared}`, query: 'q=disk', shared })).json().search as SavedSearch).id;
    const bobsPrivate = await save('bob', false);
    const carasShared = await save('cara', true);
    const carasShared2 = await save('cara', true);
    expect((await call('dan', 'DELETE', `/api/v1/saved-searches/${bobsPrivate}`)).statusCode).toBe(404);
    expect((await call('ann', 'DELETE', `/api/v1/saved-searches/${bobsPrivate}`)).statusCode).toBe(404);
    expect((await call('bob', 'DELETE', `/api/v1/saved-searches/${carasShared}`)).statusCode).toBe(403);
    expect((await call('ann', 'DELETE', `/api/v1/saved-searches/${carasShared}`)).statusCode).toBe(204);
    expect((await call('cara', 'DELETE', `/api/v1/saved-searches/${carasShared2}`)).statusCode).toBe(204);
    expect((await call('bob', 'DELETE', `/api/v1/saved-searches/${bobsPrivate}`)).statusCode).toBe(204);
    expect((await call('bob', 'DELETE', `/api/v1/saved-searches/${bobsPrivate}`)).statusCode).toBe(404);
    expect(audited.filter((a) => a.action === 'saved-search.deleted').map((a) => a.actorId)).toEqual(['ann', 'cara', 'bob']);
  });
});

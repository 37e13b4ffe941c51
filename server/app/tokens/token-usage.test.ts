import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../../../tests/support/manual-clock.js';
import { createStore } from '../../adapters/store/create-store.js';
import { createAuditTrail } from '../audit/audit-trail.js';
import type { Store } from '../ports/store.js';
import { createTokenUsage, type TokenUse } from './token-usage.js';

let store: Store;
let clock: ManualClock;
beforeEach(async () => {
  store = await createStore(':memory:');
  clock = createManualClock();
  await store.insertApiToken({
    id: 'tok-1', tokenHash: 'h'.repeat(64), prefix: 'klx_x', name: 'cli', kind: 'personal', ownerId: 'dan',
    scopes: ['incidents:read'], createdAt: clock.now(), expiresAt: new Date(clock.now().getTime() + 86_400_000),
    lastUsedAt: null, revokedAt: null, revokedBy: null,
  });
});
afterEach(() => store.close());

const use = (overrides: Partial<TokenUse> = {}): TokenUse => ({
  tokenId: 'tok-1', actorId: 'dan', method: 'GET', route: '/api/v1/incidents', status: 200, write: false, ...overrides,
});
const recorded = async () => (await store.listAuditEvents({ action: 'api-token.used', limit: 100 })).reverse();
// Lets the timer's background flush finish (it runs on the store's promises, not on the clock).
const settle = async () => {
  for (let i = 0; i < 20; i += 1) await new Promise((done) => setImmediate(done));
};

describe('createTokenUsage', () => {
  it('writes reads behind: nothing until the flush delay passes, then all of them in one go', async () => {
    const usage = createTokenUsage({ store, clock, audit: createAuditTrail({ store, clock }), flushAfterMs: 1000 });
    await usage.record(use());
    await usage.record(use({ route: '/api/v1/me' }));
    expect(await recorded()).toEqual([]);
    clock.advance(1000);
    await settle();
    const events = await recorded();
    expect(events.map((e) => e.details.route)).toEqual(['/api/v1/incidents', '/api/v1/me']);
    expect(events[0]).toMatchObject({ actorId: 'dan', subject: { kind: 'api-token', id: 'tok-1' }, details: { method: 'GET', status: 200 } });
  });

  it('commits a write (and everything waiting) before its promise settles', async () => {
    const usage = createTokenUsage({ store, clock, audit: createAuditTrail({ store, clock }) });
    await usage.record(use());
    await usage.record(use({ method: 'POST', route: '/api/v1/incidents/:id/acknowledge', status: 403, write: true }));
    expect((await recorded()).map((e) => e.details.method)).toEqual(['GET', 'POST']);
  });

  it('flushes at once when a batch is full', async () => {
    const usage = createTokenUsage({ store, clock, audit: createAuditTrail({ store, clock }), batchSize: 3 });
    for (let i = 0; i < 3; i += 1) await usage.record(use());
    await settle();
    expect(await recorded()).toHaveLength(3);
  });

  it('writes the last-used time at most once a minute per token', async () => {
    const usage = createTokenUsage({ store, clock, audit: createAuditTrail({ store, clock }) });
    const first = clock.now();
    await usage.record(use({ write: true }));
    expect((await store.getApiToken('tok-1'))?.lastUsedAt).toEqual(first);
    clock.advance(30_000);
    await usage.record(use({ write: true }));
    expect((await store.getApiToken('tok-1'))?.lastUsedAt).toEqual(first);
    clock.advance(30_000);
    await usage.record(use({ write: true }));
    expect((await store.getApiToken('tok-1'))?.lastUsedAt).toEqual(clock.now());
  });

  it('writes what waits on close, and reports a failed background flush', async () => {
    const errors: unknown[] = [];
    const usage = createTokenUsage({ store, clock, audit: createAuditTrail({ store, clock }), onError: (e) => errors.push(e) });
    await usage.record(use());
    await usage.close();
    expect(await recorded()).toHaveLength(1);
    await usage.record(use());
    await store.close();
    clock.advance(1000);
    await settle();
    expect(errors).toHaveLength(1);
  });
});

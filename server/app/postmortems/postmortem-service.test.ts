import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostmortemsConfigSchema } from '../../../shared/config/postmortem-config.js';
import type { Postmortem } from '../../../shared/schemas/postmortem.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { openExampleStore } from '../../../tests/support/example-store.js';
import { makeIncident } from '../../adapters/store/contract/fixtures.js';
import type { Store, StoreSession } from '../ports/store.js';
import { createPostmortemService } from './postmortem-service.js';

const { rules } = PostmortemsConfigSchema.parse({ rules: [{ name: 'every-failover', when: { failover: true }, dueWithin: '2d' }] });
const ann = { userId: 'ann', role: 'ir-manager' as const };
const bob = { userId: 'bob', role: 'triage-analyst' as const };

describe('the post-mortem service', () => {
  const clock = createManualClock(new Date('2030-03-04T10:00:00Z'));
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await openExampleStore(clock));
  });
  afterEach(() => cleanup());

  async function resolvedIncident(failover: boolean) {
    const incident = await store.insertIncident(makeIncident({ serviceId: 'rmm', status: 'resolved', resolvedAt: '2030-03-04T09:30:00.000Z' }));
    if (failover) {
      await store.appendTimeline({ id: `f-${incident.id}`, incidentId: incident.id, at: '2030-03-04T09:10:00.000Z', type: 'failover.sent', actor: { type: 'system', id: null }, data: { users: [], emails: [] } });
    }
    return incident;
  }

  it('files the due post-mortem a rule asks for exactly once, also when two relays try at the same time', async () => {
    const pushed: Postmortem[] = [];
    const relays = [1, 2].map(() => createPostmortemService({ store, clock, rules, onChanged: (p) => pushed.push(p) }));
    const incident = await resolvedIncident(true);
    const tries = await Promise.all([relays[0]!.ensureDue(incident.id), relays[1]!.ensureDue(incident.id), relays[0]!.ensureDue(incident.id)]);
    expect(tries.filter(Boolean)).toHaveLength(1);
    const found = await relays[1]!.forIncident(ann, incident.id);
    expect(found).toMatchObject({ ok: true, value: { state: 'due', reason: 'every-failover', dueAt: '2030-03-06T09:30:00.000Z', createdAt: '2030-03-04T10:00:00.000Z' } });
    expect(pushed.map((p) => p.reason)).toEqual(['every-failover']);
  });

  it('files nothing for an open incident, one no rule matches, or without rules', async () => {
    const quiet = await resolvedIncident(false);
    const open = await store.insertIncident(makeIncident({ serviceId: 'rmm' }));
    await store.appendTimeline({ id: 'f-open', incidentId: open.id, at: '2030-03-04T09:10:00.000Z', type: 'failover.sent', actor: { type: 'system', id: null }, data: {} });
    const service = createPostmortemService({ store, clock, rules });
    expect(await service.ensureDue(quiet.id)).toBe(false);
    expect(await service.ensureDue(open.id)).toBe(false);
    expect(await createPostmortemService({ store, clock }).ensureDue((await resolvedIncident(true)).id)).toBe(false);
    expect(await store.listPostmortems({ limit: 10 })).toEqual([]);
  });

  it('tries a write again when another one committed between its read and its write, keeping nothing of the lost attempt', async () => {
    const incident = await resolvedIncident(false);
    const service = createPostmortemService({ store, clock });
    const made = await service.create(bob, [incident.id]);
    if (!made.ok) throw new Error(made.error.message);
    // The first write attempt finds the version moved (as when another relay wrote in between).
    let stale = 1;
    const racing: Store = Object.create(store, {
      transaction: {
        value: <T>(fn: (tx: StoreSession) => Promise<T>) =>
          store.transaction((tx) =>
            fn(
              new Proxy(tx, {
                get: (target, key, receiver) =>
                  key === 'updatePostmortem' && stale-- > 0 ? async () => false : (Reflect.get(target, key, receiver) as unknown),
              }),
            ),
          ),
      },
    });
    const retried = createPostmortemService({ store: racing, clock });
    const commented = await retried.comment(bob, made.value.id, 'one comment');
    expect(commented).toMatchObject({ ok: true, value: { state: 'draft', version: 2 } });
    expect((await store.listPostmortemComments(made.value.id)).map((c) => c.body)).toEqual(['one comment']);
  });
});

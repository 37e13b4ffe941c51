import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../shared/config/config-schema.js';
import { createSilentLogger } from '../../adapters/log/create-logger.js';
import { createIncidentFeed } from '../feed/incident-feed.js';
import type { JobRecord, Store } from '../ports/store.js';
import { type EscalationWorld, openEscalationWorld } from '../../../tests/support/escalation-world.js';
import { batchOf, createLevelSender } from './level-sender.js';
import type { ChannelSender } from './page-sender.js';
import { levelJob } from './page-queue.js';

const N = 40;
const people = Array.from({ length: N }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);

let world: EscalationWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Level 1 pages N people (each on push only), level 2 pages cara. */
async function open(): Promise<EscalationWorld> {
  const edit = (config: Config) => {
    const bob = config.users.find((u) => u.id === 'bob')!;
    for (const id of people) {
      // No password: hashing one per person would be most of the test's time.
      const { password: _password, ...rest } = structuredClone(bob);
      config.users.push({ ...rest, id, name: id, email: `${id}@example.com`, notify: [{ channel: 'push', after: 0 }] });
    }
    config.teams[0]!.members.push(...people);
  };
  // Every level through its job: no phone is rung straight from the step's commit.
  world = await openEscalationWorld({ levels: [{ delay: 300, targets: people.map((user) => ({ user })) }, { delay: 600, targets: [{ user: 'cara' }] }] }, undefined, edit, {
    harness: { ringHere: false },
  });
  return world;
}

const count = (types: string[], type: string) => types.filter((t) => t === type).length;

/** A store whose next transactions run their work and then fail before the commit (a crash mid-record). */
function crashingBeforeCommit(store: Store, times: number): Store {
  let left = times;
  return new Proxy(store, {
    get(target, key) {
      if (key === 'transaction' && left > 0) {
        return async (work: Parameters<Store['transaction']>[0]) => {
          left -= 1;
          await target.transaction(async (tx) => {
            await work(tx);
            throw new Error('the relay died before the commit');
          });
        };
      }
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('a level of many people is paged in one batch (real store, manual clock)', () => {
  it('queues N pages in one level job, sends them in one go, and records each once', async () => {
    const { h, store, trigger, jobs, timeline } = await open();
    const id = await trigger();
    expect(jobs(id).map((j) => j.kind)).toEqual(['page.level', 'escalation.step']);
    expect(await store.listPages(id)).toHaveLength(N);

    expect(await h.drain()).toBe(1);
    expect(new Set(h.pushes.map((p) => p.userId))).toEqual(new Set(people));
    expect(h.pushes).toHaveLength(N);
    const pages = await store.listPages(id);
    expect(pages.every((p) => p.state === 'sent' && p.attempts === 1 && p.sentAt !== null)).toBe(true);
    const types = await timeline(id);
    expect([count(types, 'page.queued'), count(types, 'page.sent')]).toEqual([N, N]);
    expect(jobs(id).map((j) => j.kind)).toEqual(['escalation.step']);
    expect(h.errors).toEqual([]);
  });

  it('still records each page once when the record transaction dies after the emit, and when the job runs again', async () => {
    const { clock, store, trigger, timeline } = await open();
    const id = await trigger();
    const [job] = (await store.claimDueJobs(clock.now(), 10, 'test', 60_000)).filter((j: JobRecord) => j.kind === levelJob.kind);
    const emitted: string[] = [];
    const push: ChannelSender = async (page) => (emitted.push(page.id), { status: 'sent' });
    const deps = (s: Store) => ({
      store: s,
      feed: createIncidentFeed(),
      pokeJobs: () => {},
      clock,
      log: createSilentLogger(),
      metrics: { pagesSent: { inc: () => {} } },
      push: batchOf(push),
    });
    // The first run emits, then dies before its record commits: the job stays and runs again.
    await expect(createLevelSender(deps(crashingBeforeCommit(store, 1)))(job!, clock.now())).rejects.toThrow(/died/);
    expect((await store.listPages(id)).every((p) => p.state === 'queued' && p.attempts === 0)).toBe(true);
    await createLevelSender(deps(store))(job!, clock.now());
    // A third run (a lease that ran out after the work was done) finds nothing left to send.
    await createLevelSender(deps(store))(job!, clock.now());

    // At least once to the phones (they drop a page id they have), exactly once on the timeline.
    expect(emitted).toHaveLength(2 * N);
    expect(await store.listPages(id)).toHaveLength(N);
    expect((await store.listPages(id)).every((p) => p.state === 'sent' && p.attempts === 1)).toBe(true);
    const types = await timeline(id);
    expect([count(types, 'page.queued'), count(types, 'page.sent')]).toEqual([N, N]);
  });

  it('cancels the level’s pages instead when the incident was resolved before the job ran', async () => {
    const { h, store, trigger, timeline } = await open();
    const id = await trigger();
    const incident = (await store.getIncident(id))!;
    await h.actions.resolve({ userId: 'ann', role: 'ir-manager' }, [incident.id]);
    await h.drain();
    expect(h.pushes).toEqual([]);
    expect((await store.listPages(id)).map((p) => p.state)).toEqual(Array(N).fill('cancelled'));
    expect(count(await timeline(id), 'page.sent')).toBe(0);
  });

  it('leaves the pages of people whose phone is offline queued for the replay and sends the others, in the same batch', async () => {
    const { h, store, trigger, timeline } = await open();
    people.slice(0, 5).forEach((id) => h.offline.add(id));
    const id = await trigger();
    await h.drain();
    const pages = await store.listPages(id);
    // Offline phones wait for the replay on connect (the harness has no reachability check).
    expect(pages.filter((p) => p.state === 'queued').map((p) => p.userId).sort()).toEqual(people.slice(0, 5));
    expect(pages.filter((p) => p.state === 'sent')).toHaveLength(N - 5);
    expect(count(await timeline(id), 'page.sent')).toBe(N - 5);
  });
});

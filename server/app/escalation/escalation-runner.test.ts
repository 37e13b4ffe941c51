import { afterEach, describe, expect, it } from 'vitest';
import type { AlertInput } from '../../../shared/schemas/alert.js';
import { openExampleStore } from '../../../tests/support/example-store.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { createPagingHarness } from '../../../tests/support/paging-harness.js';
import { hashIntegrationKey } from '../config/integration-key.js';
import { ingestAlerts } from '../intake/ingest-alerts.js';
import { createJobRunner, type JobRunner } from '../jobs/job-runner.js';
import type { Store } from '../ports/store.js';

const T0 = new Date('2026-11-02T14:00:00Z');
const alert: AlertInput = {
  action: 'trigger',
  dedupKey: 'disk-full-srv1',
  summary: 'Disk full on srv1',
  severity: 'critical',
  source: 'srv1',
  labels: {},
  links: [],
  payload: null,
};

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/**
 * The example store behind a proxy whose `nextDueAt` can run `during` after it has read its answer
 * and before it returns it, as another request committing at that moment would.
 */
async function storeWithRace() {
  const clock = createManualClock(T0);
  const opened = await openExampleStore(clock);
  const real = opened.store;
  let during: (() => Promise<void>) | undefined;
  const store = new Proxy(real, {
    get(target, name, receiver) {
      if (name !== 'nextDueAt') {
        const value = Reflect.get(target, name, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (now: Date) => {
        const answer = await target.nextDueAt(now);
        const run = during;
        during = undefined;
        await run?.();
        return answer;
      };
    },
  }) as Store;
  const integration = (await real.findIntegrationByKeyHash(hashIntegrationKey('0123456789abcdef0123456789abcdef')))!;
  return { clock, store, integration, cleanup: opened.cleanup, setDuring: (fn: () => Promise<void>) => void (during = fn) };
}

describe('the job runner that drives escalations', () => {
  it('sends a page committed while it looks for its next wake-up at once, not after its fallback sleep', async () => {
    const world = await storeWithRace();
    const h = createPagingHarness({ store: world.store, clock: world.clock, pokeRunner: true });
    cleanup = async () => {
      await h.runner.stop();
      await world.cleanup();
    };
    world.setDuring(async () => void (await ingestAlerts(h.ingestDeps, world.integration, [alert])));
    await h.runner.start();
    // The clock has not moved: the page went out on the poke, not on a timer.
    expect(h.pushes.map((p) => [p.userId, p.at])).toEqual([['dan', T0.toISOString()]]);
    expect(h.errors).toEqual([]);
  });

  it('starts no work once stopped, even when a late transaction pokes it', async () => {
    const world = await storeWithRace();
    // Every page through its job (no phone rung from the commit): this is about the runner.
    const h = createPagingHarness({ store: world.store, clock: world.clock, pokeRunner: true, ringHere: false });
    cleanup = world.cleanup;
    await h.runner.start();
    await h.runner.stop();
    await ingestAlerts(h.ingestDeps, world.integration, [alert]);
    world.clock.advance(1000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.pushes).toEqual([]);
    // What was left due runs after a restart.
    await h.runner.start();
    expect(h.pushes.map((p) => p.userId)).toEqual(['dan']);
    await h.runner.stop();
  });

  it('stops after the batch in hand when a backlog is due, leaving the rest for the next start', async () => {
    const clock = createManualClock(T0);
    const opened = await openExampleStore(clock);
    cleanup = opened.cleanup;
    const store = opened.store;
    for (let i = 0; i < 6; i++) {
      await store.upsertJob({ id: `work:${i}`, kind: 'test.work', incidentId: null, dueAt: T0, payload: {}, attempts: 0 });
    }
    const ran: string[] = [];
    let stopping: Promise<void> | undefined;
    const runner: JobRunner = createJobRunner({
      store,
      clock,
      owner: 'test',
      batchSize: 2,
      onError: (error) => {
        throw error;
      },
      handlers: {
        'test.work': async (job) => {
          ran.push(job.id);
          // Shutdown begins while the first batch runs.
          stopping ??= runner.stop();
        },
      },
    });
    await runner.start();
    await stopping;
    expect(ran).toEqual(['work:0', 'work:1']);
    expect(await store.nextDueAt(clock.now())).toEqual(T0);
    await runner.start();
    await runner.stop();
    expect(ran).toHaveLength(6);
  });
});

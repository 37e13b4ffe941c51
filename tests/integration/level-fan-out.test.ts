import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';
import type { TestPhone } from '../support/phone.js';
import { startPagingRelay, type PagingRelay } from '../support/paging-relay.js';
import { fastEscalationPolicy } from '../support/test-config.js';

/**
 * A level of many people on a real relay with real phones: the level's pages go out in one batch
 * straight from the step, each page is recorded once, delivery receipts are written behind (many per
 * transaction) but every one is recorded, a confidential incident stays redacted on every phone, a
 * phone that was off gets its page on connect, and the person without a phone fails at once.
 */

const START = new Date('2026-11-02T15:00:00Z');
const MIN = 60_000;
const CREW = Array.from({ length: 12 }, (_, i) => `crew${String(i + 1).padStart(2, '0')}`);
const BACKENDS: [string, string | undefined][] = [
  ['SQLite', undefined],
  ['PostgreSQL', process.env.KLAXON_TEST_PG_URL],
];

const of = (events: TimelineEvent[], type: string, level: number) => events.filter((e) => e.type === type && e.data.level === level);
/** The level-2 pages' delivery events (their ids carry the level index 1). */
const deliveredOnLevel2 = (events: TimelineEvent[]) => events.filter((e) => e.type === 'page.delivered' && String(e.data.pageId).includes('/1:0:'));

describe.each(BACKENDS)('a level paging many people at once on %s', (backend, pgServerUrl) => {
  let r: PagingRelay;
  const phones = new Map<string, TestPhone>();
  let lateToken: string;
  let bob: TestPhone;
  const skip = backend === 'PostgreSQL' && !pgServerUrl;
  beforeAll(async () => {
    if (skip) return;
    r = await startPagingRelay({
      start: START,
      pgServerUrl,
      edit: (doc) => {
        fastEscalationPolicy(doc, ['5m', '5m']);
        for (const id of CREW) {
          doc.users!.push({ id, name: id, email: `${id}@example.com`, role: 'responder', password: `change-me-${id}`, notify: [{ channel: 'push', after: '0s' }] });
        }
        doc.teams!.find((t) => t.id === 'noc')!.members!.push(...CREW);
        // Level 2 is the whole crew and dan, who never paired a phone.
        doc.policies!.find((p) => p.id === 'noc-default')!.levels![1]!.targets = [...CREW, 'dan'].map((user) => ({ user }));
      },
    });
    // Level 1 is bob, whose phone is on (he does not read): level 2 comes when level 1 times out.
    bob = await r.pairPhone('bob');
    for (const id of CREW.slice(0, -1)) phones.set(id, await r.pairPhone(id));
    // The last of the crew has a paired phone that is off when the level is paged.
    lateToken = await r.pairDevice(CREW.at(-1)!);
  }, 120_000);
  afterAll(async () => r?.close());
  const maybe = skip ? it.skip : it;

  maybe('sends the level in one batch, redacted, records each page once and every delivery receipt', async () => {
    const { id } = await r.trigger('crew-level');
    await bob.waitForPage((p) => p.incidentId === id, 15_000);
    expect((await r.api('ann', `/api/v1/incidents/${id}/confidential`, { confidential: true })).status).toBe(200);
    r.clock.advance(5 * MIN);
    // The runner re-arms for what is due after each wake-up: nudge the clock until level 2 is paged.
    await r.until('level 2 paged', async () => {
      r.clock.advance(0);
      return (await r.detail(id)).pages.some((p) => p.level === 1);
    });

    const got = await Promise.all([...phones].map(([user, phone]) => phone.waitForPage((p) => p.id === `${id}/1:0:${user}/push`, 15_000)));
    for (const page of got) {
      expect(page.summary).toMatch(/^Confidential incident on /);
      expect(page.summary).not.toContain('Paging test');
    }
    // Every connected phone confirmed its page; the receipts are written behind, all of them.
    const { timeline, pages } = await r.until('every receipt recorded', async () => {
      const detail = await r.detail(id);
      return of(detail.timeline, 'page.sent', 1).length === CREW.length - 1 && deliveredOnLevel2(detail.timeline).length === CREW.length - 1 && detail;
    });
    const level2 = pages.filter((p) => p.level === 1);
    expect(level2).toHaveLength(CREW.length + 1);
    expect(level2.filter((p) => p.state === 'delivered').map((p) => p.userId).sort()).toEqual(CREW.slice(0, -1));
    expect(level2.find((p) => p.userId === CREW.at(-1))).toMatchObject({ state: 'queued', attempts: 1 });
    expect(level2.find((p) => p.userId === 'dan')).toMatchObject({ state: 'failed', error: expect.stringContaining('no paired phone') });
    expect(of(timeline, 'page.queued', 1)).toHaveLength(CREW.length + 1);
    expect(new Set(of(timeline, 'page.sent', 1).map((e) => e.data.pageId)).size).toBe(CREW.length - 1);

    // The phone that was off gets the same page when it connects, and that counts as its send, once.
    const late = await r.connect(lateToken);
    const replayed = await late.waitForPage((p) => p.incidentId === id, 15_000);
    expect(replayed).toMatchObject({ id: `${id}/1:0:${CREW.at(-1)}/push` });
    expect(replayed.summary).toMatch(/^Confidential incident on /);
    const after = await r.until('the late receipt recorded', async () => {
      const detail = await r.detail(id);
      return deliveredOnLevel2(detail.timeline).length === CREW.length && detail;
    });
    expect(of(after.timeline, 'page.sent', 1)).toHaveLength(CREW.length);

    // A read goes through once the receipts before it are written; one phone cannot read another's page.
    const [first, second] = [phones.get(CREW[0]!)!, phones.get(CREW[1]!)!];
    expect(await second.read(`${id}/1:0:${CREW[0]}/push`)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await first.read(`${id}/1:0:${CREW[0]}/push`)).toEqual({ ok: true });
    const read = (await r.detail(id)).pages.find((p) => p.userId === CREW[0] && p.level === 1);
    expect(read).toMatchObject({ state: 'read' });
    await r.api('ann', `/api/v1/incidents/${id}/resolve`, {});
  });

  maybe('refuses a malformed or huge read, naming the field, and changes nothing', async () => {
    const phone = phones.get(CREW[2]!)!;
    expect(await phone.socket.emitWithAck('page:read', { id: 42 })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'id' } });
    expect(await phone.socket.emitWithAck('page:read', { id: 'x'.repeat(100_000) })).toMatchObject({ ok: false, error: { field: 'id' } });
  });
});

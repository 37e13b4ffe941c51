import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPhone } from '../support/phone.js';
import { startPagingRelay, type PagingRelay } from '../support/paging-relay.js';
import { fastEscalationPolicy } from '../support/test-config.js';

/**
 * No page is stuck without a reason: a page that cannot reach its person fails at once with the
 * reason on the page and the timeline, and the escalation moves on without waiting out the level.
 */

const START = new Date('2026-11-02T15:00:00Z');
const MIN = 60_000;
const BACKENDS: [string, string | undefined][] = [
  ['SQLite', undefined],
  ['PostgreSQL', process.env.KLAXON_TEST_PG_URL],
];

describe.each(BACKENDS)('failed pages on %s', (backend, pgServerUrl) => {
  let r: PagingRelay;
  let cara: TestPhone;
  const skip = backend === 'PostgreSQL' && !pgServerUrl;
  beforeAll(async () => {
    if (skip) return;
    r = await startPagingRelay({
      start: START,
      pgServerUrl,
      edit: (doc) => {
        fastEscalationPolicy(doc, ['5m', '5m']);
        // Level 1 is dan, who never paired a phone; level 2 is cara, whose phone is on.
        doc.policies!.find((p) => p.id === 'noc-default')!.levels![0]!.targets = [{ user: 'dan' }];
      },
    });
    cara = await r.pairPhone('cara');
  }, 60_000);
  afterAll(async () => r?.close());
  const maybe = skip ? it.skip : it;

  maybe('a page to a person with no paired phone fails at once with the reason, and the next level is paged without waiting', async () => {
    const { id } = await r.trigger('dan-has-no-phone');
    // No clock move: cara's page comes because dan's failed, not because level 1 timed out.
    await cara.waitForPage((p) => p.id === `${id}/1:0:cara/push`, 10_000);
    const { pages, timeline, incident } = await r.detail(id);
    expect(pages.find((p) => p.userId === 'dan')).toMatchObject({ state: 'failed', error: 'dan has no paired phone and no push subscription' });
    expect(timeline.find((e) => e.type === 'page.failed')?.data).toMatchObject({ userId: 'dan', error: expect.stringContaining('no paired phone') });
    expect(timeline.find((e) => e.type === 'escalation.level')?.data).toMatchObject({ from: 0, to: 1, reason: 'pages-failed' });
    expect(incident.escalation).toBe('running');
    await r.api('ann', `/api/v1/incidents/${id}/resolve`, {});
  });

  maybe('a manual page fails on every channel that cannot work: no phone now, no mail server when the e-mail rule is due', async () => {
    const { id } = await r.trigger('ann-unreachable');
    expect((await r.api('bob', `/api/v1/incidents/${id}/page`, { userId: 'ann' })).status).toBe(202);
    const push = await r.until('the push page failed', async () => (await r.detail(id)).pages.find((p) => p.userId === 'ann' && p.channel === 'push' && p.state === 'failed'));
    expect(push.error).toContain('no paired phone');
    r.clock.advance(5 * MIN);
    const mail = await r.until('the e-mail page failed', async () => {
      r.clock.advance(0);
      return (await r.detail(id)).pages.find((p) => p.userId === 'ann' && p.channel === 'email' && p.state === 'failed');
    });
    expect(mail.error).toContain('KLAXON_MAIL_URL');
    await r.api('ann', `/api/v1/incidents/${id}/resolve`, {});
  });

  maybe('a paired phone that is off keeps the page waiting; when it connects the replay is the send, on the record as page.sent', async () => {
    const token = await r.pairDevice('bob');
    const { id } = await r.trigger('bob-phone-off');
    expect((await r.api('ann', `/api/v1/incidents/${id}/page`, { userId: 'bob' })).status).toBe(202);
    const waiting = await r.until('the push page tried', async () => (await r.detail(id)).pages.find((p) => p.userId === 'bob' && p.attempts > 0));
    expect(waiting).toMatchObject({ state: 'queued', sentAt: null, error: null });
    const bob = await r.connect(token);
    await bob.waitForPage((p) => p.id === waiting.id, 10_000);
    const { timeline } = await r.until('page.sent on the timeline', async () => {
      const detail = await r.detail(id);
      return detail.timeline.some((e) => e.type === 'page.sent' && e.data.pageId === waiting.id) && detail;
    });
    expect(timeline.find((e) => e.type === 'page.sent' && e.data.pageId === waiting.id)?.data).toMatchObject({ userId: 'bob', replayed: true });
    bob.close();
    await r.api('ann', `/api/v1/incidents/${id}/resolve`, {});
  });

  maybe('the relay lists who escalations may page but cannot reach, and says why; signed-out callers get 401', async () => {
    const answer = await r.api('bob', '/api/v1/paging/unreachable');
    expect(answer.status).toBe(200);
    const people = answer.body.people as { userId: string; reasons: string[] }[];
    // The schedule's bob, cara and dan, and the policy's dan and cara; cara and (above) bob paired a
    // phone. Ann is on no schedule and in no policy here, so she is not listed.
    expect(people.map((p) => p.userId).sort()).toEqual(['dan']);
    expect(people.find((p) => p.userId === 'dan')?.reasons).toEqual(['push: dan has no paired phone and no push subscription']);
    expect((await fetch(`${r.relay.url}/api/v1/paging/unreachable`)).status).toBe(401);
  });
});

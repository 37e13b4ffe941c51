import { describe, expect, it } from 'vitest';
import type { Page } from '../../shared/schemas/page.js';
import { pagedPeople } from './board-merge.js';

const page = (over: Partial<Page>): Page => ({
  id: `i1/${over.pageKey ?? '0:0:bob'}/${over.channel ?? 'push'}`,
  incidentId: 'i1',
  pageKey: '0:0:bob',
  userId: 'bob',
  channel: 'push',
  state: 'sent',
  level: 0,
  attempts: 1,
  createdAt: '2026-11-02T14:00:00.000Z',
  sentAt: null,
  deliveredAt: null,
  readAt: null,
  error: null,
  ...over,
});

describe('pagedPeople', () => {
  it('keeps the reason of a person whose pages all failed, for the hover text', () => {
    const people = pagedPeople([
      page({ state: 'failed', error: 'bob has no paired phone and no push subscription' }),
      page({ channel: 'email', state: 'failed', error: 'no outbound mail server: set KLAXON_MAIL_URL' }),
    ]);
    expect(people).toEqual([
      expect.objectContaining({
        userId: 'bob',
        state: 'failed',
        error: 'bob has no paired phone and no push subscription; no outbound mail server: set KLAXON_MAIL_URL',
      }),
    ]);
  });

  it('drops the reason once another channel got further, and labels failover recipients', () => {
    const people = pagedPeople([
      page({ state: 'failed', error: 'no phone' }),
      page({ channel: 'email', state: 'sent' }),
      page({ pageKey: 'failover:ann', userId: 'ann', level: 2, createdAt: '2026-11-02T14:10:00.000Z' }),
    ]);
    expect(people.map((p) => [p.userId, p.state, p.error, p.failover])).toEqual([
      ['bob', 'sent', null, false],
      ['ann', 'sent', null, true],
    ]);
  });
});

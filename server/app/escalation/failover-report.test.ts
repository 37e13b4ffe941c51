import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import { failoverReport } from './failover-report.js';

const incident = {
  id: 'i1',
  serviceId: 'rmm',
  priority: 'high',
  summary: 'Disk full on srv1',
  source: 'srv1',
  status: 'triggered',
  alertCount: 1,
  firstSeenAt: '2026-11-02T14:00:00.000Z',
  lastSeenAt: '2026-11-02T14:00:00.000Z',
} as Incident;
const page = (over: Partial<Page>): Page => ({
  id: 'p',
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

describe('failoverReport', () => {
  it('lists failed pages with their reason and labels failover recipients "failover", not a level', () => {
    const mail = failoverReport(
      incident,
      [
        page({ state: 'failed', error: 'bob has no paired phone and no push subscription' }),
        page({ pageKey: 'failover:ann', userId: 'ann', level: 2 }),
      ],
      [],
      new Map([['bob', 'Bob Example']]),
      'http://klaxon.test/#/incidents/i1',
      ['lead@example.com'],
    );
    expect(mail.text).toContain('Bob Example (bob) · push · level 1 · FAILED · ');
    expect(mail.text).toContain('error: bob has no paired phone and no push subscription');
    expect(mail.text).toContain('ann · push · failover · SENT');
    expect(mail.text).not.toContain('level 3');
  });
});

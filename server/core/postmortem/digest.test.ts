import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import { computeDigest } from './digest.js';

// A fixture night: the alert at 02:00:00, three alerts folded in, bob paged at 02:00:05 on push (never
// read) and by e-mail at 02:05:00 (failed), level 2 at 02:10:00 pages cara on push at 02:10:02, who
// reads it at 02:12:30 and acknowledges at 02:13:00; a failover to the lead dan at 02:20:00, who reads
// at 02:21:00; resolved by cara at 03:00:00.
const T = (hms: string) => `2030-03-04T${hms}.000Z`;

const incident: Incident = {
  id: 'inc-1',
  serviceId: 'db',
  teamId: 'noc',
  dedupKey: 'disk',
  status: 'resolved',
  priority: 'high',
  severity: 'critical',
  summary: 'Disk full on db1',
  source: 'db1',
  alertCount: 4,
  firstSeenAt: T('02:00:00'),
  lastSeenAt: T('02:30:00'),
  acknowledgedAt: T('02:13:00'),
  resolvedAt: T('03:00:00'),
  deferredUntil: null,
  escalation: 'stopped',
  triageVerdict: 'confirmed',
  triageAssignee: null,
  forensicAssignee: null,
  confidential: false,
  links: [],
  externalRef: null,
  clientId: 'acme',
  seq: 9,
};

let n = 0;
const event = (at: string, type: TimelineEvent['type'], data: Record<string, unknown> = {}, user: string | null = null, incidentId = 'inc-1'): TimelineEvent => ({
  id: `e${(n += 1)}`,
  incidentId,
  at: T(at),
  type,
  actor: user ? { type: 'user', id: user } : { type: 'system', id: null },
  data,
});

const page = (id: string, over: Partial<Page>): Page => ({
  id,
  incidentId: 'inc-1',
  pageKey: 'level:0:bob',
  userId: 'bob',
  channel: 'push',
  state: 'sent',
  level: 0,
  attempts: 1,
  createdAt: T('02:00:04'),
  sentAt: null,
  deliveredAt: null,
  readAt: null,
  error: null,
  ...over,
});

const timeline = [
  event('02:00:00', 'incident.opened', { rule: 'db#1' }),
  event('02:10:00', 'escalation.level', { from: 0, to: 1, reason: 'timeout' }),
  event('02:13:00', 'incident.acknowledged', {}, 'cara'),
  event('02:20:00', 'failover.sent', { emails: [], users: ['dan'], loops: 1, unreadPages: 1 }),
  event('03:00:00', 'incident.resolved', {}, 'cara'),
];
const pages = [
  page('p1', { sentAt: T('02:00:05') }),
  page('p2', { channel: 'email', state: 'failed', createdAt: T('02:05:00'), error: 'mailbox full' }),
  page('p3', { pageKey: 'level:1:cara', userId: 'cara', level: 1, state: 'read', createdAt: T('02:10:01'), sentAt: T('02:10:02'), readAt: T('02:12:30') }),
  page('p4', { pageKey: 'failover:dan', userId: 'dan', level: 2, state: 'read', createdAt: T('02:20:00'), sentAt: T('02:20:01'), readAt: T('02:21:00') }),
];

describe('the post-mortem digest', () => {
  it('computes the times, the steps, the pages and the failover report of a fixture night', () => {
    const digest = computeDigest({ incidents: [incident], timeline: [...timeline].reverse(), pages: [...pages].reverse() });
    expect(digest).toMatchObject({
      incidentIds: ['inc-1'],
      priority: 'high',
      summary: 'Disk full on db1',
      serviceId: 'db',
      teamId: 'noc',
      clientId: 'acme',
      firstAlertAt: T('02:00:00'),
      firstPageAt: T('02:00:05'),
      firstReadAt: T('02:12:30'),
      acknowledgedAt: T('02:13:00'),
      resolvedAt: T('03:00:00'),
      timeToReadMs: 12 * 60_000 + 30_000,
      timeToAcknowledgeMs: 13 * 60_000,
      timeToResolveMs: 60 * 60_000,
      failedPages: 1,
      escalations: 1,
      failover: { at: T('02:20:00'), leadId: 'dan', readAt: T('02:21:00') },
      foldedAlerts: 3,
      triageVerdict: 'confirmed',
      priorityRule: 'db#1',
    });
    expect(digest.steps.map((s) => [s.at.slice(11, 19), s.kind, s.who, s.detail])).toEqual([
      ['02:00:00', 'first-alert', null, 'from db1'],
      ['02:00:05', 'first-page', 'bob', 'push'],
      ['02:10:00', 'escalated', null, 'level 2'],
      ['02:12:30', 'first-read', 'cara', 'push'],
      ['02:13:00', 'acknowledged', 'cara', ''],
      ['02:20:00', 'failover', null, '1 page(s) unread'],
      ['03:00:00', 'resolved', 'cara', ''],
    ]);
    expect(digest.pages.map((p) => [p.userId, p.channel, p.state, p.failover, p.readAt])).toEqual([
      ['bob', 'push', 'sent', false, null],
      ['bob', 'email', 'failed', false, null],
      ['cara', 'push', 'read', false, T('02:12:30')],
      ['dan', 'push', 'read', true, T('02:21:00')],
    ]);
    expect(digest.pages[1]!.error).toBe('mailbox full');
  });

  it('leaves what never happened null, and the rule null when intake recorded none', () => {
    const open: Incident = { ...incident, status: 'triggered', acknowledgedAt: null, resolvedAt: null, alertCount: 1, triageVerdict: null };
    const digest = computeDigest({ incidents: [open], timeline: [event('02:00:00', 'incident.opened')], pages: [] });
    expect(digest).toMatchObject({
      firstPageAt: null,
      firstReadAt: null,
      acknowledgedAt: null,
      resolvedAt: null,
      timeToReadMs: null,
      timeToAcknowledgeMs: null,
      timeToResolveMs: null,
      failedPages: 0,
      escalations: 0,
      failover: null,
      foldedAlerts: 0,
      triageVerdict: null,
      priorityRule: null,
    });
    expect(digest.steps).toEqual([{ at: T('02:00:00'), kind: 'first-alert', who: null, detail: 'from db1' }]);
  });

  it('takes a group from its earliest alert to its last resolve, and is unresolved while one incident is open', () => {
    const linked: Incident = { ...incident, id: 'inc-2', firstSeenAt: T('01:55:00'), resolvedAt: T('03:30:00'), alertCount: 2 };
    const both = computeDigest({ incidents: [incident, linked], timeline, pages });
    expect(both).toMatchObject({ incidentIds: ['inc-1', 'inc-2'], firstAlertAt: T('01:55:00'), resolvedAt: T('03:30:00'), timeToResolveMs: 95 * 60_000, foldedAlerts: 4 });
    const stillOpen = computeDigest({ incidents: [incident, { ...linked, status: 'acknowledged', resolvedAt: null }], timeline, pages });
    expect(stillOpen.resolvedAt).toBeNull();
    expect(stillOpen.timeToResolveMs).toBeNull();
  });

  it('reports a failover to e-mail only without a lead', () => {
    const mailOnly = [event('02:20:00', 'failover.sent', { emails: ['lead@example.com'], users: [], loops: 1, unreadPages: 2 })];
    expect(computeDigest({ incidents: [incident], timeline: mailOnly, pages: [] }).failover).toEqual({ at: T('02:20:00'), leadId: null, readAt: null });
  });
});

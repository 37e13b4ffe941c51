import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import { ScheduleSchema } from '../../../shared/schemas/schedule.js';
import { TeamSchema } from '../../../shared/schemas/team.js';
import { WallboardStatsSchema } from '../../../shared/schemas/wallboard.js';
import type { EscalationState } from '../escalation/index.js';
import { computeWallboardStats, type WallboardInput } from './wallboard-stats.js';

const NOW = new Date('2026-11-28T14:30:00.000Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
let seq = 0;

function incident(overrides: Partial<Incident>): Incident {
  seq += 1;
  return {
    id: `i${seq}`,
    serviceId: 'rmm',
    teamId: 'noc',
    dedupKey: `k${seq}`,
    status: 'triggered',
    priority: 'high',
    severity: 'critical',
    summary: `Incident ${seq}`,
    source: 'host',
    alertCount: 1,
    firstSeenAt: ago(10),
    lastSeenAt: ago(10),
    acknowledgedAt: null,
    resolvedAt: null,
    deferredUntil: null,
    escalation: 'running',
    triageVerdict: null,
    triageAssignee: null,
    forensicAssignee: null,
    confidential: false,
    links: [],
    externalRef: null,
    seq,
    ...overrides,
  };
}

function page(incidentId: string, createdAt: string, readAt: string | null, userId = 'bob'): Page {
  return {
    id: `${incidentId}:${userId}:${createdAt}`,
    incidentId,
    pageKey: `0:0:${userId}`,
    userId,
    channel: 'push',
    state: readAt ? 'read' : 'sent',
    level: 0,
    attempts: 1,
    createdAt,
    sentAt: createdAt,
    deliveredAt: null,
    readAt,
    error: null,
  };
}

function escalationState(overrides: Partial<EscalationState>): EscalationState {
  return {
    status: 'running',
    priority: 'high',
    level: 0,
    loop: 0,
    levelStartedAt: ago(10),
    nextEscalationAt: ago(-5),
    pages: [],
    tried: [],
    acknowledgedAt: null,
    resolvedAt: null,
    endedAt: null,
    stopReason: null,
    ...overrides,
  };
}

const names = new Map([
  ['ann', 'Ann Example'],
  ['bob', 'Bob Example'],
  ['cara', 'Cara Example'],
]);

function input(overrides: Partial<WallboardInput>): WallboardInput {
  return { open: [], recent: [], pages: [], alertTimes: [], running: [], teams: [], schedules: [], names, ...overrides };
}

describe('computeWallboardStats', () => {
  it("names each incident's client, but not a confidential incident's", () => {
    const open = [
      incident({ firstSeenAt: ago(5), clientId: 'acme' }),
      incident({ firstSeenAt: ago(9), clientId: 'acme', confidential: true }),
      incident({ firstSeenAt: ago(7) }),
    ];
    const stats = computeWallboardStats(input({ open, clientNames: new Map([['acme', 'Acme Corp']]) }), NOW);
    // Oldest first: the confidential one (no client shown), the one without a client, then Acme's.
    expect(stats.oldestUnacknowledged.map((i) => i.clientName)).toEqual([null, null, 'Acme Corp']);
    expect(WallboardStatsSchema.parse(stats)).toEqual(stats);
  });

  it('counts open incidents by priority and lists the oldest unacknowledged, hiding confidential details', () => {
    const open = [
      incident({ priority: 'high', firstSeenAt: ago(5) }),
      incident({ priority: 'high', firstSeenAt: ago(90), confidential: true, summary: 'Breach at ACME' }),
      incident({ priority: 'medium', status: 'acknowledged', acknowledgedAt: ago(1), firstSeenAt: ago(300) }),
      incident({ priority: 'low', firstSeenAt: ago(30), escalation: 'deferred' }),
    ];
    const stats = computeWallboardStats(input({ open }), NOW);
    expect(stats.open).toEqual({ high: 2, medium: 1, low: 1, total: 4, unacknowledged: 3 });
    expect(stats.oldestUnacknowledged.map((i) => [i.summary, i.ageSeconds, i.confidential])).toEqual([
      ['Confidential incident', 5400, true],
      [open[3]!.summary, 1800, false],
      [open[0]!.summary, 300, false],
    ]);
    expect(JSON.stringify(stats)).not.toContain('ACME');
    expect(WallboardStatsSchema.parse(stats)).toEqual(stats);
  });

  it('shows escalations in progress with level, pass and the people paged at that level', () => {
    const first = incident({ firstSeenAt: ago(20) });
    const second = incident({ firstSeenAt: ago(40), confidential: true });
    const acked = incident({ status: 'acknowledged', escalation: 'stopped' });
    const pageOf = (userId: string, level: number, loop: number) => ({
      pageKey: `${level}:${loop}:${userId}`, userId, level, loop, sentAt: ago(10), lastSentAt: ago(10), attempts: 1, readAt: null, nextRepeatAt: null,
    });
    const stats = computeWallboardStats(
      input({
        open: [first, second, acked],
        running: [
          { incidentId: first.id, levelCount: 2, repeat: 1, state: escalationState({ level: 1, loop: 1, pages: [pageOf('bob', 0, 1), pageOf('ann', 1, 1), pageOf('cara', 1, 0)] }) },
          { incidentId: second.id, levelCount: 3, repeat: 0, state: escalationState({ pages: [pageOf('bob', 0, 0)], nextEscalationAt: ago(-3) }) },
          { incidentId: acked.id, levelCount: 1, repeat: 0, state: escalationState({ status: 'stopped' }) },
        ],
      }),
      NOW,
    );
    expect(stats.escalations.map((e) => [e.incident.summary, e.level, e.levelCount, e.pass, e.passes, e.paged, e.nextEscalationAt])).toEqual([
      ['Confidential incident', 1, 3, 1, 1, ['Bob Example'], ago(-3)],
      [first.summary, 2, 2, 2, 2, ['Ann Example'], ago(-5)],
    ]);
  });

  it('says who is on call now per team, gaps included, with each schedule\'s next handoff and who takes over', () => {
    const team = TeamSchema.parse({ id: 'noc', name: 'Network Operations', timeZone: 'UTC', businessHours: { days: ['mon'], start: '09:00', end: '17:00' } });
    const schedule = (id: string, name: string, participants: string[], restrictions: unknown[] = []) =>
      ScheduleSchema.parse({ id, name, team: 'noc', timeZone: 'UTC', layers: [{ name: 'l', rotation: { participants, shiftLength: '1d', start: '2026-11-27T00:00' }, restrictions }] });
    const stats = computeWallboardStats(
      input({
        teams: [team],
        schedules: [schedule('primary', 'Primary', ['ann', 'bob']), schedule('nights', 'Nights', ['cara'], [{ days: ['sat'], start: '20:00', end: '23:00' }])],
      }),
      NOW,
    );
    expect(stats.onCall).toEqual([
      {
        teamId: 'noc',
        teamName: 'Network Operations',
        schedules: [
          // A gap now; Cara's Saturday-evening restriction starts at 20:00.
          { scheduleId: 'nights', scheduleName: 'Nights', people: [], nextHandoffAt: '2026-11-28T20:00:00.000Z', nextPeople: ['Cara Example'] },
          // The daily rotation hands over to Ann at midnight.
          { scheduleId: 'primary', scheduleName: 'Primary', people: ['Bob Example'], nextHandoffAt: '2026-11-29T00:00:00.000Z', nextPeople: ['Ann Example'] },
        ],
      },
    ]);
  });

  it('counts alerts per clock hour over 24 hours, the current hour last', () => {
    const stats = computeWallboardStats(
      input({ alertTimes: [new Date(ago(1)), new Date(ago(20)), new Date(ago(31)), new Date(ago(23 * 60 + 31)), new Date(ago(25 * 60))] }),
      NOW,
    );
    expect(stats.alertsPerHour).toHaveLength(24);
    expect(stats.alertsPerHour[23]).toEqual({ start: '2026-11-28T14:00:00.000Z', count: 2 });
    expect(stats.alertsPerHour[22]).toEqual({ start: '2026-11-28T13:00:00.000Z', count: 1 });
    expect(stats.alertsPerHour[0]).toEqual({ start: '2026-11-27T15:00:00.000Z', count: 0 });
    expect(stats.alertsPerHour.reduce((n, h) => n + h.count, 0)).toBe(3);
  });

  it('computes mean times to read, acknowledge and resolve for this week, last week and per day', () => {
    const day = 24 * 60;
    const a = incident({ firstSeenAt: ago(60), acknowledgedAt: ago(50), resolvedAt: ago(0), status: 'resolved' });
    const b = incident({ firstSeenAt: ago(2 * day), acknowledgedAt: ago(2 * day - 30), status: 'acknowledged' });
    const old = incident({ firstSeenAt: ago(10 * day), acknowledgedAt: ago(10 * day - 2), status: 'acknowledged', triageVerdict: 'false_positive' });
    const fp = incident({ firstSeenAt: ago(3 * day), triageVerdict: 'false_positive', status: 'resolved', resolvedAt: ago(3 * day - 10) });
    const pages = [page(a.id, ago(60), ago(58)), page(a.id, ago(59), ago(57), 'ann'), page(b.id, ago(2 * day), null)];
    const stats = computeWallboardStats(input({ recent: [old, fp, b, a], pages }), NOW);
    expect(stats.responseTimes.read).toMatchObject({ meanSeconds: 120, previousMeanSeconds: null, count: 1 });
    expect(stats.responseTimes.acknowledge).toMatchObject({ meanSeconds: (600 + 1800) / 2, previousMeanSeconds: 120, count: 2 });
    expect(stats.responseTimes.resolve).toMatchObject({ meanSeconds: (3600 + 600) / 2, count: 2 });
    expect(stats.responseTimes.acknowledge.daily.map((d) => d.meanSeconds)).toEqual([null, null, null, null, null, 1800, 600]);
    expect(stats.responseTimes.acknowledge.daily[6]!.end).toBe(NOW.toISOString());
    expect(stats.falsePositives).toEqual({ rate: 1 / 3, previousRate: 1, count: 1, total: 3 });
  });

  it('reports no means and no rate when nothing happened', () => {
    const stats = computeWallboardStats(input({}), NOW);
    expect(stats.responseTimes.read).toMatchObject({ meanSeconds: null, previousMeanSeconds: null, count: 0 });
    expect(stats.falsePositives).toEqual({ rate: null, previousRate: null, count: 0, total: 0 });
    expect(stats.escalations).toEqual([]);
    expect(stats.oldestUnacknowledged).toEqual([]);
  });
});

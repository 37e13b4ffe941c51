import { describe, expect, it } from 'vitest';
import type { ReportQuery } from '../../../shared/schemas/report.js';
import { ReportSchema } from '../../../shared/schemas/report.js';
import { ScheduleSchema, type Schedule } from '../../../shared/schemas/schedule.js';
import { buildReport, type ReportDirectory } from './build-report.js';
import type { ReportActionItemFact, ReportIncidentFact, ReportPageFact } from './report-facts.js';

/*
 * A fixture week, Monday 2026-03-02 00:00Z to Monday 2026-03-09 00:00Z. New York moves its clocks
 * forward on Sunday 2026-03-08 at 07:00Z (02:00 EST → 03:00 EDT); London is on GMT (UTC+0) all
 * week; Auckland is on NZDT (UTC+13). Every expected figure below is worked out by hand.
 */
const S = 1000;
const MIN = 60 * S;
const t = (iso: string) => Date.parse(iso);

const query: ReportQuery = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' };

const base = { confidential: false, triageVerdict: null, acknowledgedMs: null, resolvedMs: null, escalated: false, failedOver: false, rule: null, postmortemId: null, postmortemState: null, triggerAnswer: null, clientId: null } as const;
function incident(id: string, firstSeen: string, over: Partial<ReportIncidentFact>): ReportIncidentFact {
  const firstSeenMs = t(firstSeen);
  return { ...base, id, firstSeenMs, priority: 'high', teamId: 'noc', serviceId: 'rmm', ...over };
}

const i1 = t('2026-03-02T10:00:00Z');
const i2 = t('2026-03-03T12:00:00Z');
const i3 = t('2026-03-04T15:00:00Z');
const i4 = t('2026-03-07T03:00:00Z');
const i5 = t('2026-03-08T08:00:00Z');
const incidents: ReportIncidentFact[] = [
  incident('I1', '2026-03-02T10:00:00Z', { clientId: 'acme', acknowledgedMs: i1 + 5 * MIN, resolvedMs: i1 + 60 * MIN, rule: 'rmm#1' }),
  incident('I2', '2026-03-03T12:00:00Z', { clientId: 'acme', triageVerdict: 'false_positive', acknowledgedMs: i2 + 1 * MIN, resolvedMs: i2 + 10 * MIN, escalated: true, rule: 'rmm#1' }),
  incident('I3', '2026-03-04T15:00:00Z', { priority: 'medium', serviceId: 'db', acknowledgedMs: i3 + 20 * MIN, escalated: true, failedOver: true, rule: 'db#2', postmortemId: 'p1', postmortemState: 'draft', triggerAnswer: 'could_have_waited' }),
  incident('I4', '2026-03-07T03:00:00Z', { priority: 'low', teamId: 'soc', serviceId: 'edr', clientId: 'globex', resolvedMs: i4 + 120 * MIN, postmortemId: 'p2', postmortemState: 'signed_off', triggerAnswer: 'did_not_exist' }),
  incident('I5', '2026-03-08T08:00:00Z', { teamId: 'soc', serviceId: 'edr', triageVerdict: 'confirmed', acknowledgedMs: i5 + 2 * MIN, resolvedMs: i5 + 30 * MIN, rule: 'edr#1', postmortemId: 'p1', postmortemState: 'draft', triggerAnswer: 'could_have_waited' }),
];

const p = (incidentId: string, userId: string, created: string, read: string | null, channel = 'push'): ReportPageFact => ({
  incidentId,
  userId,
  channel,
  createdMs: t(created),
  readMs: read === null ? null : t(read),
});
const pages: ReportPageFact[] = [
  p('I1', 'bob', '2026-03-02T10:00:30Z', '2026-03-02T10:02:00Z'), // 05:00 EST: night
  p('I1', 'bob', '2026-03-02T10:05:00Z', null, 'email'), // 05:05 EST: night, same incident
  p('I2', 'bob', '2026-03-03T12:00:10Z', '2026-03-03T12:00:40Z'), // 07:00:10 EST: morning, not night
  p('I2', 'cara', '2026-03-03T12:00:20Z', '2026-03-03T12:01:20Z'),
  p('I3', 'cara', '2026-03-04T15:00:00Z', '2026-03-04T15:10:00Z'),
  p('I3', 'cara', '2026-03-06T22:30:00Z', null), // Fri 22:30 London: night
  p('I3', 'cara', '2026-03-07T00:15:00Z', null), // Sat 00:15 London: night and weekend, same incident
  p('I4', 'kiri', '2026-03-07T03:00:00Z', '2026-03-07T03:04:00Z'), // Sat 16:00 NZDT: weekend (03:00 UTC would be night)
  p('I5', 'kiri', '2026-03-08T10:00:00Z', null), // Sun 23:00 NZDT: night and weekend
  p('I5', 'bob', '2026-03-08T11:30:00Z', null), // Sun 07:30 EDT (06:30 had DST been ignored): weekend, not night
];

const actionItems: ReportActionItemFact[] = [
  { postmortemId: 'p1', owner: 'bob', dueDate: '2026-03-08', state: 'open' }, // overdue: before 2026-03-09
  { postmortemId: 'p1', owner: 'bob', dueDate: '2026-03-09', state: 'open' }, // due on `to`'s date: not overdue
  { postmortemId: 'p1', owner: 'eve', dueDate: null, state: 'open' },
  { postmortemId: 'p1', owner: 'cara', dueDate: '2026-03-01', state: 'done' },
  { postmortemId: 'p1', owner: 'dan', dueDate: '2026-03-01', state: 'wont_do' },
  { postmortemId: 'p2', owner: 'kiri', dueDate: '2026-03-01', state: 'open' },
];

const schedules: Schedule[] = [
  ScheduleSchema.parse({
    id: 'noc-primary',
    name: 'NOC primary',
    team: 'noc',
    timeZone: 'Europe/London',
    layers: [
      {
        name: 'days',
        rotation: { participants: ['cara'], shiftLength: 86_400, start: '2026-03-01T00:00' },
        restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
      },
    ],
    overrides: [{ user: 'dan', replaces: 'cara', start: '2026-03-04T09:00', end: '2026-03-04T13:00' }],
  }),
  ScheduleSchema.parse({
    id: 'soc-primary',
    name: 'SOC primary',
    team: 'soc',
    timeZone: 'Pacific/Auckland',
    layers: [{ name: 'weekly', rotation: { participants: ['kiri'], shiftLength: 604_800, start: '2026-03-01T00:00' } }],
  }),
];

const directory: ReportDirectory = {
  teams: [
    { id: 'noc', name: 'Network Operations', timeZone: 'Europe/London' },
    { id: 'soc', name: 'Security Operations', timeZone: 'Pacific/Auckland' },
  ],
  services: [
    { id: 'rmm', name: 'RMM alerts', team: 'noc' },
    { id: 'db', name: 'Databases', team: 'noc' },
    { id: 'edr', name: 'EDR', team: 'soc' },
  ],
  clients: [
    { id: 'acme', name: 'Acme Corp' },
    { id: 'globex', name: 'Globex' },
  ],
  users: [
    { id: 'bob', name: 'Bob', timeZone: 'America/New_York' },
    { id: 'cara', name: 'Cara' },
    { id: 'dan', name: 'Dan' },
    { id: 'eve', name: 'Eve' },
    { id: 'kiri', name: 'Kiri' },
  ],
};

const generatedAt = new Date('2026-03-10T00:00:00Z');
const report = (over: Partial<Parameters<typeof buildReport>[0]> = {}) =>
  buildReport({ query, generatedAt, incidents, pages, actionItems, schedules, directory, ...over });

describe('buildReport on the fixture week', () => {
  const r = report();

  it('answers a valid Report', () => {
    expect(ReportSchema.safeParse(r).success).toBe(true);
  });

  it('computes the totals', () => {
    // First reads: I1 10:02:00 (120 s), I2 the earlier of bob's 12:00:40 and cara's 12:01:20 (40 s),
    // I3 600 s, I4 240 s, I5 none. Sorted [40, 120, 240, 600] s: mean 1000/4 = 250 s; p50 is rank
    // ⌈0.5·4⌉ = 2 → 120 s; p90 is rank ⌈0.9·4⌉ = 4 → 600 s.
    // Acks: I1 300, I2 60, I3 1200, I5 120 s → [60, 120, 300, 1200]: mean 1680/4 = 420 s, p50 120 s, p90 1200 s.
    // Resolves: I1 3600, I2 600, I4 7200, I5 1800 s → [600, 1800, 3600, 7200]: mean 13200/4 = 3300 s, p50 1800 s, p90 7200 s.
    expect(r.totals).toEqual({
      incidents: 5,
      byPriority: { high: 3, medium: 1, low: 1 },
      timeToRead: { count: 4, meanMs: 250 * S, p50Ms: 120 * S, p90Ms: 600 * S },
      timeToAcknowledge: { count: 4, meanMs: 420 * S, p50Ms: 120 * S, p90Ms: 1200 * S },
      timeToResolve: { count: 4, meanMs: 3300 * S, p50Ms: 1800 * S, p90Ms: 7200 * S },
      escalationRate: 2 / 5, // I2, I3
      failoverRate: 1 / 5, // I3
      falsePositiveRate: 2 / 5, // I2 by verdict, I4 by its post-mortem ("did not exist")
      couldHaveWaitedRate: 2 / 5, // I3 and I5 share post-mortem p1, which says it could have waited
    });
  });

  it('breaks down by team, service, client and priority, most incidents first', () => {
    expect(r.byTeam.map((g) => [g.key, g.name, g.figures.incidents])).toEqual([
      ['noc', 'Network Operations', 3],
      ['soc', 'Security Operations', 2],
    ]);
    // noc: reads [40, 120, 600] s → mean 760/3 s, p50 rank ⌈1.5⌉ = 2 → 120 s, p90 rank ⌈2.7⌉ = 3 → 600 s.
    const noc = r.byTeam[0]!.figures;
    expect(noc.timeToRead).toEqual({ count: 3, meanMs: (760 * S) / 3, p50Ms: 120 * S, p90Ms: 600 * S });
    expect([noc.escalationRate, noc.failoverRate, noc.falsePositiveRate, noc.couldHaveWaitedRate]).toEqual([2 / 3, 1 / 3, 1 / 3, 1 / 3]);
    // soc: I4 and I5; reads [240 s] (I4; I5 was never read); resolves [1800, 7200] s → mean 4500 s, p50 rank 1 → 1800 s, p90 rank 2 → 7200 s.
    const soc = r.byTeam[1]!.figures;
    expect(soc.timeToRead).toEqual({ count: 1, meanMs: 240 * S, p50Ms: 240 * S, p90Ms: 240 * S });
    expect(soc.timeToResolve).toEqual({ count: 2, meanMs: 4500 * S, p50Ms: 1800 * S, p90Ms: 7200 * S });
    expect([soc.escalationRate, soc.falsePositiveRate, soc.couldHaveWaitedRate]).toEqual([0, 1 / 2, 1 / 2]);

    expect(r.byService.map((g) => [g.key, g.name, g.figures.incidents])).toEqual([
      ['edr', 'EDR', 2],
      ['rmm', 'RMM alerts', 2],
      ['db', 'Databases', 1],
    ]);
    expect(r.byClient.map((g) => [g.key, g.name, g.figures.incidents])).toEqual([
      ['', 'No client', 2],
      ['acme', 'Acme Corp', 2],
      ['globex', 'Globex', 1],
    ]);
    expect(r.byPriority.map((g) => [g.key, g.figures.incidents])).toEqual([
      ['high', 3],
      ['medium', 1],
      ['low', 1],
    ]);
  });

  it('lists the rules whose incidents were false positives or could have waited, worst share first', () => {
    // db#2: I3 could have waited (1 of 1); edr#1: I5 could have waited (1 of 1); rmm#1: I2 false positive (1 of 2).
    // I4's priority came from the severity default (no rule), so it hints at no rule.
    expect(r.ruleHints).toEqual([
      { rule: 'db#2', incidents: 1, falsePositives: 0, couldHaveWaited: 1 },
      { rule: 'edr#1', incidents: 1, falsePositives: 0, couldHaveWaited: 1 },
      { rule: 'rmm#1', incidents: 2, falsePositives: 1, couldHaveWaited: 0 },
    ]);
  });

  it('judges each responder in their own zone, a team zone, or UTC', () => {
    const byUser = Object.fromEntries(r.responders.map((x) => [x.userId, x]));
    expect(r.responders.map((x) => [x.userId, x.timeZone])).toEqual([
      ['bob', 'America/New_York'], // his own
      ['cara', 'Europe/London'], // noc's, from noc-primary
      ['dan', 'Europe/London'], // noc's: he is in noc-primary by an override
      ['eve', 'UTC'], // in no schedule: an action item owner only
      ['kiri', 'Pacific/Auckland'], // soc's
    ]);
    // bob: 4 pages (3 push, 1 e-mail), 2 read after 90 s and 30 s → mean 60 s, p50 rank 1 → 30 s, p90 rank 2 → 90 s.
    // Night: I1 (05:00 EST); I2 at 07:00:10 EST is morning; I5 at 11:30Z is 07:30 EDT after the change. Weekend: I5 (Sunday).
    // Action items: two open, the one due 2026-03-08 overdue (before 2026-03-09, `to`'s UTC date).
    expect(byUser.bob).toEqual({
      userId: 'bob',
      name: 'Bob',
      timeZone: 'America/New_York',
      pages: 4,
      pagesByChannel: { push: 3, email: 1, ntfy: 0, pushover: 0, webhook: 0, sms: 0, voice: 0, slack: 0 },
      pagesRead: 2,
      timeToRead: { count: 2, meanMs: 60 * S, p50Ms: 30 * S, p90Ms: 90 * S },
      nightInterruptions: 1,
      weekendInterruptions: 1,
      onCallHours: 0,
      actionItemsOpen: 2,
      actionItemsOverdue: 1,
    });
    // cara: 4 pages; reads 60 s and 600 s → mean 330 s, p50 60 s, p90 600 s. I3 paged her Fri 22:30
    // and Sat 00:15 London: one incident, so one night and one weekend interruption.
    // On call Mon–Fri 09:00–17:00 London (= UTC in March) → 5 × 8 h = 40 h, less dan's override
    // Wed 09:00–13:00 (4 h) → 36 h. Her only item is done.
    expect(byUser.cara).toMatchObject({
      pages: 4,
      pagesRead: 2,
      timeToRead: { count: 2, meanMs: 330 * S, p50Ms: 60 * S, p90Ms: 600 * S },
      nightInterruptions: 1,
      weekendInterruptions: 1,
      onCallHours: 36,
      actionItemsOpen: 0,
      actionItemsOverdue: 0,
    });
    expect(byUser.dan).toMatchObject({ pages: 0, onCallHours: 4, actionItemsOpen: 0, nightInterruptions: 0 }); // "won't do" is not open
    expect(byUser.eve).toMatchObject({ pages: 0, onCallHours: 0, actionItemsOpen: 1, actionItemsOverdue: 0 });
    // kiri: I4 at Sat 16:00 NZDT (weekend, not night — in UTC it would be Sat 03:00, a night);
    // I5 at Sun 23:00 NZDT (night and weekend). On call the whole week: 7 × 24 = 168 h.
    expect(byUser.kiri).toMatchObject({
      pages: 2,
      pagesRead: 1,
      timeToRead: { count: 1, meanMs: 240 * S, p50Ms: 240 * S, p90Ms: 240 * S },
      nightInterruptions: 1,
      weekendInterruptions: 2,
      onCallHours: 168,
      actionItemsOpen: 1,
      actionItemsOverdue: 1,
    });
  });

  it('counts action items, post-mortems and the days of the range', () => {
    // Open: bob ×2, eve, kiri = 4; overdue: bob's 03-08 and kiri's 03-01 = 2; done: cara's = 1; dan's "won't do" in none.
    expect(r.actionItems).toEqual({ open: 4, overdue: 2, done: 1 });
    // p1 (I3 and I5, counted once) is a draft; p2 is signed off.
    expect(r.postmortems).toEqual({ due: 0, draft: 1, inReview: 0, signedOff: 1 });
    const z = { high: 0, medium: 0, low: 0 };
    expect(r.days).toEqual([
      { date: '2026-03-02', byPriority: { ...z, high: 1 } },
      { date: '2026-03-03', byPriority: { ...z, high: 1 } },
      { date: '2026-03-04', byPriority: { ...z, medium: 1 } },
      { date: '2026-03-05', byPriority: z },
      { date: '2026-03-06', byPriority: z },
      { date: '2026-03-07', byPriority: { ...z, low: 1 } },
      { date: '2026-03-08', byPriority: { ...z, high: 1 } },
    ]);
  });

  it('keeps to the filtered team: its schedules for on-call hours, its zone for due dates', () => {
    // The store narrowed the facts to soc; the report keeps soc-primary only.
    const soc = report({
      query: { ...query, team: 'soc' },
      incidents: incidents.filter((i) => i.teamId === 'soc'),
      pages: pages.filter((x) => x.incidentId === 'I4' || x.incidentId === 'I5'),
      actionItems: actionItems,
    });
    expect(soc.totals.incidents).toBe(2);
    expect(soc.responders.find((x) => x.userId === 'cara')?.onCallHours ?? 0).toBe(0);
    expect(soc.responders.find((x) => x.userId === 'kiri')?.onCallHours).toBe(168);
    // `to` 2026-03-09T00:00Z is 13:00 on 2026-03-09 in Auckland: the same date, the same overdue items.
    expect(soc.actionItems).toEqual({ open: 4, overdue: 2, done: 1 });
  });

  it('shows only the filtered responder', () => {
    const bobOnly = report({ query: { ...query, responder: 'bob' } });
    expect(bobOnly.responders.map((x) => x.userId)).toEqual(['bob']);
  });
});

describe('buildReport on an empty range', () => {
  it('answers zero incidents, null rates and stats, every day, and the people on call', () => {
    const r = buildReport({
      query: { from: '2026-03-05T12:00:00.000Z', to: '2026-03-07T00:00:00.000Z' },
      generatedAt,
      incidents: [],
      pages: [],
      actionItems: [],
      schedules,
      directory,
    });
    const none = { count: 0, meanMs: null, p50Ms: null, p90Ms: null };
    expect(r.totals).toEqual({
      incidents: 0,
      byPriority: { high: 0, medium: 0, low: 0 },
      timeToRead: none,
      timeToAcknowledge: none,
      timeToResolve: none,
      escalationRate: null,
      failoverRate: null,
      falsePositiveRate: null,
      couldHaveWaitedRate: null,
    });
    expect([r.byTeam, r.byService, r.byClient, r.ruleHints]).toEqual([[], [], [], []]);
    expect(r.byPriority.map((g) => g.figures.incidents)).toEqual([0, 0, 0]);
    expect(r.days.map((d) => d.date)).toEqual(['2026-03-05', '2026-03-06']);
    // Thu 12:00 – Sat 00:00: cara Thu 12:00–17:00 (5 h) and Fri 09:00–17:00 (8 h) = 13 h; kiri all 36 h.
    expect(r.responders.map((x) => [x.userId, x.onCallHours, x.pages])).toEqual([
      ['cara', 13, 0],
      ['kiri', 36, 0],
    ]);
    expect(r.actionItems).toEqual({ open: 0, overdue: 0, done: 0 });
    expect(r.postmortems).toEqual({ due: 0, draft: 0, inReview: 0, signedOff: 0 });
  });
});

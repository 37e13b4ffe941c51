import { type Report, type ReportFigures, ReportSchema } from '../../../shared/schemas/report.js';

const MIN = 60_000;

/** Figures with the given counts and times, the rest empty. */
export function figures(incidents: number, extra: Partial<ReportFigures> = {}): ReportFigures {
  const none = { count: 0, meanMs: null, p50Ms: null, p90Ms: null };
  return {
    incidents,
    byPriority: { high: 0, medium: 0, low: 0 },
    timeToRead: none,
    timeToAcknowledge: none,
    timeToResolve: none,
    escalationRate: incidents ? 0 : null,
    failoverRate: incidents ? 0 : null,
    falsePositiveRate: incidents ? 0 : null,
    couldHaveWaitedRate: incidents ? 0 : null,
    ...extra,
  };
}

/**
 * A report as the relay could send it (checked with the shared schema): nine incidents over three
 * days for two teams, two responders, a rule worth demoting.
 */
export function reportFixture(edit: (r: Report) => void = () => {}): Report {
  const noc = figures(7, {
    byPriority: { high: 4, medium: 2, low: 1 },
    timeToRead: { count: 6, meanMs: 3 * MIN, p50Ms: 2 * MIN, p90Ms: 9 * MIN },
    timeToAcknowledge: { count: 5, meanMs: 6 * MIN, p50Ms: 5 * MIN, p90Ms: 14 * MIN },
    timeToResolve: { count: 4, meanMs: 95 * MIN, p50Ms: 62 * MIN, p90Ms: 190 * MIN },
    escalationRate: 2 / 7,
    failoverRate: 1 / 7,
    falsePositiveRate: 3 / 7,
    couldHaveWaitedRate: 1 / 7,
  });
  const sec = figures(2, { byPriority: { high: 1, medium: 0, low: 1 }, timeToRead: { count: 2, meanMs: 45_000, p50Ms: 30_000, p90Ms: 60_000 } });
  const report: Report = {
    query: { from: '2026-11-01T00:00:00.000Z', to: '2026-11-04T00:00:00.000Z' },
    generatedAt: '2026-11-30T22:00:00.000Z',
    totals: figures(9, {
      byPriority: { high: 5, medium: 2, low: 2 },
      timeToRead: { count: 8, meanMs: 150_000, p50Ms: 90_000, p90Ms: 9 * MIN },
      timeToAcknowledge: noc.timeToAcknowledge,
      timeToResolve: noc.timeToResolve,
      escalationRate: 2 / 9,
      failoverRate: 1 / 9,
      falsePositiveRate: 3 / 9,
      couldHaveWaitedRate: 1 / 9,
    }),
    byTeam: [
      { key: 'sec', name: 'Security', figures: sec },
      { key: 'noc', name: 'NOC', figures: noc },
    ],
    byService: [{ key: 'db', name: 'Databases', figures: noc }],
    byClient: [{ key: '(none)', name: 'No client', figures: figures(9) }],
    byPriority: [
      { key: 'high', name: 'high', figures: figures(5) },
      { key: 'medium', name: 'medium', figures: figures(2) },
      { key: 'low', name: 'low', figures: figures(2) },
    ],
    responders: [
      {
        userId: 'cara',
        name: 'Cara',
        timeZone: 'Europe/Berlin',
        pages: 2,
        pagesByChannel: { push: 2, email: 0, ntfy: 0, pushover: 0, webhook: 0, sms: 0, voice: 0, slack: 0 },
        pagesRead: 1,
        timeToRead: { count: 1, meanMs: MIN, p50Ms: MIN, p90Ms: MIN },
        nightInterruptions: 0,
        weekendInterruptions: 1,
        onCallHours: 7.46,
        actionItemsOpen: 0,
        actionItemsOverdue: 0,
      },
      {
        userId: 'bob',
        name: 'Bob',
        timeZone: 'UTC',
        pages: 12,
        pagesByChannel: { push: 9, email: 3, ntfy: 0, pushover: 0, webhook: 0, sms: 0, voice: 0, slack: 0 },
        pagesRead: 11,
        timeToRead: { count: 11, meanMs: 2 * MIN, p50Ms: 90_000, p90Ms: 5 * MIN },
        nightInterruptions: 4,
        weekendInterruptions: 2,
        onCallHours: 72,
        actionItemsOpen: 3,
        actionItemsOverdue: 1,
      },
    ],
    ruleHints: [{ rule: 'db-prod#2', incidents: 9, falsePositives: 7, couldHaveWaited: 0 }],
    days: [
      { date: '2026-11-01', byPriority: { high: 2, medium: 1, low: 0 } },
      { date: '2026-11-02', byPriority: { high: 0, medium: 0, low: 0 } },
      { date: '2026-11-03', byPriority: { high: 3, medium: 1, low: 2 } },
    ],
    actionItems: { open: 3, overdue: 1, done: 4 },
    postmortems: { due: 1, draft: 2, inReview: 0, signedOff: 3 },
  };
  edit(report);
  return ReportSchema.parse(report);
}

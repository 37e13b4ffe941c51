import type { HistoryPage } from '../../../shared/schemas/history.js';
import { makeIncident } from '../../board/testing/board-fakes.js';

/**
 * A History answer as the relay sends it: two resolved incidents found by "zanzibar", one with its
 * snippet from the alert payload (with markup a sender might have put there), and the facets.
 * `change` may edit it before it is returned.
 */
export function historyPageFixture(change: (page: HistoryPage) => void = () => {}): HistoryPage {
  const page: HistoryPage = {
    incidents: [
      makeIncident('inc-1', { summary: 'Disk full on db-1', status: 'resolved', resolvedAt: '2026-11-20T10:30:00.000Z', triageVerdict: 'confirmed', serviceId: 'db', clientId: 'acme' }),
      makeIncident('inc-2', { summary: 'Backup job failed', status: 'resolved', resolvedAt: '2026-11-19T08:00:00.000Z', priority: 'low', serviceId: 'backup' }),
    ],
    snippets: {
      'inc-1': [
        { text: '…volume ', match: false },
        { text: 'zanzibar', match: true },
        { text: ' <img src=x onerror=alert(1)> at 99%…', match: false },
      ],
    },
    total: 3,
    facets: {
      priority: { low: 1, high: 2 },
      service: { db: 2, backup: 1 },
      client: { acme: 2, none: 1 },
      verdict: { confirmed: 1, none: 2 },
    },
    nextCursor: 'c2',
  };
  change(page);
  return page;
}

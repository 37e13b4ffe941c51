import type { PageMessage } from '../../../app/ports/notifier.js';

/** A page as the relay hands it to a notifier, with signed action URLs; override what a test cares about. */
export function pageMessage(overrides: Partial<PageMessage> = {}): PageMessage {
  return {
    pageId: 'pg_01HZXK3V7Q',
    incidentId: 'inc_42',
    userId: 'ana',
    attempt: 1,
    priority: 'high',
    summary: 'db-01 disk full on /var',
    serviceName: 'Database',
    createdAt: '2025-03-04T05:06:07.000Z',
    openUrl: 'https://klaxon.example/m/pages/pg_01HZXK3V7Q',
    actions: {
      read: 'https://klaxon.example/p/pg_01HZXK3V7Q/read?sig=r3ad',
      acknowledge: 'https://klaxon.example/p/pg_01HZXK3V7Q/acknowledge?sig=4ck',
    },
    ...overrides,
  };
}

/** A sleep that never waits: it records the waits asked for and resolves at once. */
export function fakeSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => (waits.push(ms), Promise.resolve()) };
}

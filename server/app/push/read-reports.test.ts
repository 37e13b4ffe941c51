import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../adapters/log/create-logger.js';
import { makeIncident, makePage } from '../../adapters/store/contract/fixtures.js';
import { createStore } from '../../adapters/store/create-store.js';
import type { IncidentActions } from '../incidents/incident-actions.js';
import type { Notifier } from '../ports/notifier.js';
import type { Store } from '../ports/store.js';
import { createReadReports } from './read-reports.js';

let store: Store;
beforeEach(async () => {
  store = await createStore(':memory:');
});
afterEach(() => store.close());

describe('read reports', () => {
  it('cancels the Pushover repeats of the same page once it is read elsewhere, but not the receipt that was acknowledged', async () => {
    const incident = await store.insertIncident(makeIncident());
    const push = makePage(incident.id, 0, { id: 'p-push', pageKey: 'k1', channel: 'push' });
    const pushover = makePage(incident.id, 0, { id: 'p-po', pageKey: 'k1', channel: 'pushover' });
    const other = makePage(incident.id, 0, { id: 'p-other', pageKey: 'k2', channel: 'pushover' });
    for (const page of [push, pushover, other]) await store.insertPage(page);
    const receipt = (r: string, pageId: string) => store.insertPageReceipt({ receipt: r, pageId, channel: 'pushover', createdAt: new Date(0) });
    await receipt('r-po', 'p-po');
    await receipt('r-other', 'p-other');

    const reads: string[] = [];
    const cancelled: string[] = [];
    const notifier: Notifier = { channel: 'pushover', send: async () => ({ ok: true }), cancel: async (r) => void cancelled.push(r) };
    const reports = createReadReports({
      store,
      escalator: { pageRead: async (_user, pageId) => (reads.push(pageId), { ok: true, value: undefined }) },
      actions: {} as IncidentActions,
      pushover: () => notifier,
      log: createSilentLogger(),
    });

    expect(await reports.pageRead('alice', 'p-push')).toEqual({ ok: true, value: undefined });
    expect(reads).toEqual(['p-push']);
    expect(cancelled).toEqual(['r-po']);

    cancelled.length = 0;
    const at = new Date();
    expect(await reports.fromPushover({ receipt: 'r-po', acknowledged: true, acknowledgedAt: at, acknowledgedBy: null, acknowledgedByDevice: null })).toMatchObject({ ok: true });
    expect(reads).toEqual(['p-push', 'p-po']);
    expect(cancelled).toEqual([]);
    expect(await reports.fromPushover({ receipt: 'r-none', acknowledged: true, acknowledgedAt: at, acknowledgedBy: null, acknowledgedByDevice: null })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import type { PhoneUsageReport } from '../../shared/schemas/phone-usage.js';
import type { Role, User } from '../../shared/schemas/user.js';
import { ServicesKey } from '../services/services.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createFakeApi, createFakeHost, createFakeLink } from '../testing/fake-services.js';
import { createPhoneUsageApi, PhoneUsageApiKey } from './phone-usage-api.js';
import { monthLabel, phoneUsageTable, usageEmpty, usageMonths } from './phone-usage-table.js';
import { usePhoneUsageStore } from './use-phone-usage-store.js';

const REPORT: PhoneUsageReport = {
  configured: true,
  months: [
    { month: '2026-10', smsSegments: 0, callMinutes: 0 },
    { month: '2026-11', smsSegments: 1_204, callMinutes: 37 },
  ],
};

/** A relay at the HTTP boundary answering the usage route with `answer`; records the URLs asked. */
function setup(role: Role, answer: (url: URL) => { status: number; body: unknown } | Promise<{ status: number; body: unknown }>) {
  const urls: URL[] = [];
  const fetchImpl = (async (input: string) => {
    const url = new URL(input);
    urls.push(url);
    const { status, body } = url.pathname === '/api/v1/reports/phone-usage' ? await answer(url) : { status: 404, body: { error: 'no such route' } };
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const pinia = createPinia();
  createApp({})
    .provide(ServicesKey, {
      host: createFakeHost(),
      api: createFakeApi(async () => {
        throw new Error('no');
      }),
      openLink: () => createFakeLink(),
      now: () => new Date('2026-11-30T22:38:00Z'),
    })
    .provide(PhoneUsageApiKey, createPhoneUsageApi(fetchImpl))
    .use(pinia);
  setActivePinia(pinia);
  const user = { id: 'ann', name: 'Ann', email: 'ann@example.com', role, notify: [] } as User;
  useSessionStore().$patch({ relayUrl: 'http://relay', token: 'tok', user });
  return { urls, store: usePhoneUsageStore() };
}

const LAST_30_DAYS = { from: '2026-10-31T23:00:00.000Z', to: '2026-11-30T23:00:00.000Z' };

describe('SMS and voice costs on the Reports page', () => {
  it('asks for the whole UTC months of the range and shows them, newest first, with a total', async () => {
    const { urls, store } = setup('ir-manager', () => ({ status: 200, body: REPORT }));
    expect(store.allowed).toBe(true);
    const loading = store.load(LAST_30_DAYS);
    expect(store.status).toBe('loading');
    await loading;
    expect(urls.map((u) => u.search)).toEqual(['?from=2026-10&to=2026-11']);
    expect(store.status).toBe('ready');
    expect(store.report).toEqual(REPORT);
    expect(phoneUsageTable(REPORT).rows.map((r) => Object.values(r.cells))).toEqual([
      ['Nov 2026', (1204).toLocaleString(), '37'],
      ['Oct 2026', '0', '0'],
      ['Total', (1204).toLocaleString(), '37'],
    ]);
    expect(usageEmpty(REPORT)).toBe(false);
  });

  it("shows the relay's refusal and asks the same months again on retry", async () => {
    let refuse = true;
    const { urls, store } = setup('admin', () =>
      refuse ? { status: 400, body: { error: 'from: use a month as YYYY-MM', field: 'from' } } : { status: 200, body: REPORT },
    );
    await store.load(LAST_30_DAYS);
    expect(store.status).toBe('error');
    expect(store.error).toContain('from: use a month as YYYY-MM');
    expect(store.report).toBeNull();
    refuse = false;
    await store.retry();
    expect(store.status).toBe('ready');
    expect(urls.map((u) => u.search)).toEqual(['?from=2026-10&to=2026-11', '?from=2026-10&to=2026-11']);
  });

  it('drops an answer overtaken by a newer request', async () => {
    let release: (() => void) | undefined;
    const { store } = setup('ir-manager', async (url) => {
      if (url.searchParams.get('from') === '2026-01') await new Promise<void>((done) => (release = done));
      return { status: 200, body: { configured: true, months: [{ month: url.searchParams.get('to'), smsSegments: 1, callMinutes: 1 }] } };
    });
    const slow = store.load({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' });
    await store.load({ from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' });
    release?.();
    await slow;
    expect(store.report?.months.map((m) => m.month)).toEqual(['2026-11']);
  });

  it('is left out for roles the relay shows no costs to', () => {
    for (const role of ['responder', 'triage-analyst', 'forensic-analyst', 'threat-researcher'] as const) {
      expect(setup(role, () => ({ status: 403, body: { error: 'no' } })).store.allowed, role).toBe(false);
    }
  });

  it('reads months in UTC and treats a range end as exclusive', () => {
    expect(usageMonths({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' })).toEqual({ from: '2026-03', to: '2026-03' });
    expect(usageMonths({ from: '2025-12-31T23:00:00.000Z', to: '2026-01-15T00:00:00.000Z' })).toEqual({ from: '2025-12', to: '2026-01' });
    expect(monthLabel('2026-01')).toBe('Jan 2026');
    expect(usageEmpty({ configured: true, months: [{ month: '2026-01', smsSegments: 0, callMinutes: 0 }] })).toBe(true);
    expect(phoneUsageTable({ configured: true, months: [{ month: '2026-01', smsSegments: 3, callMinutes: 2 }] }).rows).toHaveLength(1);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import type { Page } from '../../shared/schemas/page.js';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';
import type { WallboardStats } from '../../shared/schemas/wallboard.js';
import { createSilentLogger } from '../../server/adapters/log/create-logger.js';
import { startRelay, type Relay } from '../../server/relay.js';
import { parseSettings } from '../../server/settings.js';
import { createManualClock, type ManualClock } from '../support/manual-clock.js';
import { login } from '../support/phone.js';
import { LIVE_INCIDENTS } from '../../server/app/demo/demo-scenario.js';

const LIVE_KEYS = new Set(LIVE_INCIDENTS.map((l) => `demo-${l.key}`));

// Monday 1 December 2026, 01:00 in New York: Dan is on call (the example's override for Bob).
const T0 = new Date('2026-12-01T06:00:00Z');
const DAY = 86_400_000;

describe('KLAXON_DEMO=1: a living NOC', () => {
  let relay: Relay;
  let clock: ManualClock;
  let dir: string;
  let token: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const api = async (pathname: string, as = token): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${relay.url}${pathname}`, { headers: { authorization: `Bearer ${as}` } });
    return { status: response.status, body: await response.json() };
  };
  const detail = async (id: string) => (await api(`/api/v1/incidents/${id}`)).body as { incident: Incident; timeline: TimelineEvent[]; pages: Page[] };
  const until = async <T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`not seen in time: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'klaxon-demo-'));
    clock = createManualClock(T0);
    relay = await startRelay(parseSettings({ argv: ['--port', '0', '--smtp-port', '0', '--db', path.join(dir, 'klaxon.db'), '--demo'], env: {} }), {
      clock,
      log: createSilentLogger(),
      print: () => undefined,
      // No synthetic stream here: the test drives the clock and wants only the seeded scenario.
      demoAlertStream: () => ({ stop: () => undefined }),
    });
    token = await login(relay.url, 'ann', 'change-me-ann');
  });
  afterAll(async () => {
    await relay?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows incidents in several states on the board at once', async () => {
    const open = (await api('/api/v1/incidents?status=open')).body.incidents as Incident[];
    const live = open.filter((i) => LIVE_KEYS.has(i.dedupKey));
    expect(live.some((i) => i.status === 'acknowledged' && i.triageVerdict === 'confirmed' && i.forensicAssignee === 'cara')).toBe(true);
    expect(live.some((i) => i.status === 'triggered' && i.triageAssignee === 'bob')).toBe(true);
    expect(live.some((i) => i.escalation === 'deferred')).toBe(true);
    const escalated = live.find((i) => i.dedupKey === 'demo-fw-wan1')!;
    const { timeline, pages } = await detail(escalated.id);
    expect(timeline.some((e) => e.type === 'escalation.level' && e.data.to === 1 && e.actor.id === 'dan' && e.data.simulated === true)).toBe(true);
    expect(pages.some((p) => p.userId === 'ann' && p.level === 1)).toBe(true);

    const all = (await api('/api/v1/incidents?status=resolved')).body.incidents as Incident[];
    expect(all.some((i) => i.dedupKey === 'demo-dc01-cpu' && i.triageVerdict === 'false_positive')).toBe(true);
    const resolvedHigh = all.find((i) => i.dedupKey === 'demo-edr-ransom')!;
    expect(resolvedHigh.priority).toBe('high');
    const postmortem = await api(`/api/v1/incidents/${resolvedHigh.id}/postmortem`);
    expect(postmortem.status).toBe(200);
  });

  it('counts a back-dated week of history in the reports and on the wallboard', async () => {
    const from = new Date(T0.getTime() - 7 * DAY).toISOString();
    const report = await api(`/api/v1/reports/summary?from=${encodeURIComponent(from)}&to=${encodeURIComponent(T0.toISOString())}`);
    expect(report.status).toBe(200);
    expect(report.body.totals.incidents).toBeGreaterThanOrEqual(35);
    expect((report.body.byClient as { key: string }[]).map((g) => g.key)).toEqual(expect.arrayContaining(['acme', 'globex']));

    const stats = (await api('/api/v1/stats/wallboard')).body as WallboardStats;
    expect(stats.responseTimes.read.count).toBeGreaterThanOrEqual(35);
    expect(stats.responseTimes.read.daily.filter((d) => d.meanSeconds !== null).length).toBeGreaterThanOrEqual(6);
    expect(stats.alertsPerHour.reduce((n, h) => n + h.count, 0)).toBeGreaterThan(0);
    expect(stats.falsePositives.count).toBeGreaterThan(0);
  });

  it('has the simulated phones read pages after a human-like delay, marked simulated on the timeline', async () => {
    const open = (await api('/api/v1/incidents?status=open')).body.incidents as Incident[];
    const paged = open.filter((i) => LIVE_KEYS.has(i.dedupKey) && i.status === 'triggered' && i.escalation === 'running');
    expect(paged.length).toBeGreaterThan(0);
    // Nothing is read before anyone could have looked at the phone.
    for (const incident of paged) expect((await detail(incident.id)).pages.filter((p) => p.readAt)).toEqual([]);
    // Time passes in minute steps (the escalation moves on at 5 minutes); people read their phones.
    for (let minute = 1; minute <= 15; minute++) {
      clock.advance(60_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const read = await until('a simulated read', async () => {
      for (const incident of paged) {
        const { timeline } = await detail(incident.id);
        const event = timeline.find((e) => e.type === 'page.read');
        if (event) return event;
      }
      return undefined;
    });
    expect(read.actor.type).toBe('user');
    expect(read.data.simulated).toBe(true);
    expect(Date.parse(read.at) - T0.getTime()).toBeGreaterThanOrEqual(15_000);
    // The phones marked pages delivered through the real gateway.
    const pages = (await detail(paged[0]!.id)).pages;
    expect(pages.some((p) => p.channel === 'push' && p.deliveredAt !== null)).toBe(true);
  });

  it('marks no simulated step for a real person acting in the console', async () => {
    const open = (await api('/api/v1/incidents?status=open')).body.incidents as Incident[];
    const target = open.find((i) => i.status === 'triggered')!;
    const response = await fetch(`${relay.url}/api/v1/incidents/${target.id}/acknowledge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBeLessThan(300);
    const { timeline } = await detail(target.id);
    const ack = timeline.filter((e) => e.type === 'incident.acknowledged').at(-1)!;
    expect(ack.actor.id).toBe('ann');
    expect(ack.data.simulated).toBeUndefined();
  });

  it('gives everyone escalations may page a phone, so no demo page fails and moves the escalation on at once', async () => {
    const unreachable = await api('/api/v1/paging/unreachable');
    expect(unreachable.status).toBe(200);
    expect(unreachable.body.people).toEqual([]);
  });

  it('refuses a wallboard read without a token, and a responder may not dismiss a demo incident', async () => {
    expect((await fetch(`${relay.url}/api/v1/stats/wallboard`)).status).toBe(401);
    const dan = await login(relay.url, 'dan', 'change-me-dan');
    const open = (await api('/api/v1/incidents?status=open')).body.incidents as Incident[];
    const response = await fetch(`${relay.url}/api/v1/incidents/${open[0]!.id}/dismiss`, {
      method: 'POST',
      headers: { authorization: `Bearer ${dan}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'not mine' }),
    });
    expect(response.status).toBe(403);
  });
});

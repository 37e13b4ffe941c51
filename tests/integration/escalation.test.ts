import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import type { Page } from '../../shared/schemas/page.js';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';
import { connectPhone, login, type TestPhone } from '../support/phone.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { fastEscalationPolicy, KEYS, LEAD_EMAIL, writeTestConfig } from '../support/test-config.js';

// The machine may be slow: every wait has a generous deadline, and timings are printed, not asserted.
const WAIT_MS = 20_000;
const SCENARIO_MS = 90_000;
/** Level 1's delay in the kill -9 tests: longer than a restart takes on a slow machine. */
const LEVEL_1_S = 15;

let smtp: SmtpSink;
const closers: (() => unknown)[] = [];
beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await smtp?.close();
});

/** What the tests need of one running relay. */
function relayClient(relay: () => RelayProcess) {
  let ann: string | undefined;
  const annToken = async () => (ann ??= await login(relay().url, 'ann', 'change-me-ann'));
  const api = async <T>(path: string, method = 'GET'): Promise<T> => {
    const response = await fetch(`${relay().url}${path}`, { method, headers: { authorization: `Bearer ${await annToken()}` } });
    if (response.status !== 200) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    reset: () => void (ann = undefined),
    async trigger(dedupKey: string): Promise<string> {
      const response = await fetch(`${relay().url}/v2/enqueue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          routing_key: KEYS.eventsV2,
          event_action: 'trigger',
          dedup_key: dedupKey,
          payload: { summary: `Escalation test ${dedupKey}`, source: 'escalation-test', severity: 'critical' },
        }),
      });
      expect(response.status).toBe(202);
      const { incidents } = await api<{ incidents: Incident[] }>('/api/v1/incidents?status=open');
      return incidents.find((i) => i.dedupKey === dedupKey)!.id;
    },
    incident: (id: string) => api<{ incident: Incident; timeline: TimelineEvent[] }>(`/api/v1/incidents/${id}`),
    resolve: (id: string) => api(`/api/v1/incidents/${id}/resolve`, 'POST'),
    async phone(username: 'bob' | 'cara'): Promise<TestPhone> {
      const phone = await connectPhone(relay().url, await login(relay().url, username, `change-me-${username}`));
      closers.push(() => phone.close());
      return phone;
    },
    /** When the escalation started, from the timeline (level n is due `n × delay` later). */
    async startedAt(id: string): Promise<number> {
      const { timeline } = await this.incident(id);
      return Date.parse(timeline.find((e) => e.type === 'escalation.started')!.at);
    },
  };
}

/**
 * Pairs a phone for `username`, as the console's pairing code does: a person with a paired phone that
 * is off gets the page when it connects; one with no phone at all gets a failed page at once.
 */
async function pairDevice(baseUrl: string, username: 'bob' | 'cara'): Promise<void> {
  const token = await login(baseUrl, username, `change-me-${username}`);
  const post = (path: string, body: unknown, auth?: string) =>
    fetch(`${baseUrl}${path}`, { method: 'POST', headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const { code } = (await (await post('/api/v1/devices/pairing-codes', {}, token)).json()) as { code: string };
  expect((await post('/api/v1/devices/pair', { code, name: `${username}'s phone` })).status).toBe(200);
}

const untilMs = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
const report = (label: string, ms: number) => console.info(`[escalation] ${label}: ${Math.round(ms)} ms`);

describe('escalation on a real relay (levels 2 s and 2 s, stop on read, failover to the lead)', () => {
  let relay: RelayProcess;
  const client = relayClient(() => relay);
  let bob: TestPhone;
  let cara: TestPhone;

  beforeAll(async () => {
    relay = await startRelayProcess({
      env: { KLAXON_CONFIG: writeTestConfig((doc) => fastEscalationPolicy(doc)), KLAXON_MAIL_URL: smtp.url },
    });
    closers.push(() => relay.dispose());
    [bob, cara] = await Promise.all([client.phone('bob'), client.phone('cara')]);
  });

  it('(a) nobody reads: bob, then cara, then the failover e-mail listing both pages', { timeout: SCENARIO_MS }, async () => {
    const id = await client.trigger('nobody-reads');
    const bobPage = await bob.waitForPage((p) => p.incidentId === id, WAIT_MS);
    expect(bobPage).toMatchObject({ id: `${id}/0:0:bob/push`, priority: 'high', attempt: 1, summary: 'Escalation test nobody-reads' });
    const caraPage = await cara.waitForPage((p) => p.incidentId === id, WAIT_MS);
    expect(caraPage).toMatchObject({ id: `${id}/1:0:cara/push`, attempt: 1 });
    const mail = await smtp.waitFor((m) => m.text.includes(id), WAIT_MS);

    expect(mail.to).toEqual([LEAD_EMAIL]);
    expect(mail.subject).toBe('[Klaxon] UNANSWERED high: Escalation test nobody-reads');
    expect(mail.text).toContain('Pages sent (2):');
    expect(mail.text).toMatch(/- Bob Example \(bob\) · push · level 1 · DELIVERED · /);
    expect(mail.text).toMatch(/- Cara Example \(cara\) · push · level 2 · (DELIVERED|SENT) · /);

    const { incident, timeline } = await client.incident(id);
    expect(incident.escalation).toBe('unanswered');
    const types = timeline.map((e) => e.type);
    for (const type of ['escalation.started', 'page.sent', 'page.delivered', 'escalation.level', 'failover.sent']) expect(types).toContain(type);
    expect(types.filter((t) => t === 'page.delivered')).toHaveLength(2);
    expect(bob.pages.filter((p) => p.incidentId === id)).toHaveLength(1);

    const started = await client.startedAt(id);
    report('(a) bob paged after the escalation started', bobPage.receivedAt - started);
    report('(a) cara paged, late vs due (start + 2 s)', caraPage.receivedAt - (started + 2000));
    report('(a) failover e-mail received, late vs due (start + 4 s)', mail.receivedAt - (started + 4000));
    await client.resolve(id);
  });

  it('(b) bob reads: the escalation stops, cara is never paged', { timeout: SCENARIO_MS }, async () => {
    const id = await client.trigger('bob-reads');
    const bobPage = await bob.waitForPage((p) => p.incidentId === id, WAIT_MS);
    expect(await bob.read(bobPage.id)).toEqual({ ok: true });
    const started = await client.startedAt(id);
    const { incident } = await client.incident(id);
    expect(incident.escalation).toBe('stopped');

    // Cara's level would have come at start + 2 s and the failover at + 4 s: wait past both.
    await untilMs(started + 6000);
    expect(cara.pages.filter((p) => p.incidentId === id)).toEqual([]);
    expect(smtp.messages.filter((m) => m.text.includes(id))).toEqual([]);
    const { timeline } = await client.incident(id);
    const types = timeline.map((e) => e.type);
    expect(types).toContain('page.read');
    expect(types).toContain('escalation.stopped');
    expect(types).not.toContain('escalation.level');
    expect(types).not.toContain('failover.sent');
    expect(timeline.find((e) => e.type === 'escalation.stopped')!.data).toEqual({ reason: 'read', by: '0:0:bob' });
    expect(timeline.find((e) => e.type === 'page.read')!.actor).toEqual({ type: 'user', id: 'bob' });
    report('(b) bob read the page, after the escalation started', Date.parse(timeline.find((e) => e.type === 'page.read')!.at) - started);
    await client.resolve(id);
  });

  it('(c) bob’s phone is offline when paged: it gets the same page when it connects', { timeout: SCENARIO_MS }, async () => {
    // Bob has a paired phone that is off: the page waits for it (with no phone at all it would fail).
    await pairDevice(relay.url, 'bob');
    bob.close();
    // A console shows the relay's attempt: the page stays queued, tried once, nobody to ring.
    const consoleSocket: Socket = connect(`${relay.url}/console`, { auth: { token: await login(relay.url, 'ann', 'change-me-ann') }, transports: ['websocket'], reconnection: false });
    closers.push(() => consoleSocket.close());
    await new Promise((resolve) => consoleSocket.once('connect', () => resolve(undefined)));
    await new Promise((resolve) => consoleSocket.emit('board:subscribe', resolve));
    const updates: Page[] = [];
    consoleSocket.on('page:updated', (page: Page) => updates.push(page));

    const id = await client.trigger('bob-offline');
    const pageId = `${id}/0:0:bob/push`;
    const deadline = Date.now() + WAIT_MS;
    while (!updates.some((p) => p.id === pageId && p.attempts >= 1) && Date.now() < deadline) await untilMs(Date.now() + 50);
    const tried = updates.find((p) => p.id === pageId && p.attempts >= 1);
    expect(tried).toMatchObject({ state: 'queued', sentAt: null });

    const connectedAt = Date.now();
    bob = await client.phone('bob');
    const replayed = await bob.waitForPage((p) => p.incidentId === id, WAIT_MS);
    expect(replayed).toMatchObject({ id: pageId, incidentId: id, priority: 'high', summary: 'Escalation test bob-offline' });
    expect(await bob.read(replayed.id)).toEqual({ ok: true });

    const { incident, timeline } = await client.incident(id);
    expect(incident.escalation).toBe('stopped');
    const delivered = timeline.find((e) => e.type === 'page.delivered');
    expect(delivered?.data).toEqual({ pageId, channel: 'push' });
    report('(c) replayed page arrived after the phone connected', replayed.receivedAt - connectedAt);
    await client.resolve(id);
  });
});

describe('escalation across a kill -9 of the relay (levels 15 s and 2 s)', () => {
  let relay: RelayProcess;
  let dataDir: string;
  const client = relayClient(() => relay);
  let config: string;

  beforeAll(async () => {
    config = writeTestConfig((doc) => fastEscalationPolicy(doc, [`${LEVEL_1_S}s`, '2s']));
    relay = await startRelayProcess({ env: { KLAXON_CONFIG: config, KLAXON_MAIL_URL: smtp.url } });
    dataDir = relay.dataDir;
    // Their phones are paired (and stored), so pages sent while a phone reconnects wait for it.
    await pairDevice(relay.url, 'bob');
    await pairDevice(relay.url, 'cara');
    const first = relay;
    // Disposed last: the first process owns (and removes) the data folder the restarts share.
    closers.unshift(() => first.dispose());
  });

  /** Kills the relay with SIGKILL and starts a new one on the same data folder (on a new port). */
  async function killAndRestart(before?: () => Promise<void>): Promise<number> {
    expect(await relay.kill9()).toEqual({ code: null, signal: 'SIGKILL' });
    await before?.();
    const restarted = await startRelayProcess({ dataDir, env: { KLAXON_CONFIG: config, KLAXON_MAIL_URL: smtp.url } });
    closers.push(() => restarted.dispose());
    relay = restarted;
    client.reset();
    report('relay restart to /health 200', restarted.startupMs);
    return Date.now();
  }

  it('(d) cara’s page still comes when the relay restarts before level 2 is due', { timeout: SCENARIO_MS }, async () => {
    const bob = await client.phone('bob');
    const id = await client.trigger('kill-before-due');
    await bob.waitForPage((p) => p.incidentId === id, WAIT_MS);
    const started = await client.startedAt(id);
    const ready = await killAndRestart();
    const cara = await client.phone('cara');
    const page = await cara.waitForPage((p) => p.incidentId === id, WAIT_MS);

    expect(page).toMatchObject({ id: `${id}/1:0:cara/push`, attempt: 1 });
    const { incident, timeline } = await client.incident(id);
    expect(incident.escalation).toBe('running');
    expect(timeline.filter((e) => e.type === 'escalation.level')).toHaveLength(1);
    const due = started + LEVEL_1_S * 1000;
    report(`(d) restart answered /health ahead of level 2's due time (a negative figure: after it)`, due - ready);
    report(`(d) cara paged after the restart, late vs due (start + ${LEVEL_1_S} s)`, page.receivedAt - due);
    expect(await cara.read(page.id)).toEqual({ ok: true });
    await client.resolve(id);
  });

  it('(d) cara’s page comes at once when the relay restarts after level 2 was due', { timeout: SCENARIO_MS }, async () => {
    const bob = await client.phone('bob');
    const id = await client.trigger('kill-past-due');
    await bob.waitForPage((p) => p.incidentId === id, WAIT_MS);
    const started = await client.startedAt(id);
    const ready = await killAndRestart(async () => void (await untilMs(started + LEVEL_1_S * 1000 + 1000)));
    const cara = await client.phone('cara');
    const page = await cara.waitForPage((p) => p.incidentId === id, WAIT_MS);

    expect(page.id).toBe(`${id}/1:0:cara/push`);
    const { timeline } = await client.incident(id);
    const level = timeline.find((e) => e.type === 'escalation.level')!;
    expect(Date.parse(level.at)).toBeGreaterThanOrEqual(started + LEVEL_1_S * 1000);
    report('(d) overdue cara page arrived after the restarted relay answered /health', page.receivedAt - ready);
    report(`(d) overdue level 2 ran, late vs due (start + ${LEVEL_1_S} s)`, Date.parse(level.at) - (started + LEVEL_1_S * 1000));
    await client.resolve(id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import type { Page } from '../../shared/schemas/page.js';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';
import { login } from '../support/phone.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { fastEscalationPolicy, KEYS, writeTestConfig } from '../support/test-config.js';

const WAIT_MS = 20_000;
let smtp: SmtpSink;
let relay: RelayProcess;
let ann: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  // Level 1 pages bob by e-mail only; level 2 (cara) is an hour away, so only a read can stop it in time.
  const config = writeTestConfig((doc) => {
    fastEscalationPolicy(doc, ['1h', '1h']);
    doc.users!.find((u) => u.id === 'bob')!.notify = [{ channel: 'email', after: '0s' }];
  });
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: config, KLAXON_MAIL_URL: smtp.url } });
  ann = await login(relay.url, 'ann', 'change-me-ann');
}, 60_000);
afterAll(async () => {
  await relay?.dispose();
  await smtp?.close();
});

const api = async <T>(path: string): Promise<T> => {
  const response = await fetch(`${relay.url}${path}`, { headers: { authorization: `Bearer ${ann}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};
const incidentOf = (id: string) => api<{ incident: Incident; timeline: TimelineEvent[]; pages: Page[] }>(`/api/v1/incidents/${id}`);

async function trigger(dedupKey: string): Promise<string> {
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: dedupKey, payload: { summary: `Mail page ${dedupKey}`, source: 'mail-test', severity: 'critical' } }),
  });
  expect(response.status).toBe(202);
  const { incidents } = await api<{ incidents: Incident[] }>('/api/v1/incidents?status=open');
  return incidents.find((i) => i.dedupKey === dedupKey)!.id;
}

/** The signed links of bob's page e-mail for an incident summary. */
async function linksOf(summary: string): Promise<{ read: string; acknowledge: string }> {
  const mail = await smtp.waitFor((m) => m.to.includes('bob@example.com') && m.subject.includes(summary), WAIT_MS);
  const read = /^Read: (\S+)$/m.exec(mail.text)?.[1];
  const acknowledge = /^Acknowledge: (\S+)$/m.exec(mail.text)?.[1];
  expect(read, mail.text).toBeDefined();
  expect(acknowledge, mail.text).toBeDefined();
  return { read: read!, acknowledge: acknowledge! };
}

/** Presses the confirm page's button as a browser does: a form POST to the same signed URL. */
const press = (url: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: '' });

describe('e-mail pages with signed Read and Acknowledge links (real relay, local SMTP server)', () => {
  it('a GET shows a confirm page and changes nothing; its button POSTs and the read stops the escalation', async () => {
    const id = await trigger('mail-read-1');
    const { read } = await linksOf('Mail page mail-read-1');
    expect(new URL(read).origin).toBe(relay.url);

    // A mail scanner or link preview fetches the link: nothing is read.
    const preview = await fetch(read);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toMatch(/^text\/html/);
    expect(preview.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await preview.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(action).toBe(new URL(read).pathname + new URL(read).search);
    let state = await incidentOf(id);
    expect(state.pages.find((p) => p.userId === 'bob')!.state).not.toBe('read');
    expect(state.incident.escalation).toBe('running');

    const done = await press(new URL(action!, relay.url).toString());
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Done');
    state = await incidentOf(id);
    expect(state.pages.find((p) => p.userId === 'bob')!.state).toBe('read');
    expect(state.incident.escalation).toBe('stopped');
    expect(state.timeline.find((e) => e.type === 'escalation.stopped')?.data).toMatchObject({ reason: 'read' });
    expect(state.pages.some((p) => p.userId === 'cara')).toBe(false);
  });

  it('the Acknowledge link acknowledges the incident as the paged person; an app gets JSON', async () => {
    const id = await trigger('mail-ack-1');
    const { acknowledge } = await linksOf('Mail page mail-ack-1');
    const response = await fetch(acknowledge, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, action: 'acknowledge' });
    const state = await incidentOf(id);
    expect(state.incident.status).toBe('acknowledged');
    expect(state.timeline.find((e) => e.type === 'incident.acknowledged')?.actor).toEqual({ type: 'user', id: 'bob' });
  });

  it('refuses tampered and expired links, on the confirm page and on the POST, and changes nothing', async () => {
    const id = await trigger('mail-tamper-1');
    const { read } = await linksOf('Mail page mail-tamper-1');
    const url = new URL(read);
    const variants: Record<string, string> = {};
    const sig = url.searchParams.get('sig')!;
    const flipped = new URL(url);
    flipped.searchParams.set('sig', `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`);
    variants['flipped signature'] = flipped.toString();
    const expired = new URL(url);
    expired.searchParams.set('exp', String(Math.floor(Date.now() / 1000) - 60));
    variants['expiry moved into the past'] = expired.toString();
    const longer = new URL(url);
    longer.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 86_400 * 365));
    variants['expiry moved out'] = longer.toString();
    variants['other action'] = read.replace('/read?', '/acknowledge?');
    const pageSegment = url.pathname.split('/')[3]!;
    variants['other page'] = read.replace(`/${pageSegment}/`, '/someone-else%3A0%3A0%3Abob/');
    expect(variants['other page']).not.toBe(read);

    for (const [what, href] of Object.entries(variants)) {
      const shown = await fetch(href);
      expect(shown.status, what).toBe(403);
      expect(await shown.text(), what).not.toContain('<form');
      expect((await press(href)).status, what).toBe(403);
      expect((await fetch(href, { method: 'POST' })).status, what).toBe(403);
    }
    const noSig = new URL(url);
    noSig.searchParams.delete('sig');
    const malformed = await fetch(noSig, { method: 'POST' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ field: expect.stringContaining('sig') });

    const state = await incidentOf(id);
    expect(state.pages.find((p) => p.userId === 'bob')!.state).not.toBe('read');
    expect(state.incident.escalation).toBe('running');
  });
});

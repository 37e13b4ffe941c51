import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/schemas/audit.js';
import type { Incident } from '../../shared/schemas/incident.js';
import type { Postmortem, PostmortemEditResult } from '../../shared/schemas/postmortem.js';
import { startConnectWiseFake, type ConnectWiseFake } from '../support/connectwise-fake.js';
import { CW, CW_ENV, MAPPING } from '../support/connectwise-relay.js';
import { freePort, startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { signInClient, type ScheduleClient } from '../support/schedule-client.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

// Post-mortem exports over the real API of a relay process (issue 14): Markdown and PDF downloads
// (the PDF read back with poppler), the ConnectWise ticket note against a local fake ConnectWise
// (HTTPS, trusted through NODE_EXTRA_CA_CERTS), need-to-know and misuse; and the PDF from the
// relay's esbuild bundle (`npm run relay`), where pdfkit must find its font files.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-pm-export-'));
let fake: ConnectWiseFake;
let relay: RelayProcess;
let config: string;
let env: Record<string, string>;
let ann: ScheduleClient; // ir-manager
let bob: ScheduleClient; // triage-analyst
let dan: ScheduleClient; // responder

beforeAll(async () => {
  fake = await startConnectWiseFake(CW);
  const ca = path.join(dir, 'cw-ca.pem');
  writeFileSync(ca, fake.cert);
  config = writeTestConfig((doc) => {
    doc.connectwise = [
      {
        id: 'cw-test',
        site: fake.url,
        companyId: CW.companyId,
        clientId: CW.clientId,
        publicKeyEnv: CW_ENV.publicKey,
        privateKeyEnv: CW_ENV.privateKey,
        services: ['rmm'],
        mapping: structuredClone(MAPPING) as never,
      },
    ];
  });
  env = { KLAXON_CONFIG: config, KLAXON_OUTBOUND_ALLOW: '127.0.0.1/32', [CW_ENV.publicKey]: CW.publicKey, [CW_ENV.privateKey]: CW.privateKey, NODE_EXTRA_CA_CERTS: ca };
  relay = await startRelayProcess({ env });
  [ann, bob, dan] = await Promise.all([signInClient(relay.url, 'ann'), signInClient(relay.url, 'bob'), signInClient(relay.url, 'dan')]);
}, 90_000);
afterAll(async () => {
  await relay?.dispose();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not seen in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Sends an alert (`rmm`: covered by the ConnectWise connection; `db`: not) and returns its incident. */
async function trigger(url: string, client: ScheduleClient, dedupKey: string, key: string = KEYS.eventsV2): Promise<Incident> {
  const response = await fetch(`${url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: key, event_action: 'trigger', dedup_key: dedupKey, payload: { summary: `Disk full on ${dedupKey}`, source: 'rmm-agent-7', severity: 'critical' } }),
  });
  expect(response.status).toBe(202);
  const { body } = await client.call('GET', '/api/v1/incidents');
  return (body as { incidents: Incident[] }).incidents.find((i) => i.dedupKey === dedupKey)!;
}

/** The fake's ticket of an incident, once the relay's sync created it. */
async function ticketOf(incident: Incident) {
  return until(`the ticket of ${incident.id}`, () => [...fake.tickets.values()].find((t) => t.summary.includes(incident.dedupKey) || t.initialDescription.includes(incident.id)));
}

async function createPostmortem(client: ScheduleClient, incidentId: string): Promise<Postmortem> {
  const created = await client.call('POST', '/api/v1/postmortems', { incidentIds: [incidentId] });
  expect(created.status).toBe(201);
  return created.body as Postmortem;
}

async function edit(client: ScheduleClient, pm: Postmortem, field: 'summary' | 'rootCause', value: string): Promise<Postmortem> {
  const answer = await client.call('PATCH', `/api/v1/postmortems/${pm.id}`, { field, value, baseVersion: pm.stamps[field]?.version ?? 0 });
  expect(answer.status).toBe(200);
  return (answer.body as PostmortemEditResult).postmortem;
}

async function download(url: string, token: string, pathname: string) {
  const response = await fetch(`${url}${pathname}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Reads a PDF back with poppler: its page count and text, after rendering every page. */
function readPdf(bytes: Buffer, name: string) {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  execFileSync('pdftoppm', ['-r', '20', '-png', file, path.join(dir, name)]);
  return { pages, text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }) };
}

describe('post-mortem exports over the API', () => {
  let pm: Postmortem;
  let incident: Incident;

  beforeAll(async () => {
    incident = await trigger(relay.url, ann, 'pmx-open');
    await ticketOf(incident);
    pm = await createPostmortem(bob, incident.id);
    pm = await edit(bob, pm, 'summary', 'Zażółć gęślą jaźń: the disk filled.\n# not a heading <script>x</script> [link](javascript:alert(1))');
  }, 60_000);

  it('downloads the Markdown as an attachment, people’s text escaped', async () => {
    const md = await download(relay.url, bob.token, `/api/v1/postmortems/${pm.id}/export.md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toMatch(/^attachment; filename="klaxon-postmortem-[A-Za-z0-9_-]+\.md"$/);
    expect(md.headers.get('cache-control')).toBe('no-store');
    const text = md.bytes.toString('utf8');
    expect(text.startsWith(`# Post-mortem: Disk full on pmx-open\n`)).toBe(true);
    expect(text).toContain('- **Service:** RMM alerts');
    expect(text).toContain('Zażółć gęślą jaźń: the disk filled.\\\n\\# not a heading \\<script\\>x\\</script\\> \\[link\\]\\(javascript:alert(1))');
    expect(text).toContain('## The three questions');
  });

  it('downloads a real PDF with the same content', async () => {
    const pdf = await download(relay.url, dan.token, `/api/v1/postmortems/${pm.id}/export.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="klaxon-postmortem-[A-Za-z0-9_-]+\.pdf"$/);
    const read = readPdf(pdf.bytes, 'open');
    expect(read.pages).toBeGreaterThanOrEqual(1);
    expect(read.text).toContain('Post-mortem: Disk full on pmx-open');
    expect(read.text).toMatch(/Zaż|Za\S*ó\S*c g/);
    expect(read.text).toContain(`Page 1 of ${read.pages}`);
    const audit = await ann.call('GET', '/api/v1/audit?action=postmortem.exported');
    const entries = (audit.body as { events: AuditEntry[] }).events.filter((e) => e.subject?.id === pm.id);
    expect(entries.map((e) => [e.actorId, e.details.format]).sort()).toEqual([['bob', 'markdown'], ['dan', 'pdf']]);
  });

  it('posts the post-mortem to the incident’s ConnectWise ticket, split into notes when long', async () => {
    const ticket = await ticketOf(incident);
    const before = ticket.notes.length;
    const posted = await bob.call('POST', `/api/v1/postmortems/${pm.id}/connectwise-note`);
    expect(posted).toEqual({ status: 201, body: { incidentId: incident.id, ticketId: ticket.id, notes: 1, internal: true, redacted: false } });
    const note = ticket.notes[before]!;
    expect(note).toMatchObject({ internal: true, discussion: false });
    expect(note.text.startsWith('# Post-mortem: Disk full on pmx-open')).toBe(true);
    expect(note.text).toContain('Zażółć gęślą jaźń');

    pm = await edit(bob, pm, 'rootCause', Array.from({ length: 16 }, (_, i) => `Cause ${i + 1}. ${'The retention job kept every snapshot. '.repeat(25)}`).join('\n\n'));
    const long = await ann.call('POST', `/api/v1/postmortems/${pm.id}/connectwise-note`, { internal: false });
    expect(long.status).toBe(201);
    const { notes } = long.body as { notes: number };
    expect(notes).toBeGreaterThan(3);
    const added = ticket.notes.slice(before + 1);
    expect(added).toHaveLength(notes);
    added.forEach((n, i) => {
      expect(n.text.length).toBeLessThanOrEqual(4000);
      expect(n.text.startsWith(`Klaxon post-mortem ${pm.id} (part ${i + 1} of ${notes})`)).toBe(true);
      expect(n).toMatchObject({ internal: false, discussion: true });
    });
    for (let i = 1; i <= 16; i++) expect(added.map((n) => n.text).join('')).toContain(`Cause ${i}. `);
    const audit = await ann.call('GET', '/api/v1/audit?action=postmortem.connectwise-note-posted');
    expect((audit.body as { events: AuditEntry[] }).events.filter((e) => e.subject?.id === pm.id)).toHaveLength(2);
  });

  it('refuses a note with a reason: role, bad body, no ticket, ConnectWise refusing', async () => {
    const ticket = await ticketOf(incident);
    const before = ticket.notes.length;
    expect(await dan.call('POST', `/api/v1/postmortems/${pm.id}/connectwise-note`)).toMatchObject({ status: 403, body: { error: expect.stringMatching(/needs one of the roles .*; you are responder/) } });
    expect(await bob.call('POST', `/api/v1/postmortems/${pm.id}/connectwise-note`, { internal: 'yes' })).toMatchObject({ status: 400, body: { field: 'internal' } });
    expect(await bob.call('POST', `/api/v1/postmortems/${pm.id}/connectwise-note`, { internal: true, text: 'mine' })).toMatchObject({ status: 400 });
    expect((await bob.call('POST', '/api/v1/postmortems/no-such-pm/connectwise-note')).status).toBe(404);
    // An id longer than any the relay gives is refused by the router (Fastify's parameter limit).
    expect((await bob.call('GET', `/api/v1/postmortems/${'x'.repeat(201)}/export.md`)).status).toBe(414);
    // A huge body is refused before it is read.
    const huge = await fetch(`${relay.url}/api/v1/postmortems/${pm.id}/connectwise-note`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bob.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ internal: true, padding: 'x'.repeat(1_000_000) }),
    });
    expect(huge.status).toBe(413);
    expect(await bob.call('POST', `/api/v1/postmortems/${pm.id}/connectwise-note`, [1, 2])).toMatchObject({ status: 400 });

    const other = await trigger(relay.url, ann, 'pmx-no-ticket', KEYS.eventsV2Other);
    const untracked = await createPostmortem(bob, other.id);
    expect(await bob.call('POST', `/api/v1/postmortems/${untracked.id}/connectwise-note`)).toMatchObject({
      status: 409,
      body: { error: `the incident ${other.id} has no ConnectWise ticket (no connection covers its service or client)` },
    });

    fake.fail([{ status: 500 }], (r) => r.method === 'POST' && r.path.endsWith('/notes'));
    const refused = await bob.call('POST', `/api/v1/postmortems/${pm.id}/connectwise-note`, {});
    expect(refused).toMatchObject({ status: 502, body: { error: expect.stringMatching(/^ConnectWise did not take the note: .*500/) } });
    expect(ticket.notes).toHaveLength(before);
  });

  it('keeps a confidential incident’s post-mortem to those who may know it', async () => {
    const secret = await trigger(relay.url, ann, 'pmx-secret');
    const ticket = await ticketOf(secret);
    expect((await ann.call('POST', `/api/v1/incidents/${secret.id}/confidential`, { confidential: true })).status).toBe(200);
    const hidden = await createPostmortem(ann, secret.id);
    for (const pathname of [`/api/v1/postmortems/${hidden.id}/export.md`, `/api/v1/postmortems/${hidden.id}/export.pdf`]) {
      const answer = await download(relay.url, bob.token, pathname);
      expect(answer.status).toBe(404);
      expect(answer.bytes.toString()).not.toContain('pmx-secret');
    }
    expect((await bob.call('POST', `/api/v1/postmortems/${hidden.id}/connectwise-note`)).status).toBe(404);
    // A manager may read it, and its ticket note says only that it exists.
    expect((await download(relay.url, ann.token, `/api/v1/postmortems/${hidden.id}/export.md`)).bytes.toString()).toContain('Disk full on pmx-secret');
    const before = ticket.notes.length;
    expect(await ann.call('POST', `/api/v1/postmortems/${hidden.id}/connectwise-note`)).toMatchObject({ status: 201, body: { redacted: true, notes: 1 } });
    expect(ticket.notes[before]!.text).toMatch(/^A post-mortem of this confidential incident was written in Klaxon \(draft\)\. Its details stay in Klaxon: http/);
    expect(ticket.notes[before]!.text).not.toContain('pmx-secret');
  });

  it('answers 401 without a token and 404 for an unknown post-mortem', async () => {
    expect((await fetch(`${relay.url}/api/v1/postmortems/${pm.id}/export.pdf`)).status).toBe(401);
    expect((await download(relay.url, bob.token, '/api/v1/postmortems/no-such-pm/export.md')).status).toBe(404);
  });
});

describe('the PDF export from the relay bundle (npm run relay)', () => {
  it('renders a PDF when pdfkit runs from the esbuild bundle', async () => {
    const port = await freePort();
    const data = mkdtempSync(path.join(dir, 'bundle-'));
    const child = spawn(process.execPath, [path.join(ROOT, 'server', 'run.mjs')], {
      cwd: ROOT,
      env: { ...process.env, ...env, KLAXON_HOST: '127.0.0.1', KLAXON_PORT: String(port), KLAXON_SMTP_PORT: '0', KLAXON_DB: path.join(data, 'klaxon.db'), XDG_DATA_HOME: data },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    try {
      await until(
        'the bundled relay answering /health',
        async () => {
          if (child.exitCode !== null) throw new Error(`the bundled relay exited: ${stderr}`);
          return (await fetch(`${url}/health`).then((r) => r.ok, () => false)) || undefined;
        },
        120_000,
      );
      const manager = await signInClient(url, 'ann');
      const opened = await trigger(url, manager, 'pmx-bundle', KEYS.eventsV2Other);
      const created = await createPostmortem(manager, opened.id);
      const pdf = await download(url, manager.token, `/api/v1/postmortems/${created.id}/export.pdf`);
      expect(pdf.status, stderr).toBe(200);
      const read = readPdf(pdf.bytes, 'bundle');
      expect(read.text).toContain('Post-mortem: Disk full on pmx-bundle');
      expect(read.text).toContain(`Page 1 of ${read.pages}`);
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000);
});

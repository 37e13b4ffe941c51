import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { ConfigInput } from '../../shared/config/config-schema.js';
import type { AffectedProcess, Client } from '../../shared/schemas/client.js';
import type { Incident } from '../../shared/schemas/incident.js';
import { freePort, startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { signInClient, type ScheduleClient } from '../support/schedule-client.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

type ClientView = Client & { managedBy: 'file' | 'console' };

let relay: RelayProcess;
let configPath: string;
let dataDir: string;
let smtpPort: number;
let ann: ScheduleClient;
let bob: ScheduleClient;
const sockets: Socket[] = [];

const globex: Client = {
  id: 'globex',
  name: 'Globex Logistics',
  contacts: [{ name: 'Sam', email: 'sam@globex.example' }],
  holidays: [],
  services: ['db'],
  processes: [
    { id: 'dispatch', name: 'Truck dispatch', criticality: 'critical', services: ['db', 'rmm'] },
    { id: 'reports', name: 'Reports', criticality: 'routine', services: ['db'] },
  ],
  match: { connectwiseCompanies: ['GlobexCW'], emailDomains: ['globex.example'] },
};

async function start(): Promise<RelayProcess> {
  return startRelayProcess({ env: { KLAXON_CONFIG: configPath, KLAXON_SMTP_PORT: String(smtpPort) }, dataDir });
}

async function signIn(): Promise<void> {
  [ann, bob] = await Promise.all([signInClient(relay.url, 'ann'), signInClient(relay.url, 'bob')]);
}

beforeAll(async () => {
  configPath = writeTestConfig();
  smtpPort = await freePort();
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: configPath, KLAXON_SMTP_PORT: String(smtpPort) } });
  dataDir = relay.dataDir;
  await signIn();
}, 60_000);
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await relay?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${relay.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function trigger(dedupKey: string, extra: Record<string, unknown> = {}, key: string = KEYS.eventsV2): Promise<Incident> {
  const response = await post('/v2/enqueue', {
    routing_key: key,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: { summary: `Alert ${dedupKey}`, source: 'srv1', severity: 'critical', ...extra },
  });
  expect(response.status).toBe(202);
  return incidentByDedup(dedupKey);
}

async function incidentByDedup(dedupKey: string): Promise<Incident> {
  const { body } = await ann.call('GET', '/api/v1/incidents');
  const found = (body as { incidents: Incident[] }).incidents.find((i) => i.dedupKey === dedupKey);
  if (!found) throw new Error(`no open incident ${dedupKey}`);
  return found;
}

async function detail(client: ScheduleClient, id: string) {
  return (await client.call('GET', `/api/v1/incidents/${id}`)).body as { incident: Incident; affectedProcesses: AffectedProcess[] };
}

describe('the clients API', () => {
  it('lists the config file’s client, and creates, reads, changes and deletes clients (with a push to consoles)', async () => {
    const list = await bob.call('GET', '/api/v1/clients');
    expect(list.status).toBe(200);
    expect((list.body as { clients: ClientView[] }).clients).toMatchObject([{ id: 'acme', managedBy: 'file' }]);

    const socket = connect(`${relay.url}/console`, { auth: { token: ann.token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
    const changed = new Promise<void>((resolve) => socket.once('clients:changed', () => resolve()));

    const created = await ann.call('POST', '/api/v1/clients', globex);
    expect(created).toMatchObject({ status: 201, body: { client: { id: 'globex', managedBy: 'console', services: ['db'] } } });
    await changed;
    expect((await ann.call('POST', '/api/v1/clients', globex)).status).toBe(409);
    expect(await bob.call('GET', '/api/v1/clients/globex')).toMatchObject({ status: 200, body: { client: { name: 'Globex Logistics' } } });

    const renamed = await ann.call('PUT', '/api/v1/clients/globex', { ...globex, notes: 'Night shift calls Sam.' });
    expect(renamed).toMatchObject({ status: 200, body: { client: { notes: 'Night shift calls Sam.' } } });
    expect((await ann.call('PUT', '/api/v1/clients/nobody', { ...globex, id: 'nobody' })).status).toBe(404);

    const temp = await ann.call('POST', '/api/v1/clients', { id: 'temp', name: 'Temporary' });
    expect(temp.status).toBe(201);
    expect((await ann.call('DELETE', '/api/v1/clients/temp')).status).toBe(204);
    expect((await ann.call('GET', '/api/v1/clients/temp')).status).toBe(404);
    expect((await ann.call('DELETE', '/api/v1/clients/temp')).status).toBe(404);

    for (const [action, id] of [['client.created', 'globex'], ['client.updated', 'globex'], ['client.deleted', 'temp']]) {
      const audit = await ann.call('GET', `/api/v1/audit?action=${action}`);
      expect(audit.status).toBe(200);
      expect(JSON.stringify(audit.body)).toContain(`{"kind":"client","id":"${id}"}`);
    }
  });

  it('refuses a triage analyst who writes, before reading the body', async () => {
    const refused = await bob.call('POST', '/api/v1/clients', { id: 'x' });
    expect(refused).toMatchObject({ status: 403, body: { error: expect.stringContaining('ir-manager') } });
    expect((await bob.call('PUT', '/api/v1/clients/globex', globex)).status).toBe(403);
    expect((await bob.call('DELETE', '/api/v1/clients/globex')).status).toBe(403);
    expect((await ann.call('GET', '/api/v1/clients/globex')).status).toBe(200);
  });

  it('answers 400 naming the field for bad input, unknown services and huge input, and 409 for a taken service', async () => {
    const bad = await ann.call('POST', '/api/v1/clients', { ...globex, id: 'initech', processes: [{ id: 'p', name: 'P', criticality: 'vital', services: [] }] });
    expect(bad).toMatchObject({ status: 400, body: { field: 'processes.0.criticality' } });
    const unknown = await ann.call('POST', '/api/v1/clients', { ...globex, id: 'initech', services: [], processes: [{ id: 'p', name: 'P', criticality: 'critical', services: ['rmm', 'x'] }] });
    expect(unknown).toMatchObject({ status: 400, body: { field: 'processes.0.services.1', error: 'processes.0.services.1: unknown service "x"' } });
    const taken = await ann.call('POST', '/api/v1/clients', { ...globex, id: 'initech' });
    expect(taken).toMatchObject({ status: 409, body: { field: 'services.0', error: expect.stringContaining('"globex"') } });
    const mismatch = await ann.call('PUT', '/api/v1/clients/globex', { ...globex, id: 'other' });
    expect(mismatch).toMatchObject({ status: 400, body: { field: 'id' } });
    const many = Array.from({ length: 201 }, (_, i) => ({ id: `p${i}`, name: `P${i}`, criticality: 'routine' }));
    expect(await ann.call('POST', '/api/v1/clients', { id: 'initech', name: 'I', processes: many })).toMatchObject({ status: 400, body: { field: 'processes' } });
    expect(await ann.call('POST', '/api/v1/clients', { id: 'initech', name: 'I', notes: 'x'.repeat(25_000) })).toMatchObject({ status: 400, body: { field: 'notes' } });
    const huge = await ann.call('POST', '/api/v1/clients', { id: 'initech', name: 'I', notes: 'x'.repeat(600_000) });
    expect(huge.status).toBe(413);
    expect((await ann.call('GET', '/api/v1/clients/initech')).status).toBe(404);
  });

  it("gives an alert on a client's service the client and its affected processes, critical first", async () => {
    const incident = await trigger('clients-db-1', {}, KEYS.eventsV2Other);
    expect(incident.clientId).toBe('globex');
    const view = await detail(ann, incident.id);
    expect(view.affectedProcesses).toEqual([
      { clientId: 'globex', processId: 'dispatch', name: 'Truck dispatch', criticality: 'critical' },
      { clientId: 'globex', processId: 'reports', name: 'Reports', criticality: 'routine' },
    ]);
  });

  it('maps alerts on a shared service by label, ConnectWise company and e-mail domain', async () => {
    const byLabel = await trigger('clients-label-1', { group: 'ACME' });
    expect(byLabel.clientId).toBe('acme');
    expect((await detail(ann, byLabel.id)).affectedProcesses.map((p) => p.processId)).toEqual(['billing', 'intranet']);
    expect((await trigger('clients-none-1')).clientId).toBeNull();

    const callback = await post(`/integrations/connectwise/${KEYS.connectwise}`, {
      Type: 'ticket',
      ID: 5151,
      Action: 'added',
      CompanyId: 'msp',
      Entity: JSON.stringify({ id: 5151, summary: 'Printer down', company: { identifier: 'GlobexCW' }, priority: { name: 'Priority 1 - Emergency' } }),
    });
    expect(callback.status).toBe(200);
    expect((await incidentByDedup('cw-ticket-5151')).clientId).toBe('globex');

    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'NAS <nas@it.globex.example>', to: `${KEYS.email}@alerts.example`, subject: 'CRITICAL: volume degraded', text: 'RAID', messageId: '<clients-mail-1@globex.example>' });
    const { body } = await ann.call('GET', '/api/v1/incidents');
    const mailed = (body as { incidents: Incident[] }).incidents.find((i) => i.summary === 'CRITICAL: volume degraded');
    expect(mailed?.clientId).toBe('globex');
  });

  it('shows no processes of a confidential incident to someone who may not know it', async () => {
    const incident = await trigger('clients-secret-1', {}, KEYS.eventsV2Other);
    expect((await ann.call('POST', `/api/v1/incidents/${incident.id}/confidential`, { confidential: true })).status).toBe(200);
    expect((await detail(ann, incident.id)).affectedProcesses).toHaveLength(2);
    const hidden = await detail(bob, incident.id);
    expect(hidden.incident.summary).toBe('Confidential incident');
    expect(hidden.affectedProcesses).toEqual([]);
  });

  it('keeps console edits over a restart with the same file, and lets a changed file entry win', async () => {
    const acme = ((await ann.call('GET', '/api/v1/clients/acme')).body as { client: ClientView }).client;
    const { managedBy: _m, ...plain } = acme;
    expect((await ann.call('PUT', '/api/v1/clients/acme', { ...plain, notes: 'Edited in the console' })).status).toBe(200);

    await relay.stop();
    relay = await start();
    await signIn();
    expect((await ann.call('GET', '/api/v1/clients/acme')).body).toMatchObject({ client: { notes: 'Edited in the console', managedBy: 'console' } });
    expect((await ann.call('GET', '/api/v1/clients/globex')).status).toBe(200);

    const doc = parse(readFileSync(configPath, 'utf8')) as ConfigInput;
    doc.clients![0]!.name = 'Acme Corporation';
    writeFileSync(configPath, stringify(doc));
    await relay.stop();
    relay = await start();
    await signIn();
    const after = ((await ann.call('GET', '/api/v1/clients/acme')).body as { client: ClientView }).client;
    expect(after).toMatchObject({ name: 'Acme Corporation', managedBy: 'file' });
    expect(after.notes).not.toBe('Edited in the console');
  }, 120_000);
});

describe('the demo', () => {
  it('shows two clients with small business maps', async () => {
    const demo = await startRelayProcess({ env: { KLAXON_DEMO: '1' } });
    try {
      const manager = await signInClient(demo.url, 'ann');
      const { body } = await manager.call('GET', '/api/v1/clients');
      const clients = (body as { clients: ClientView[] }).clients;
      expect(clients.map((c) => c.id)).toEqual(['acme', 'globex']);
      for (const client of clients) expect(client.processes.length).toBeGreaterThan(0);
    } finally {
      await demo.dispose();
    }
  }, 60_000);
});

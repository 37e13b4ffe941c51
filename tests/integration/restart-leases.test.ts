import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import { login } from '../support/phone.js';
import { createTestDatabase } from '../support/postgres.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { fastEscalationPolicy, KEYS, LEAD_EMAIL, writeTestConfig } from '../support/test-config.js';

const PG = process.env.KLAXON_TEST_PG_URL;
/** Far longer than a restart may take on a busy machine, far shorter than a 30 s lease. */
const RECLAIMED_WITHIN_MS = 6_000;
const SCENARIO_MS = 120_000;

/**
 * An SMTP server that accepts connections and never greets: a failover e-mail sent to it stays in
 * its job handler (the job claimed and leased) until the relay is killed.
 */
async function startMailHole(): Promise<{ url: string; connected: Promise<void>; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  let onConnect: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (onConnect = resolve));
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    onConnect();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    connected,
    close: () => new Promise((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
  };
}

async function trigger(relay: RelayProcess, dedupKey: string): Promise<string> {
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: dedupKey,
      payload: { summary: `Restart test ${dedupKey}`, source: 'restart-test', severity: 'critical' },
    }),
  });
  expect(response.status).toBe(202);
  const token = await login(relay.url, 'ann', 'change-me-ann');
  const list = await fetch(`${relay.url}/api/v1/incidents?status=open`, { headers: { authorization: `Bearer ${token}` } });
  const { incidents } = (await list.json()) as { incidents: Incident[] };
  return incidents.find((i) => i.dedupKey === dedupKey)!.id;
}

/**
 * Nobody reads bob's and cara's pages (levels of 1 s), so the failover e-mail job comes due and
 * hangs in its handler on the mail hole; the relay is killed with SIGKILL then, and restarted on
 * the same database with a working mail server. The job must run again at once, not after its lease.
 */
function killWhileClaimed(engine: string, database: () => Promise<{ env: Record<string, string>; dataDir?: string; done(): Promise<void> }>) {
  describe(`a job claimed when the relay is killed -9 (${engine})`, () => {
    let smtp: SmtpSink;
    const cleanups: (() => Promise<unknown>)[] = [];
    beforeAll(async () => {
      smtp = await startSmtpSink();
      cleanups.push(() => smtp.close());
    });
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('runs within a few seconds of the restart, not after the 30 s lease', { timeout: SCENARIO_MS }, async () => {
      const db = await database();
      cleanups.push(() => db.done());
      const config = writeTestConfig((doc) => fastEscalationPolicy(doc, ['1s', '1s']));
      const hole = await startMailHole();
      cleanups.push(() => hole.close());
      const first = await startRelayProcess({ ...(db.dataDir ? { dataDir: db.dataDir } : {}), env: { ...db.env, KLAXON_CONFIG: config, KLAXON_MAIL_URL: hole.url } });
      cleanups.push(() => first.dispose());

      const id = await trigger(first, `killed-${engine}`);
      await hole.connected;
      expect(await first.kill9()).toEqual({ code: null, signal: 'SIGKILL' });

      const second = await startRelayProcess({ dataDir: first.dataDir, env: { ...db.env, KLAXON_CONFIG: config, KLAXON_MAIL_URL: smtp.url } });
      cleanups.push(() => second.dispose());
      const ready = Date.now();
      const mail = await smtp.waitFor((m) => m.text.includes(id), RECLAIMED_WITHIN_MS);
      console.info(`[restart] ${engine}: failover e-mail ${mail.receivedAt - ready} ms after the restarted relay answered /health (startup ${second.startupMs} ms)`);
      expect(mail.to).toEqual([LEAD_EMAIL]);
      expect(mail.receivedAt - ready).toBeLessThan(RECLAIMED_WITHIN_MS);
    });
  });
}

killWhileClaimed('SQLite', async () => ({ env: {}, done: async () => undefined }));

(PG ? describe : describe.skip)('PostgreSQL (set KLAXON_TEST_PG_URL to run)', () => {
  killWhileClaimed('PostgreSQL', async () => {
    const database = await createTestDatabase(PG!);
    return { env: { KLAXON_DB: database.url }, done: () => database.drop() };
  });
});

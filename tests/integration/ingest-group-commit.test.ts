import BetterSqlite3 from 'better-sqlite3';
import { Agent, request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

const BROKEN_KEY = 'brokenbrokenbrokenbrokenbroken01';
const CLIENTS = 32;

/** Posts one body to /v2/enqueue over a keep-alive agent; resolves with the status and the parsed answer. */
function post(relay: RelayProcess, agent: Agent, body: unknown): Promise<{ status: number; body: { errors?: string[]; status?: string } }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: relay.port, path: '/v2/enqueue', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } },
      (res) => {
        let answer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (answer += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: answer ? (JSON.parse(answer) as { errors?: string[] }) : {} }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

const trigger = (key: string, dedupKey: string) => ({
  routing_key: key,
  event_action: 'trigger',
  dedup_key: dedupKey,
  payload: { summary: `Group commit ${dedupKey}`, source: 'group-test', severity: 'critical' },
});

/** Runs `bodies` with CLIENTS keep-alive connections at once; `onAnswer` hears each answer as it comes. */
async function burst(
  relay: RelayProcess,
  bodies: unknown[],
  onAnswer: (i: number, status: number) => void = () => undefined,
): Promise<{ status: number; body: { errors?: string[] } }[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const answers: { status: number; body: { errors?: string[] } }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < bodies.length) {
        const i = next++;
        const answer = await post(relay, agent, bodies[i]).catch(() => ({ status: 0, body: {} }));
        answers[i] = answer;
        onAnswer(i, answer.status);
      }
    }),
  );
  agent.destroy();
  return answers;
}

function readDb<T>(file: string, fn: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe('ingest group commit (a real relay process on a SQLite file)', () => {
  const relays: RelayProcess[] = [];
  afterAll(async () => {
    for (const relay of relays) await relay.dispose();
  });

  it('fails only the requests whose own work fails; the requests committed beside them get 202 and are stored', { timeout: 120_000 }, async () => {
    const config = writeTestConfig((doc) => {
      const base = doc.policies!.find((p) => p.id === 'noc-default')!;
      doc.policies!.push({ ...base, id: 'doomed', name: 'Doomed' });
      doc.services!.push({ id: 'broken', name: 'Broken', team: 'noc', policy: 'doomed', integrations: [{ type: 'events-v2', key: BROKEN_KEY }], priorityRules: [{ priority: 'high' }] });
    });
    const relay = await startRelayProcess({ env: { KLAXON_CONFIG: config, KLAXON_INGEST_RATE: '1000000', KLAXON_INGEST_BURST: '1000000' } });
    relays.push(relay);
    // The broken service's policy vanishes behind the relay's back: opening an incident there throws.
    const writer = new BetterSqlite3(relay.dbPath);
    writer.pragma('busy_timeout = 5000');
    writer.prepare("delete from policies where id = 'doomed'").run();
    writer.close();

    const bodies: unknown[] = [];
    for (let i = 0; i < 60; i++) {
      bodies.push(trigger(KEYS.eventsV2Other, `good-${i}`));
      if (i % 3 === 0) bodies.push(trigger(BROKEN_KEY, `bad-${i}`));
      // Misuse in the same burst: a trigger without a summary is refused naming the field.
      if (i % 20 === 0) bodies.push({ ...trigger(KEYS.eventsV2Other, `invalid-${i}`), payload: { source: 'x', severity: 'critical' } });
    }
    const answers = await burst(relay, bodies);

    const kindOf = (body: unknown) => (body as { dedup_key: string }).dedup_key.split('-')[0];
    for (const [i, body] of bodies.entries()) {
      const { status, body: answer } = answers[i]!;
      if (kindOf(body) === 'good') expect(status, JSON.stringify(body)).toBe(202);
      if (kindOf(body) === 'bad') expect(status).toBe(500);
      if (kindOf(body) === 'invalid') {
        expect(status).toBe(400);
        expect(answer.errors?.join(' ')).toMatch(/payload\.summary/);
      }
    }
    const stored = readDb(relay.dbPath, (db) => ({
      incidents: (db.prepare('select dedup_key from incidents').all() as { dedup_key: string }[]).map((r) => r.dedup_key),
      alerts: (db.prepare('select dedup_key from alerts').all() as { dedup_key: string }[]).map((r) => r.dedup_key),
      orphanTimeline: (db.prepare('select count(*) as n from timeline_events where incident_id not in (select id from incidents)').get() as { n: number }).n,
    }));
    const good = Array.from({ length: 60 }, (_, i) => `good-${i}`).sort();
    expect(stored.incidents.filter((k) => k.startsWith('good-')).sort()).toEqual(good);
    expect(stored.alerts.filter((k) => k.startsWith('good-')).sort()).toEqual(good);
    expect(stored.incidents.filter((k) => !k.startsWith('good-'))).toEqual([]);
    expect(stored.alerts.filter((k) => !k.startsWith('good-'))).toEqual([]);
    expect(stored.orphanTimeline).toBe(0);
  });

  it('loses nothing it answered 202 when killed -9 in the middle of a burst', { timeout: 180_000 }, async () => {
    const config = writeTestConfig();
    const env = { KLAXON_CONFIG: config, KLAXON_INGEST_RATE: '1000000', KLAXON_INGEST_BURST: '1000000' };
    const first = await startRelayProcess({ env });
    relays.push(first);
    const bodies = Array.from({ length: 1000 }, (_, i) => trigger(KEYS.eventsV2, `crash-${i}`));
    const accepted: string[] = [];
    let killed: Promise<unknown> | undefined;
    await burst(first, bodies, (i, status) => {
      if (status === 202) accepted.push(bodies[i]!.dedup_key);
      // Killed once a good part of the burst is answered: requests are still arriving and committing.
      if (accepted.length === 150 && !killed) killed = first.kill9();
    });
    await killed;
    expect(accepted.length).toBeGreaterThanOrEqual(150);
    expect(accepted.length).toBeLessThan(bodies.length);

    const second = await startRelayProcess({ env, dataDir: first.dataDir });
    relays.push(second);
    const incidents = new Set(readDb(second.dbPath, (db) => (db.prepare('select dedup_key from incidents').all() as { dedup_key: string }[]).map((r) => r.dedup_key)));
    expect(accepted.filter((key) => !incidents.has(key))).toEqual([]);
    // The relay works on after the restart.
    expect((await burst(second, [trigger(KEYS.eventsV2, 'after-restart')]))[0]!.status).toBe(202);
  });
});

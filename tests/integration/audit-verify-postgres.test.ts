import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFrom } from '../support/http-from.js';
import { createTestDatabase } from '../support/postgres.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const serverUrl = process.env.KLAXON_TEST_PG_URL;

function runVerifyCli(db: string): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/tools/audit-verify.ts'), '--db', db], {
    cwd: ROOT,
    encoding: 'utf8',
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('KLAXON_'))),
    timeout: 60_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

async function query(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!serverUrl)('verify on PostgreSQL (set KLAXON_TEST_PG_URL to run)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let relay: RelayProcess;
  let token: string;
  const call = (url: string) => httpFrom('127.0.0.1', `${relay.url}${url}`, { token });

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl!);
    relay = await startRelayProcess({ env: { KLAXON_DB: database.url, KLAXON_CONFIG: writeTestConfig(), KLAXON_LOG_LEVEL: 'warn' } });
    token = (await httpFrom('127.0.0.1', `${relay.url}/api/v1/auth/login`, { body: { username: 'ann', password: 'change-me-ann' } })).body.token;
  }, 60_000);
  afterAll(async () => {
    await relay?.dispose();
    await database?.drop();
  });

  it('names an edited audit row and an edited timeline row, through the API and the CLI', async () => {
    const ingest = await httpFrom('127.0.0.1', `${relay.url}/v2/enqueue`, {
      body: { routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: 'pg-verify', payload: { summary: 'CPU high', source: 'pg', severity: 'critical' } },
    });
    expect(ingest.status).toBe(202);
    expect((await call('/api/v1/audit/verify')).body).toMatchObject({ intact: true });
    expect(runVerifyCli(database.url).code).toBe(0);

    await query(database.url, "update audit_events set details = '{}' where action = 'config.applied'");
    const broken = await call('/api/v1/audit/verify');
    expect(broken.body).toMatchObject({ intact: false, broken: { table: 'audit_events', row: '1', field: 'hash' } });
    const cli = runVerifyCli(database.url);
    expect(cli.code).toBe(1);
    expect(cli.output).toContain('BROKEN at audit_events seq 1: hash expected');
    // The edited row cannot be put back from its hash; empty the trail so that the walk reaches the
    // timelines. (An emptied or truncated-at-the-end trail is not detectable without an anchored head.)
    await query(database.url, 'delete from audit_events');

    const [event] = await query(database.url, 'select id, incident_id from timeline_events order by pos limit 1');
    await query(database.url, "update timeline_events set actor_id = 'mallory' where id = $1", [event!.id]);
    const timeline = await call('/api/v1/audit/verify');
    expect(timeline.body).toMatchObject({
      intact: false,
      broken: { table: 'timeline_events', row: event!.id, incidentId: event!.incident_id, field: 'hash' },
    });
    expect(runVerifyCli(database.url).output).toContain(`BROKEN at timeline_events id ${event!.id}`);
  }, 120_000);
});

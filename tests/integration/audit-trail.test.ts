import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFrom } from '../support/http-from.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOME = '127.0.0.1';
const GUESSER = '127.0.0.4';

let relay: RelayProcess;
const tokens: Record<string, string> = {};

const call = (method: string, url: string, token?: string, body?: unknown, from = HOME) =>
  httpFrom(from, `${relay.url}${url}`, { method, token, body });

/** Runs `npm run audit:verify` against a database; returns its exit code and output. */
function runVerifyCli(db: string): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/tools/audit-verify.ts'), '--db', db], {
    cwd: ROOT,
    encoding: 'utf8',
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('KLAXON_'))),
    timeout: 60_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  const config = writeTestConfig((doc) => {
    doc.users!.push({ id: 'root', name: 'Root Admin', email: 'root@example.com', role: 'admin', password: 'change-me-root' } as never);
  });
  relay = await startRelayProcess({
    env: { KLAXON_CONFIG: config, KLAXON_LOG_LEVEL: 'warn', KLAXON_LOGIN_FREE_ATTEMPTS: '10', KLAXON_LOGIN_LOCKOUT: '3' },
  });
  for (const name of ['ann', 'root', 'dan']) {
    const answer = await call('POST', '/api/v1/auth/login', undefined, { username: name, password: `change-me-${name}` });
    expect(answer.status).toBe(200);
    tokens[name] = answer.body.token;
  }
}, 60_000);
afterAll(async () => {
  await relay?.dispose();
});

describe('lockout and lift through the real relay', () => {
  it('locks a name out after 3 failures, audits it, and lets only an admin lift it', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await call('POST', '/api/v1/auth/login', undefined, { username: 'bob', password: 'guess' }, GUESSER)).status).toBe(401);
    }
    const locked = await call('POST', '/api/v1/auth/login', undefined, { username: 'bob', password: 'change-me-bob' }, HOME);
    expect(locked.status).toBe(423);
    expect(locked.body.error).toMatch(/locked/);

    const lockouts = await call('GET', '/api/v1/audit?action=auth.lockout', tokens.ann);
    expect(lockouts.status).toBe(200);
    expect(lockouts.body.events).toEqual([
      expect.objectContaining({ action: 'auth.lockout', actorId: null, address: GUESSER, subject: { kind: 'user', id: 'bob' } }),
    ]);
    const failed = await call('GET', '/api/v1/audit?action=auth.login-failed&subjectKind=user&subjectId=bob', tokens.ann);
    expect(failed.body.events).toHaveLength(3);
    expect(JSON.stringify(failed.body)).not.toContain('guess');

    // Only admins lift; an IR manager may read the trail but not lift; a responder may do neither.
    expect((await call('POST', '/api/v1/users/bob/unlock', tokens.ann)).status).toBe(403);
    expect((await call('POST', '/api/v1/users/bob/unlock', tokens.dan)).status).toBe(403);
    expect((await call('GET', '/api/v1/audit', tokens.dan)).status).toBe(403);
    expect((await call('POST', '/api/v1/users/bob/unlock')).status).toBe(401);
    const badId = await call('POST', '/api/v1/users/Not%20A%20Slug/unlock', tokens.root);
    expect(badId).toMatchObject({ status: 400, body: { field: 'id' } });
    expect((await call('POST', '/api/v1/users/nobody/unlock', tokens.root)).status).toBe(404);

    const lifted = await call('POST', '/api/v1/users/bob/unlock', tokens.root);
    expect(lifted).toMatchObject({ status: 200, body: { id: 'bob', lifted: true } });
    expect((await call('POST', '/api/v1/users/bob/unlock', tokens.root)).status).toBe(409);
    expect((await call('POST', '/api/v1/auth/login', undefined, { username: 'bob', password: 'change-me-bob' })).status).toBe(200);

    const liftEvents = await call('GET', '/api/v1/audit?action=auth.lockout-lifted', tokens.root);
    expect(liftEvents.body.events).toEqual([
      expect.objectContaining({ actorId: 'root', address: HOME, subject: { kind: 'user', id: 'bob' } }),
    ]);
  });

  it('audits logins with their token and sign-out with the token revoked, never the token itself', async () => {
    const signIn = await call('POST', '/api/v1/auth/login', undefined, { username: 'cara', password: 'change-me-cara' });
    expect((await call('POST', '/api/v1/auth/logout', signIn.body.token)).status).toBe(204);
    const trail = await call('GET', '/api/v1/audit?actor=cara', tokens.ann);
    expect(trail.body.events.map((e: { action: string }) => e.action)).toEqual(['auth.logout', 'token.revoked', 'token.created', 'auth.login']);
    expect(trail.body.events[1].subject).toEqual(trail.body.events[2].subject);
    expect(JSON.stringify(trail.body)).not.toContain(signIn.body.token);
  });

  it('filters, pages and refuses a malformed query naming the field', async () => {
    const first = await call('GET', '/api/v1/audit?limit=2', tokens.ann);
    expect(first.body.events).toHaveLength(2);
    const second = await call('GET', `/api/v1/audit?limit=2&before=${first.body.nextBefore}`, tokens.ann);
    expect(second.body.events[0].seq).toBe(first.body.events[1].seq - 1);
    const since = await call('GET', `/api/v1/audit?from=${encodeURIComponent(first.body.events[0].at)}`, tokens.ann);
    expect(since.body.events.every((e: { at: string }) => e.at >= first.body.events[0].at)).toBe(true);
    for (const [query, field] of [
      ['limit=abc', 'limit'],
      ['limit=100000', 'limit'],
      ['action=auth.everything', 'action'],
      ['from=yesterday', 'from'],
      ['from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z', 'to'],
      [`actor=${'x'.repeat(5000)}`, 'actor'],
      ['sort=seq', 'query'],
    ] as const) {
      const answer = await call('GET', `/api/v1/audit?${query}`, tokens.ann);
      expect({ query, status: answer.status, field: answer.body.field }).toEqual({ query, status: 400, field });
    }
  });
});

describe('verify catches a row edited in the SQLite file', () => {
  it('through the API and through npm run audit:verify', async () => {
    const ingest = await call('POST', '/v2/enqueue', undefined, {
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: 'audit-verify-1',
      payload: { summary: 'Disk full on db-1', source: 'db-1', severity: 'critical' },
    });
    expect(ingest.status).toBe(202);

    const intact = await call('GET', '/api/v1/audit/verify', tokens.ann);
    expect(intact.status).toBe(200);
    expect(intact.body).toMatchObject({ intact: true });
    expect(intact.body.auditEvents).toBeGreaterThan(5);
    expect(intact.body.timelineEvents).toBeGreaterThan(0);
    expect((await call('GET', '/api/v1/audit/verify', tokens.dan)).status).toBe(403);
    const cliIntact = runVerifyCli(relay.dbPath);
    expect(cliIntact).toMatchObject({ code: 0 });
    expect(cliIntact.output).toMatch(/^intact: /m);

    const db = new BetterSqlite3(relay.dbPath);
    try {
      db.pragma('busy_timeout = 5000');
      // Someone hides who lifted the lockout.
      const row = db.prepare("select seq, actor_id from audit_events where action = 'auth.lockout-lifted'").get() as { seq: number; actor_id: string };
      db.prepare('update audit_events set actor_id = ? where seq = ?').run('ann', row.seq);
      const broken = await call('GET', '/api/v1/audit/verify', tokens.ann);
      expect(broken.body).toMatchObject({ intact: false, broken: { table: 'audit_events', row: String(row.seq), field: 'hash' } });
      const cliBroken = runVerifyCli(relay.dbPath);
      expect(cliBroken.code).toBe(1);
      expect(cliBroken.output).toContain(`BROKEN at audit_events seq ${row.seq}: hash expected ${broken.body.broken.expected}`);
      db.prepare('update audit_events set actor_id = ? where seq = ?').run(row.actor_id, row.seq);

      // Someone rewrites an incident's history.
      const event = db.prepare("select id, incident_id, data from timeline_events order by pos limit 1").get() as { id: string; incident_id: string; data: string };
      db.prepare('update timeline_events set data = ? where id = ?').run('{"summary":"nothing happened"}', event.id);
      const timeline = await call('GET', '/api/v1/audit/verify', tokens.root);
      expect(timeline.body).toMatchObject({
        intact: false,
        broken: { table: 'timeline_events', row: event.id, incidentId: event.incident_id, field: 'hash' },
      });
      const cliTimeline = runVerifyCli(relay.dbPath);
      expect(cliTimeline.code).toBe(1);
      expect(cliTimeline.output).toContain(`BROKEN at timeline_events id ${event.id} (incident ${event.incident_id})`);
      db.prepare('update timeline_events set data = ? where id = ?').run(event.data, event.id);

      // Someone deletes an audit row in the middle.
      db.prepare('delete from audit_events where seq = 2').run();
      const gap = await call('GET', '/api/v1/audit/verify', tokens.ann);
      expect(gap.body.broken).toMatchObject({ table: 'audit_events', row: '3', field: 'seq', expected: '2' });
    } finally {
      db.close();
    }
    expect(runVerifyCli(path.join(relay.dataDir, 'absent.db')).code).toBe(2);
  }, 120_000);
});

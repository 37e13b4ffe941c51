import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, storeMigrations } from '../../server/adapters/store/migrate.js';
import { openSqlite } from '../../server/adapters/store/sqlite-database.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { signInClient, type ScheduleClient } from '../support/schedule-client.js';
import { writeTestConfig } from '../support/test-config.js';

let relay: RelayProcess;
let ann: ScheduleClient;
let bob: ScheduleClient;
let cara: ScheduleClient;

beforeAll(async () => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  [ann, bob, cara] = await Promise.all([signInClient(relay.url, 'ann'), signInClient(relay.url, 'bob'), signInClient(relay.url, 'cara')]);
}, 60_000);
afterAll(async () => {
  await relay?.dispose();
});

/** Every row of `calendar_feeds`, read from the relay's SQLite file itself. */
function storedFeedRows(): Record<string, unknown>[] {
  const db = new BetterSqlite3(relay.dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select * from calendar_feeds').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

const tokenOf = (url: string) => /\/calendar\/([A-Za-z0-9_-]+)\.ics$/.exec(url)?.[1] ?? '';
const renew = (client: ScheduleClient, kind: string, subject: string) => client.call('POST', '/api/v1/calendar-feeds/regenerate', { kind, subject });

describe('calendar feed tokens', () => {
  it('shows the feed URL once, when it is made, and never in a listing', async () => {
    const made = await renew(cara, 'user', 'cara');
    expect(made.status).toBe(200);
    const url = (made.body as { url: string }).url;
    expect(url).toMatch(new RegExp(`^${relay.url}/calendar/[A-Za-z0-9_-]{40,}\\.ics$`));
    expect((await fetch(url)).status).toBe(200);

    const listed = await cara.call('GET', '/api/v1/calendar-feeds');
    expect(listed.status).toBe(200);
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain('/calendar/');
    expect(text).not.toContain(tokenOf(url));
    const mine = (listed.body as { feeds: Record<string, unknown>[] }).feeds.find((f) => f.kind === 'user');
    expect(mine).toMatchObject({ kind: 'user', subject: 'cara', label: 'My on-call shifts' });
    expect(mine).not.toHaveProperty('url');
    expect(typeof mine?.createdAt).toBe('string');
  });

  it('lists a feed never made as not made, and makes none by listing', async () => {
    const listed = (await bob.call('GET', '/api/v1/calendar-feeds')).body as { feeds: Record<string, unknown>[] };
    expect(listed.feeds.find((f) => f.kind === 'user')).toMatchObject({ subject: 'bob', createdAt: null });
    expect(storedFeedRows().some((row) => row.subject === 'bob')).toBe(false);
  });

  it('stops the old URL at once when a feed is renewed, and answers 404 to a wrong token', async () => {
    const first = ((await renew(ann, 'schedule', 'noc-primary')).body as { url: string }).url;
    expect((await fetch(first)).status).toBe(200);
    const second = await renew(ann, 'schedule', 'noc-primary');
    expect(second.status).toBe(200);
    expect((await fetch(first)).status).toBe(404);
    expect((await fetch((second.body as { url: string }).url)).status).toBe(200);

    const wrong = `${'A'.repeat(42)}B`;
    expect((await fetch(`${relay.url}/calendar/${wrong}.ics`)).status).toBe(404);
    expect((await fetch(`${relay.url}/calendar/${'x'.repeat(90)}.ics`)).status).toBe(404);
    // A path past Fastify's parameter limit never reaches the feed route; whatever answers refuses it.
    const huge = await fetch(`${relay.url}/calendar/${'x'.repeat(5000)}.ics`);
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expect(await huge.text()).not.toContain('BEGIN:VCALENDAR');
    // The stored hash is not a key either.
    const hash = createHash('sha256').update(tokenOf((second.body as { url: string }).url)).digest('hex');
    expect((await fetch(`${relay.url}/calendar/${hash}.ics`)).status).toBe(404);
  });

  it('keeps only the SHA-256 of each token in the database', async () => {
    const url = ((await renew(cara, 'user', 'cara')).body as { url: string }).url;
    const token = tokenOf(url);
    const rows = storedFeedRows();
    const row = rows.find((r) => r.kind === 'user' && r.subject === 'cara');
    expect(row).toBeDefined();
    expect(Object.values(row!)).toContain(createHash('sha256').update(token).digest('hex'));
    for (const stored of rows) {
      for (const value of Object.values(stored)) expect(String(value)).not.toContain(token);
      // No column holds a base64url token (43 characters); hashes are 64 hexadecimal digits.
      expect(Object.values(stored).some((value) => /^[A-Za-z0-9_-]{43}$/.test(String(value)))).toBe(false);
    }
  });

  it('refuses to renew a feed one may not, and names the wrong field', async () => {
    expect((await renew(bob, 'user', 'cara')).status).toBe(403);
    expect((await renew(bob, 'schedule', 'noc-primary')).status).toBe(403);
    expect(await renew(bob, 'calendar', 'bob')).toMatchObject({ status: 400, body: { field: 'kind' } });
    expect(await renew(bob, 'user', 'x'.repeat(10_000))).toMatchObject({ status: 400, body: { field: 'subject' } });
    const anonymous = await fetch(`${relay.url}/api/v1/calendar-feeds/regenerate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'user', subject: 'bob' }),
    });
    expect(anonymous.status).toBe(401);
  });
});

describe('a feed URL handed out before tokens were hashed', () => {
  it('keeps working after the relay upgrades its database, and the file then holds only the hash', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'klaxon-feed-upgrade-'));
    const plain = 'q7Yx1bS3n_9Kd0Vw-4hTfLm2Pz8Rc6Ej5Ua1Go0Ni3M';
    let upgraded: RelayProcess | undefined;
    try {
      // A database as the relay left it before migration 0010, holding a plain feed token.
      const db = openSqlite(path.join(dataDir, 'klaxon.db'));
      const before = Object.fromEntries(Object.entries(storeMigrations('sqlite')).filter(([name]) => name < '0010'));
      await migrateToLatest(db, 'sqlite', before);
      await sql`insert into calendar_feeds (kind, subject, token, created_at)
        values ('user', 'cara', ${plain}, '2026-11-01T09:00:00.000Z')`.execute(db);
      await db.destroy();

      upgraded = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() }, dataDir });
      const response = await fetch(`${upgraded.url}/calendar/${plain}.ics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('BEGIN:VCALENDAR');
      const file = new BetterSqlite3(upgraded.dbPath, { readonly: true, fileMustExist: true });
      try {
        const rows = file.prepare('select * from calendar_feeds').all();
        expect(rows).toEqual([{ kind: 'user', subject: 'cara', token_hash: createHash('sha256').update(plain).digest('hex'), created_at: '2026-11-01T09:00:00.000Z' }]);
      } finally {
        file.close();
      }
      // Renewing it stops the old URL.
      const upgradedCara = await signInClient(upgraded.url, 'cara');
      expect((await renew(upgradedCara, 'user', 'cara')).status).toBe(200);
      expect((await fetch(`${upgraded.url}/calendar/${plain}.ics`)).status).toBe(404);
    } finally {
      await upgraded?.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

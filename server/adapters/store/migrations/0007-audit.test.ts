import { sql, type Insertable } from 'kysely';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../core/audit/chain-hash.js';
import { checkTimelineRow } from '../../../core/audit/chain-check.js';
import { makeIncident } from '../contract/fixtures.js';
import { sha256Hex } from '../chain-digest.js';
import type { IncidentsTable } from '../database.js';
import { incidentColumns } from '../incident-rows.js';
import { KyselySession } from '../kysely-session.js';
import { migrateToLatest, storeMigrations } from '../migrate.js';
import { openSqlite } from '../sqlite-database.js';

describe('migration 0007-audit', () => {
  it('chains the timeline rows written before it, per incident in append order', async () => {
    const db = openSqlite(':memory:');
    try {
      const all = storeMigrations('sqlite');
      const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < '0007'));
      await migrateToLatest(db, 'sqlite', before);
      const session = new KyselySession(db, 'sqlite');
      // Rows as a store before 0014-clients (no client column) and 0022 (no search index) held them.
      const insertOld = async (seq: number) => {
        const draft = makeIncident({ clientId: undefined });
        await db.insertInto('incidents').values({ ...(incidentColumns(draft) as Insertable<IncidentsTable>), id: draft.id, seq, changed_ms: 0 }).execute();
        return draft;
      };
      const one = await insertOld(1);
      const two = await insertOld(2);
      // Rows as the old appendTimeline wrote them: no hashes; one incident's rows interleaved with the other's.
      const rows = [
        [one.id, 'e1', 50],
        [two.id, 'e2', 0],
        [one.id, 'e3', 10],
        [one.id, 'e4', 70],
      ] as const;
      for (const [incidentId, id, seconds] of rows) {
        const at = new Date(Date.UTC(2030, 0, 1, 0, 0, seconds)).toISOString();
        await sql`insert into timeline_events (id, incident_id, at, at_ms, type, actor_type, actor_id, data)
          values (${id}, ${incidentId}, ${at}, ${Date.parse(at)}, 'note.added', 'user', 'alice', '{"text":"x"}')`.execute(db);
      }

      await migrateToLatest(db, 'sqlite');

      const chain = await session.readTimelineChain(undefined, 100);
      const ofOne = chain.filter((row) => row.incidentId === one.id);
      expect(ofOne.map((row) => row.id)).toEqual(['e1', 'e3', 'e4']);
      expect(ofOne[0]!.prevHash).toBe(GENESIS_HASH);
      expect(chain.find((row) => row.id === 'e2')!.prevHash).toBe(GENESIS_HASH);
      const breaks = chain.map((row, i) =>
        checkTimelineRow(sha256Hex, chain[i - 1]?.incidentId === row.incidentId ? chain[i - 1] : undefined, row),
      );
      expect(breaks.every((broken) => broken === undefined)).toBe(true);
      // New rows carry on from the backfilled head.
      await session.appendTimeline({
        id: 'e5',
        incidentId: one.id,
        at: new Date().toISOString(),
        type: 'note.added',
        actor: { type: 'user', id: 'alice' },
        data: {},
      });
      const after = (await session.readTimelineChain(undefined, 100)).filter((row) => row.incidentId === one.id);
      expect(after.at(-1)).toMatchObject({ id: 'e5', prevHash: ofOne[2]!.hash });
      expect(checkTimelineRow(sha256Hex, after.at(-2), after.at(-1)!)).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });
});

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { emptyFields } from '../../../core/postmortem/field-edit.js';
import { parseSearchText, type SearchText } from '../../../core/history/search-syntax.js';
import { KyselySession } from '../kysely-session.js';
import { migrateToLatest, storeMigrations } from '../migrate.js';
import { openSqlite } from '../sqlite-database.js';

describe('migration 0022-history-search', () => {
  it('indexes the incidents, alert payloads, notes and post-mortems written before it', async () => {
    const db = openSqlite(':memory:');
    try {
      const before = Object.fromEntries(Object.entries(storeMigrations('sqlite')).filter(([name]) => name < '0022'));
      await migrateToLatest(db, 'sqlite', before);
      // Rows as the store before 0022 wrote them.
      const incident = (id: string, summary: string) => sql`insert into incidents (id, seq, service_id, team_id, dedup_key, status, priority, severity,
          summary, source, alert_count, first_seen_at, first_seen_ms, last_seen_at, escalation, confidential, links, changed_ms)
        values (${id}, 1, 'rmm', 'noc', ${id}, 'resolved', 'high', 'critical', ${summary}, 'zabbix', 1,
          '2030-01-01T00:00:00.000Z', 0, '2030-01-01T00:00:00.000Z', 'none', 0, '[]', 0)`.execute(db);
      await incident('a', 'Disk full on db-1');
      await incident('b', 'CPU high');
      await incident('c', 'Printer jam');
      await sql`insert into alerts (id, incident_id, service_id, integration_type, action, dedup_key, summary, severity, source, received_at, payload)
        values ('al-1', 'a', 'rmm', 'events-v2', 'trigger', 'a', 'Disk full on db-1', 'critical', 'zabbix', '2030-01-01T00:00:00.000Z',
          ${JSON.stringify({ details: { process: 'kraken' } })})`.execute(db);
      await sql`insert into timeline_events (id, incident_id, at, at_ms, type, actor_type, actor_id, data, prev_hash, hash)
        values ('e-1', 'b', '2030-01-01T00:00:00.000Z', 0, 'note.added', 'user', 'ann', '{"text":"the narwhal team took it"}', '', '')`.execute(db);
      await sql`insert into postmortems (id, incident_id, state, reason, fields, stamps, created_at, updated_at, version)
        values ('pm-1', 'c', 'draft', 'manual', ${JSON.stringify({ ...emptyFields(), rootCause: 'toner sensor' })}, '{}',
          '2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z', 1)`.execute(db);
      await sql`insert into postmortem_incidents (incident_id, postmortem_id, position) values ('c', 'pm-1', 0)`.execute(db);

      await migrateToLatest(db, 'sqlite');

      const session = new KyselySession(db, 'sqlite');
      const find = async (q: string) =>
        (await session.searchIncidents({ text: parseSearchText(q) as SearchText, filter: {}, sort: 'relevance', limit: 10, visibleTo: null })).hits.map((h) => h.incident.id);
      expect(await find('disk')).toEqual(['a']);
      expect(await find('kraken')).toEqual(['a']);
      expect(await find('narwhal')).toEqual(['b']);
      expect(await find('toner')).toEqual(['c']);
      // New writes join the back-filled index.
      await session.appendTimeline({ id: 'e-2', incidentId: 'c', at: '2030-01-01T00:01:00.000Z', type: 'note.added', actor: { type: 'user', id: 'ann' }, data: { text: 'kraken again' } });
      expect(await find('kraken')).toEqual(['c', 'a']); // a note (2) outweighs an alert (1)
    } finally {
      await db.destroy();
    }
  });
});

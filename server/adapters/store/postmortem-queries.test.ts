import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyFields, freshStamps } from '../../core/postmortem/field-edit.js';
import { at } from './contract/fixtures.js';
import type { Database } from './database.js';
import { migrateToLatest } from './migrate.js';
import { getPostmortem, insertPostmortem, updatePostmortem } from './postmortem-queries.js';
import { openSqlite } from './sqlite-database.js';

// Reports read the columns, not the JSON documents: they must follow every write.
describe('the post-mortem columns reports read', () => {
  let dir: string;
  let db: Kysely<Database>;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'klaxon-pm-'));
    db = openSqlite(join(dir, 'klaxon.db'));
    await migrateToLatest(db, 'sqlite');
  });
  afterEach(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps state, trigger_answer and one action item row each in step with the fields', async () => {
    const record = {
      id: 'pm-1',
      incidentIds: ['inc-1', 'inc-2'],
      state: 'due' as const,
      reason: 'every-high',
      dueAt: at(432_000),
      fields: emptyFields(),
      stamps: freshStamps(),
      digest: null,
      createdAt: at(0),
      updatedAt: at(0),
      reviewRequestedBy: null,
      signedOffBy: null,
      signedOffAt: null,
      version: 1,
    };
    await insertPostmortem(db, record);
    const columns = () => db.selectFrom('postmortems').select(['incident_id', 'state', 'trigger_answer', 'due_at', 'version']).executeTakeFirstOrThrow();
    const items = () => db.selectFrom('postmortem_action_items').selectAll().orderBy('position').execute();
    expect(await columns()).toEqual({ incident_id: 'inc-1', state: 'due', trigger_answer: null, due_at: at(432_000).toISOString(), version: 1 });
    expect(await items()).toEqual([]);

    const fields = {
      ...emptyFields(),
      questions: { ...emptyFields().questions, trigger: 'could_have_waited' as const },
      actionItems: [
        { id: 'ai-1', title: 'Raise the threshold', owner: 'bob', dueDate: '2030-02-01', state: 'open' as const, link: { kind: 'priority-rule' as const, ref: 'db#1' } },
        { id: 'ai-2', title: 'Write the runbook', owner: null, dueDate: null, state: 'done' as const, link: null },
      ],
    };
    expect(await updatePostmortem(db, { ...record, state: 'draft', fields, version: 2 }, 1)).toBe(true);
    expect(await columns()).toMatchObject({ state: 'draft', trigger_answer: 'could_have_waited', version: 2 });
    expect(await items()).toEqual([
      { id: 'ai-1', postmortem_id: 'pm-1', position: 0, title: 'Raise the threshold', owner: 'bob', due_date: '2030-02-01', state: 'open', link_kind: 'priority-rule', link_ref: 'db#1' },
      { id: 'ai-2', postmortem_id: 'pm-1', position: 1, title: 'Write the runbook', owner: null, due_date: null, state: 'done', link_kind: null, link_ref: null },
    ]);

    // A stale write changes nothing, rows included.
    expect(await updatePostmortem(db, { ...record, fields: emptyFields(), version: 3 }, 1)).toBe(false);
    expect(await items()).toHaveLength(2);
    expect(await updatePostmortem(db, { ...record, state: 'in_review', fields: { ...fields, actionItems: [fields.actionItems[1]!] }, version: 3 }, 2)).toBe(true);
    expect((await items()).map((r) => [r.id, r.position])).toEqual([['ai-2', 0]]);
    expect((await getPostmortem(db, 'pm-1'))?.incidentIds).toEqual(['inc-1', 'inc-2']);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/postgres.js';
import type { Store } from '../../app/ports/store.js';
import { makeIncident } from './contract/fixtures.js';
import { createStore } from './create-store.js';

const pgUrl = process.env.KLAXON_TEST_PG_URL;

/** The savepoints group commit runs each request under, on both engines. */
function describeSavepoints(engine: string, open: () => Promise<{ store: Store; cleanup(): Promise<void> }>): void {
  describe(`savepoints (${engine})`, () => {
    it('rolls back only the failing request of a transaction, even after a statement error, and commits the rest', async () => {
      const { store, cleanup } = await open();
      try {
        const taken = makeIncident({ dedupKey: 'taken' });
        await store.insertIncident(taken);
        const outcomes = await store.transaction(async (tx) => {
          const results: string[] = [];
          const attempt = async (name: string, work: (sp: typeof tx) => Promise<void>) => {
            try {
              await tx.savepoint(work);
              results.push(`${name} ok`);
            } catch (error) {
              results.push(`${name} ${(error as Error).name}`);
            }
          };
          await attempt('a', (sp) => sp.setSetting('a', '1'));
          // A unique violation: PostgreSQL would abort the whole transaction without the savepoint.
          await attempt('b', async (sp) => {
            await sp.setSetting('b', '1');
            await sp.insertIncident(makeIncident({ dedupKey: 'taken' }));
          });
          await attempt('c', async (sp) => {
            await sp.setSetting('c', '1');
            throw new Error('the work failed');
          });
          await attempt('d', (sp) => sp.setSetting('d', '1'));
          return results;
        });
        expect(outcomes).toEqual(['a ok', 'b StoreConflictError', 'c Error', 'd ok']);
        expect([await store.getSetting('a'), await store.getSetting('b'), await store.getSetting('c'), await store.getSetting('d')]).toEqual([
          '1',
          undefined,
          undefined,
          '1',
        ]);
      } finally {
        await cleanup();
      }
    });

    it('refuses a savepoint outside a transaction', async () => {
      const { store, cleanup } = await open();
      try {
        await expect(store.savepoint(async () => undefined)).rejects.toThrow(/transaction/);
      } finally {
        await cleanup();
      }
    });
  });
}

describeSavepoints('SQLite', async () => {
  const store = await createStore(':memory:');
  return { store, cleanup: () => store.close() };
});

describe.skipIf(!pgUrl)('PostgreSQL', () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });
  describeSavepoints('PostgreSQL', async () => {
    const database = await createTestDatabase(pgUrl!);
    drops.push(database.drop);
    const store = await createStore(database.url);
    return { store, cleanup: () => store.close() };
  });
});

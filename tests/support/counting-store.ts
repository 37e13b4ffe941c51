import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Store } from '../../server/app/ports/store.js';
import type { Engine } from '../../server/adapters/store/database.js';
import { KyselyStore } from '../../server/adapters/store/kysely-store.js';
import { migrateToLatest } from '../../server/adapters/store/migrate.js';
import { isPostgresUrl, openPostgres } from '../../server/adapters/store/postgres-database.js';
import { openSqlite } from '../../server/adapters/store/sqlite-database.js';

/** A relay store that notes every SQL statement it runs (for tests that count queries). */
export interface CountingStore {
  readonly store: Store;
  /** Every statement run so far, oldest first, as `<kind> <first table>` (e.g. `select incidents`). */
  readonly queries: readonly string[];
  /** The statements run while `work` ran (nothing else may touch the store meanwhile). */
  during<T>(work: () => Promise<T>): Promise<{ value: T; queries: string[] }>;
}

/** The first table an operation node names, found depth first. */
function firstTable(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const record = node as Record<string, unknown>;
  if (record.kind === 'TableNode') {
    const table = record.table as { identifier?: { name?: string } } | undefined;
    return table?.identifier?.name ?? '?';
  }
  for (const value of Object.values(record)) {
    const found = Array.isArray(value) ? value.map(firstTable).find(Boolean) : firstTable(value);
    if (found) return found;
  }
  return '';
}

/** How a statement is noted: `SelectQueryNode` on `incidents` becomes `select incidents`. */
function describe(node: RootOperationNode): string {
  const kind = node.kind.replace(/QueryNode$|Node$/, '').toLowerCase();
  return `${kind} ${firstTable(node) || '-'}`.trim();
}

/**
 * Opens a store on `url` (a SQLite file path or a `postgres://` URL), migrated, that counts the
 * statements it runs with a Kysely plugin: every statement goes through `transformResult` once after
 * it ran (transaction begin and commit are not statements of the store's and are not counted).
 */
export async function openCountingStore(url: string): Promise<CountingStore> {
  const engine: Engine = isPostgresUrl(url) ? 'postgres' : 'sqlite';
  const db = engine === 'postgres' ? openPostgres(url) : openSqlite(url);
  await migrateToLatest(db, engine);
  const queries: string[] = [];
  const pending = new Map<unknown, string>();
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      pending.set(args.queryId, describe(args.node));
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      queries.push(pending.get(args.queryId) ?? 'raw');
      pending.delete(args.queryId);
      return args.result;
    },
  };
  const store = new KyselyStore(db.withPlugin(plugin), engine);
  return {
    store,
    queries,
    async during(work) {
      const from = queries.length;
      const value = await work();
      return { value, queries: queries.slice(from) };
    },
  };
}

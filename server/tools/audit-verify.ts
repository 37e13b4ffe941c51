import { existsSync } from 'node:fs';
import { sha256Hex } from '../adapters/store/chain-digest.js';
import { createStore } from '../adapters/store/create-store.js';
import { isPostgresUrl } from '../adapters/store/postgres-database.js';
import { describeVerifyReport } from '../app/audit/describe-verify-report.js';
import { verifyChains } from '../app/audit/verify-chains.js';
import { parseSettings } from '../settings.js';

/**
 * `npm run audit:verify`: walks the audit chain and every incident timeline chain of the store at
 * `KLAXON_DB` (or `--db`) and exits 0 when they are intact, 1 naming the first broken row, 2 when
 * the store cannot be opened, is in memory, or is not at the current schema (it is never migrated).
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flag = args.indexOf('--db');
  const db = flag >= 0 ? args[flag + 1] : parseSettings({ argv: [] }).db;
  if (!db) {
    console.error('audit:verify: --db needs a SQLite file path or a postgres:// URL');
    return 2;
  }
  // An in-memory store is born empty: there is nothing to verify, and "intact" would be a lie.
  if (db === ':memory:' || db === '') {
    console.error('audit:verify: an in-memory store holds nothing to verify; give a SQLite file path or a postgres:// URL');
    return 2;
  }
  // Opening a missing SQLite file would create an empty (and trivially intact) store.
  if (!isPostgresUrl(db) && !existsSync(db)) {
    console.error(`audit:verify: no database at ${db}`);
    return 2;
  }
  // Never migrate what is being verified: a store that is not current is refused instead.
  const store = await createStore(db, { migrate: false });
  try {
    const report = await verifyChains(store, sha256Hex);
    console.log(describeVerifyReport(report));
    return report.intact ? 0 : 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);

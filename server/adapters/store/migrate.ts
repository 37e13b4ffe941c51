import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Database, Engine } from './database.js';
import { initialMigration } from './migrations/0001-initial.js';
import { pagingMigration } from './migrations/0002-paging.js';
import { schedulesMigration } from './migrations/0004-schedules.js';
import { phonesMigration } from './migrations/0005-phones.js';
import { wallboardMigration } from './migrations/0006-wallboard.js';
import { auditMigration } from './migrations/0007-audit.js';
import { tokenScopeMigration } from './migrations/0008-token-scope.js';
import { needToKnowMigration } from './migrations/0009-need-to-know.js';
import { feedTokenHashMigration } from './migrations/0010-feed-token-hash.js';
import { nodeIdentityMigration } from './migrations/0013-node-identity.js';
import { clientsMigration } from './migrations/0014-clients.js';
import { connectWiseMigration } from './migrations/0015-connectwise.js';
import { postmortemsMigration } from './migrations/0016-postmortems.js';
import { reportsMigration } from './migrations/0017-reports.js';
import { maintenanceMigration } from './migrations/0018-maintenance.js';
import { heartbeatsMigration } from './migrations/0019-heartbeats.js';
import { apiTokensMigration } from './migrations/0020-api-tokens.js';
import { incidentFlagsMigration } from './migrations/0021-incident-flags.js';
import { historySearchMigration } from './migrations/0022-history-search.js';
import { intelMigration } from './migrations/0023-intel.js';
import { ssoMigration } from './migrations/0025-sso.js';
import { totpMigration } from './migrations/0026-totp.js';
import { phoneUsageMigration } from './migrations/0028-phone-usage.js';
import { slackMigration } from './migrations/0029-slack.js';
import { statusUpdatesMigration } from './migrations/0030-status-updates.js';
import { jobWakeIndexMigration } from './migrations/0031-job-wake-index.js';

/**
 * The store's versioned migrations by name. Names sort in the order they run; a new migration gets
 * the next number and is never edited once released.
 */
export function storeMigrations(engine: Engine): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(engine),
    '0002-paging': pagingMigration(),
    '0004-schedules': schedulesMigration(),
    '0005-phones': phonesMigration(),
    '0006-wallboard': wallboardMigration(),
    '0007-audit': auditMigration(engine),
    '0008-token-scope': tokenScopeMigration(),
    '0009-need-to-know': needToKnowMigration(),
    '0010-feed-token-hash': feedTokenHashMigration(),
    '0013-node-identity': nodeIdentityMigration(),
    '0014-clients': clientsMigration(),
    '0015-connectwise': connectWiseMigration(),
    '0016-postmortems': postmortemsMigration(),
    '0017-reports': reportsMigration(),
    '0018-maintenance': maintenanceMigration(),
    '0019-heartbeats': heartbeatsMigration(),
    '0020-api-tokens': apiTokensMigration(),
    '0021-incident-flags': incidentFlagsMigration(),
    '0022-history-search': historySearchMigration(engine),
    '0023-intel': intelMigration(),
    '0025-sso': ssoMigration(),
    '0026-totp': totpMigration(),
    '0028-phone-usage': phoneUsageMigration(),
    '0029-slack': slackMigration(),
    '0030-status-updates': statusUpdatesMigration(),
    '0031-job-wake-index': jobWakeIndexMigration(),
  };
}

/** A migration provider over the statically imported migrations (no file-system scanning). */
function staticProvider(migrations: Record<string, Migration>): MigrationProvider {
  return { getMigrations: async () => migrations };
}

/**
 * The schema PostgreSQL creates tables in (the first of the search_path). Kysely's Migrator looks for
 * its bookkeeping tables in every schema unless told which one, and would take another schema's for
 * the relay's own.
 */
async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('Store migrations cannot run: the PostgreSQL search_path names no existing schema');
  return schema;
}

/**
 * Brings the database up to the latest migration. Already applied migrations are skipped, so running
 * it again is a no-op. Throws an Error naming the migration that failed (its changes are rolled back).
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  engine: Engine,
  migrations: Record<string, Migration> = storeMigrations(engine),
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: staticProvider(migrations),
    migrationTableSchema: engine === 'postgres' ? await currentSchema(db) : undefined,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === 'Error');
  const reason = error instanceof Error ? error.message : String(error);
  const what = failed ? `migration "${failed.migrationName}"` : 'migrations';
  throw new Error(`Store ${what} failed on ${engine}: ${reason}`, { cause: error });
}

/**
 * The names of the store's migrations that the database has not run, without running them (an
 * empty database lists every one). Read-only tools use it to refuse a store that is not current.
 */
export async function pendingMigrations(
  db: Kysely<Database>,
  engine: Engine,
  migrations: Record<string, Migration> = storeMigrations(engine),
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: staticProvider(migrations),
    migrationTableSchema: engine === 'postgres' ? await currentSchema(db) : undefined,
  });
  return (await migrator.getMigrations()).filter((info) => info.executedAt === undefined).map((info) => info.name);
}

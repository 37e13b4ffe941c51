import type { Selectable } from 'kysely';
import type { ConfigRecords, IntegrationRecord } from '../../app/ports/store.js';
import type { Policy } from '../../../shared/schemas/policy.js';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import type { Service } from '../../../shared/schemas/service.js';
import type { Team } from '../../../shared/schemas/team.js';
import { listUsers } from './account-queries.js';
import type { Db, IntegrationsTable } from './database.js';
import { parseJson, toMillis } from './json.js';
import { prepareQuery } from './prepared-query.js';
import { readScheduleDocument } from './schedule-document.js';

/** A service as the store keeps it: without its integrations, which have their own table. */
export type ServiceRecord = Omit<Service, 'integrations'>;

type DocumentTableName = 'teams' | 'schedules' | 'policies' | 'services';

async function getDocument<T>(db: Db, table: DocumentTableName, id: string): Promise<T | undefined> {
  const row = await documentById.executeTakeFirst(db, { table, id });
  return row && parseJson<T>(row.doc, `${table}.doc`);
}

const documentById = prepareQuery(
  (db, slot: { table: DocumentTableName; id: string }, { table }) => db.selectFrom(table).select('doc').where('id', '=', slot.id),
  ({ table }) => table,
);

async function listDocuments<T>(db: Db, table: DocumentTableName): Promise<T[]> {
  const rows = await db.selectFrom(table).select('doc').orderBy('id').execute();
  return rows.map((row) => parseJson<T>(row.doc, `${table}.doc`));
}

/** Reads one team. */
export const getTeam = (db: Db, id: string) => getDocument<Team>(db, 'teams', id);
/** Lists every team by id. */
export const listTeams = (db: Db) => listDocuments<Team>(db, 'teams');
/** Reads one on-call schedule. */
export const getSchedule = async (db: Db, id: string) => {
  const doc = await getDocument<Schedule>(db, 'schedules', id);
  return doc && readScheduleDocument(doc);
};
/** Lists every schedule by id. */
export const listSchedules = async (db: Db) => (await listDocuments<Schedule>(db, 'schedules')).map(readScheduleDocument);
/** Reads one escalation policy. */
export const getPolicy = (db: Db, id: string) => getDocument<Policy>(db, 'policies', id);
/** Lists every policy by id. */
export const listPolicies = (db: Db) => listDocuments<Policy>(db, 'policies');
/** Reads one service (without integrations). */
export const getService = (db: Db, id: string) => getDocument<ServiceRecord>(db, 'services', id);
/** Lists every service by id (without integrations). */
export const listServices = (db: Db) => listDocuments<ServiceRecord>(db, 'services');

/** Adds a team or replaces the one with the same id. */
export async function upsertTeam(db: Db, team: Team): Promise<void> {
  const doc = JSON.stringify(team);
  await db
    .insertInto('teams')
    .values({ id: team.id, doc })
    .onConflict((oc) => oc.column('id').doUpdateSet({ doc }))
    .execute();
}

/** Adds a schedule or replaces the one with the same id. */
export async function upsertSchedule(db: Db, schedule: Schedule): Promise<void> {
  const changes = { team_id: schedule.team, doc: JSON.stringify(schedule) };
  await db
    .insertInto('schedules')
    .values({ id: schedule.id, ...changes })
    .onConflict((oc) => oc.column('id').doUpdateSet(changes))
    .execute();
}

/** Adds a policy or replaces the one with the same id. */
export async function upsertPolicy(db: Db, policy: Policy): Promise<void> {
  const changes = { team_id: policy.team ?? null, doc: JSON.stringify(policy) };
  await db
    .insertInto('policies')
    .values({ id: policy.id, ...changes })
    .onConflict((oc) => oc.column('id').doUpdateSet(changes))
    .execute();
}

/** Adds a service or replaces the one with the same id; a stray `integrations` field is not kept. */
export async function upsertService(db: Db, service: ServiceRecord): Promise<void> {
  const { integrations: _ignored, ...record } = service as ServiceRecord & { integrations?: unknown };
  const changes = { team_id: record.team, policy_id: record.policy, doc: JSON.stringify(record) };
  await db
    .insertInto('services')
    .values({ id: record.id, ...changes })
    .onConflict((oc) => oc.column('id').doUpdateSet(changes))
    .execute();
}

function toIntegration(row: Selectable<IntegrationsTable>): IntegrationRecord {
  return {
    id: row.id,
    serviceId: row.service_id,
    type: row.type as IntegrationRecord['type'],
    keyHash: row.key_hash,
    settings: parseJson<IntegrationRecord['settings']>(row.settings, 'integrations.settings'),
    createdAt: new Date(row.created_at),
  };
}

/** Lists integrations, of one service or of all, by service and creation time. */
export async function listIntegrations(db: Db, serviceId?: string): Promise<IntegrationRecord[]> {
  let query = db.selectFrom('integrations').selectAll();
  if (serviceId !== undefined) query = query.where('service_id', '=', serviceId);
  const rows = await query.orderBy('service_id').orderBy('created_at').orderBy('id').execute();
  return rows.map(toIntegration);
}

/** Finds the integration whose key hashes to `keyHash` (ingest's authentication). */
export async function findIntegrationByKeyHash(db: Db, keyHash: string): Promise<IntegrationRecord | undefined> {
  const row = await integrationByKeyHash.executeTakeFirst(db, { keyHash });
  return row && toIntegration(row);
}

const integrationByKeyHash = prepareQuery((db, slot: { keyHash: string }) => db.selectFrom('integrations').selectAll().where('key_hash', '=', slot.keyHash));

/** Adds an integration or replaces the one with the same id; key hashes are unique across services. */
export async function upsertIntegration(db: Db, integration: IntegrationRecord): Promise<void> {
  toMillis(integration.createdAt, 'integrations.created_at');
  const row = {
    id: integration.id,
    service_id: integration.serviceId,
    type: integration.type,
    key_hash: integration.keyHash,
    settings: JSON.stringify(integration.settings),
    created_at: integration.createdAt.toISOString(),
  };
  const { id: _id, ...changes } = row;
  await db
    .insertInto('integrations')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(changes))
    .execute();
}

/** Removes an integration; its key stops matching at once. */
export async function deleteIntegration(db: Db, id: string): Promise<void> {
  await db.deleteFrom('integrations').where('id', '=', id).execute();
}

/** Replaces an integration's key hash (key rotation). */
export async function setIntegrationKeyHash(db: Db, id: string, keyHash: string): Promise<void> {
  await db.updateTable('integrations').set({ key_hash: keyHash }).where('id', '=', id).execute();
}

/** Reads every config entity; run it in a transaction for one consistent snapshot. */
export async function readConfigRecords(db: Db): Promise<ConfigRecords> {
  return {
    users: await listUsers(db),
    teams: await listTeams(db),
    schedules: await listSchedules(db),
    policies: await listPolicies(db),
    services: await listServices(db),
    integrations: await listIntegrations(db),
  };
}

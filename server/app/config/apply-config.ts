import type { Config, UserConfig } from '../../../shared/config/config-schema.js';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import { hashPassword, verifyPassword } from '../accounts/password.js';
import type { Clock } from '../ports/clock.js';
import type { ConfigRecords, IntegrationRecord, Store, StoreSession, UserRecord } from '../ports/store.js';
import { canonicalJson, sameRecord } from './canonical.js';
import { configSchedulesToWrite } from '../schedules/config-schedules.js';
import { applyConfigClients } from '../clients/config-clients.js';
import { applyConfigMaintenance } from '../maintenance/config-maintenance.js';
import { hashIntegrationKey } from './integration-key.js';

/** The kinds of entity a config file declares. */
export type ConfigKind = 'users' | 'teams' | 'schedules' | 'policies' | 'services' | 'integrations' | 'clients';

/** What applying a config did to one kind of entity. */
export interface ApplyCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Only integrations are ever deleted (those a declared service no longer lists). */
  deleted: number;
}

/** What applying a config did, per kind of entity. */
export type ApplyReport = Record<ConfigKind, ApplyCounts>;

const KINDS: ConfigKind[] = ['users', 'teams', 'schedules', 'policies', 'services', 'integrations', 'clients'];

/** Returns the stable id of a service's `index`-th integration of `type` (stable when other types move). */
export function integrationId(serviceId: string, type: string, index: number): string {
  return `${serviceId}:${type}:${index}`;
}

/** A user's password hash decided before the transaction (scrypt is slow; locks should not wait for it). */
interface PlannedHash {
  hash: string | undefined;
  /** The stored hash that was found to match `password`, kept as it is. */
  keptFrom?: string;
}

async function planPasswordHash(user: UserConfig, stored: UserRecord | undefined): Promise<PlannedHash> {
  if (user.passwordHash) return { hash: user.passwordHash };
  if (!user.password) return { hash: undefined };
  if (stored?.passwordHash && (await verifyPassword(user.password, stored.passwordHash))) {
    return { hash: stored.passwordHash, keptFrom: stored.passwordHash };
  }
  return { hash: await hashPassword(user.password) };
}

function desiredIntegrations(config: Config, current: ConfigRecords, now: Date): IntegrationRecord[] {
  const createdAt = new Map(current.integrations.map((i) => [i.id, i.createdAt]));
  return config.services.flatMap((service) => {
    const perType = new Map<string, number>();
    return service.integrations.map(({ key, type, ...settings }) => {
      const index = perType.get(type) ?? 0;
      perType.set(type, index + 1);
      const id = integrationId(service.id, type, index);
      return { id, serviceId: service.id, type, keyHash: hashIntegrationKey(key), settings, createdAt: createdAt.get(id) ?? now };
    });
  });
}

/**
 * Writes the config's users, teams, schedules, policies, services, integrations and clients in ONE store
 * transaction, so the relay never runs half-configured, and reports what it created, updated and
 * left unchanged. Applying the same config twice writes nothing the second time: a user's stored
 * hash is kept when it already verifies the config's password, and records equal to the stored
 * ones are not rewritten. Integrations a declared service no longer lists are deleted; entities
 * missing from the file are otherwise left alone. A changed password revokes the user's tokens.
 */
export async function applyConfig(
  store: Store,
  config: Config,
  clock: Clock,
  audit: AuditTrail = noAuditTrail,
  /** Who applied it, when a person did (`POST /api/v1/config/apply`); the relay's start otherwise. */
  by: { actorId: string; address?: string | null } | null = null,
): Promise<ApplyReport> {
  const before = await store.readConfigRecords();
  const storedUsers = new Map(before.users.map((u) => [u.id, u]));
  // scrypt runs on libuv's thread pool, so the users' hashes are worked out side by side.
  const planned = new Map(
    await Promise.all(
      config.users.map(async (user) => [user.id, await planPasswordHash(user, storedUsers.get(user.id))] as const),
    ),
  );

  return store.transaction(async (tx) => {
    const report = Object.fromEntries(
      KINDS.map((kind) => [kind, { created: 0, updated: 0, unchanged: 0, deleted: 0 }]),
    ) as ApplyReport;
    const current = await tx.readConfigRecords();
    const now = clock.now();
    // What this apply created or changed, for the audit trail (ids only, never passwords or keys).
    const changed: string[] = [];

    const write = async <T extends { id: string }>(kind: ConfigKind, stored: T[], desired: T[], upsert: (r: T) => Promise<void>) => {
      const byId = new Map(stored.map((r) => [r.id, r]));
      for (const record of desired) {
        const old = byId.get(record.id);
        if (old && sameRecord(old, record)) {
          report[kind].unchanged += 1;
          continue;
        }
        await upsert(record);
        report[kind][old ? 'updated' : 'created'] += 1;
        changed.push(`${kind}:${record.id}`);
      }
    };

    const currentUsers = new Map(current.users.map((u) => [u.id, u]));
    const users: UserRecord[] = [];
    for (const { password, passwordHash: _given, contacts: _contacts, ...user } of config.users) {
      const stored = currentUsers.get(user.id);
      const plan = planned.get(user.id)!;
      let passwordHash = plan.hash === undefined ? (stored?.passwordHash ?? null) : plan.hash;
      // Someone changed the password between planning and now: the kept hash is stale, hash afresh.
      if (plan.keptFrom !== undefined && stored?.passwordHash !== plan.keptFrom) {
        passwordHash = await hashPassword(password!);
      }
      // Rules edited in the console or on the phone survive a restart while the file's rules for
      // this person are unchanged; a changed file wins again.
      const notify = await keepUnlessFileChanged(tx, `config:notify:${user.id}`, user.notify, stored?.notify);
      users.push({ ...user, notify, passwordHash });
    }
    await write('users', current.users, users, async (user) => {
      await tx.upsertUser(user);
      const old = currentUsers.get(user.id);
      if (old && old.passwordHash !== user.passwordHash) await tx.revokeTokensOfUser(user.id, now);
    });
    for (const user of config.users) if (user.contacts) await tx.setContacts(user.id, user.contacts, now);
    await write('teams', current.teams, config.teams, (team) => tx.upsertTeam(team));
    // Schedules edited in the console survive a restart with an unchanged file (see config-schedules.ts).
    const schedules = await configSchedulesToWrite(tx, config.schedules);
    report.schedules.unchanged += config.schedules.length - schedules.length;
    await write('schedules', current.schedules, schedules, (schedule) => tx.upsertSchedule(schedule));
    await write('policies', current.policies, config.policies, (policy) => tx.upsertPolicy(policy));
    const services = config.services.map(({ integrations: _integrations, ...service }) => service);
    await write('services', current.services, services, (service) => tx.upsertService(service));
    await writeIntegrations(tx, config, current, now, report);
    // Clients edited in the console survive a restart with an unchanged file (see config-clients.ts).
    const clients = await applyConfigClients(tx, config.clients, now);
    Object.assign(report.clients, { created: clients.created.length, updated: clients.updated.length, unchanged: clients.unchanged });
    changed.push(...[...clients.created, ...clients.updated].map((id) => `clients:${id}`));
    // Maintenance windows follow the same rule (see config-maintenance.ts).
    const windows = await applyConfigMaintenance(tx, config.maintenance ?? [], now);
    changed.push(...[...windows.created, ...windows.updated].map((id) => `maintenance:${id}`));
    await audit.record({ action: 'config.applied', actorId: by?.actorId ?? null, ...(by ? { address: by.address ?? null } : {}), subject: { kind: 'config', id: by ? 'api' : 'file' }, details: { report, changed } }, tx);
    return report;
  });
}

/**
 * Returns what to store for a value the config file declares but people may also change at run
 * time (notification rules, integration keys): the stored value while the file's declaration is the
 * one last applied, else the file's (which is then remembered as last applied).
 */
async function keepUnlessFileChanged<T>(tx: StoreSession, key: string, declared: T, stored: T | undefined): Promise<T> {
  const digest = canonicalJson(declared);
  const lastApplied = await tx.getSetting(key);
  if (lastApplied === digest && stored !== undefined) return stored;
  if (lastApplied !== digest) await tx.setSetting(key, digest);
  return declared;
}

async function writeIntegrations(
  tx: StoreSession,
  config: Config,
  current: ConfigRecords,
  now: Date,
  report: ApplyReport,
): Promise<void> {
  const desired = desiredIntegrations(config, current, now);
  const desiredIds = new Set(desired.map((i) => i.id));
  const declared = new Set(config.services.map((s) => s.id));
  // Deletions first, so a key that moved to another integration does not collide with its old row.
  for (const old of current.integrations) {
    if (declared.has(old.serviceId) && !desiredIds.has(old.id)) {
      await tx.deleteIntegration(old.id);
      report.integrations.deleted += 1;
    }
  }
  const stored = new Map(current.integrations.map((i) => [i.id, i]));
  for (const declaredRecord of desired) {
    const old = stored.get(declaredRecord.id);
    // A key rotated through the API stays rotated while the file still declares the key it replaced.
    const keyHash = await keepUnlessFileChanged(tx, `config:key:${declaredRecord.id}`, declaredRecord.keyHash, old?.keyHash);
    const record = { ...declaredRecord, keyHash };
    if (old && sameRecord({ ...old, createdAt: undefined }, { ...record, createdAt: undefined })) {
      report.integrations.unchanged += 1;
      continue;
    }
    await tx.upsertIntegration(record);
    report.integrations[old ? 'updated' : 'created'] += 1;
  }
}

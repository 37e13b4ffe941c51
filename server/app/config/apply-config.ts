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
import { entryDigest, readEntryState, recordDeclared, settleEntry, type ManagedKind } from './config-managed.js';

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

/**
 * A user's password hash decided before the transaction (scrypt is slow; locks should not wait for
 * it): a hash of the file's password (the one made when it was last applied, or the stored one, when
 * either still verifies it, else a new one), and the digest of the user's file entry, which changes
 * exactly when the entry or its password changes (the password itself is never digested).
 */
interface PlannedUser {
  hash: string | undefined;
  digest: string;
}

async function planUser(store: Store, user: UserConfig, stored: UserRecord | undefined): Promise<PlannedUser> {
  const { password, ...entry } = user;
  let hash = user.passwordHash;
  if (!hash && password) {
    const state = await readEntryState(store, 'user', user.id);
    for (const candidate of [state?.secret, stored?.passwordHash]) {
      if (candidate && (await verifyPassword(password, candidate))) {
        hash = candidate;
        break;
      }
    }
    hash ??= await hashPassword(password);
  }
  return { hash, digest: entryDigest({ ...entry, passwordHash: hash }) };
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
 * left unchanged. Every object follows the one rule for config-file versus console edits
 * (config-managed.ts, docs/configuration.md): the file's version is written when its entry for the
 * object is new or has changed since it was last applied; while the entry stays the same, what is
 * stored is kept, console edits included. When the file's version replaces a console edit, the
 * audit record says which (`details.replacedConsoleEdits`). Applying the same config twice writes
 * nothing the second time. Integrations a declared service no longer lists are deleted when the
 * service's entry changes; entities missing from the file are otherwise left alone. A changed
 * password revokes the user's tokens.
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
    await Promise.all(config.users.map(async (user) => [user.id, await planUser(store, user, storedUsers.get(user.id))] as const)),
  );

  return store.transaction(async (tx) => {
    const report = Object.fromEntries(
      KINDS.map((kind) => [kind, { created: 0, updated: 0, unchanged: 0, deleted: 0 }]),
    ) as ApplyReport;
    const current = await tx.readConfigRecords();
    const now = clock.now();
    // What this apply created or changed, for the audit trail (ids only, never passwords or keys).
    const changed: string[] = [];
    // Console edits the file's newer version replaced.
    const replaced: string[] = [];

    /** Keeps the entries whose file version is as last applied; returns the ones to write. */
    const settle = async <T extends { id: string }>(kind: ConfigKind, managed: ManagedKind, stored: { id: string }[], entries: { record: T; digest: string; secret?: string }[]) => {
      const exists = new Set(stored.map((r) => r.id));
      const toWrite: T[] = [];
      for (const { record, digest, secret } of entries) {
        const decision = await settleEntry(tx, managed, record.id, digest, exists.has(record.id), secret);
        if (!decision.write) {
          report[kind].unchanged += 1;
          continue;
        }
        if (decision.replacesConsoleEdit) replaced.push(`${kind}:${record.id}`);
        toWrite.push(record);
      }
      await recordDeclared(tx, managed, entries.map((e) => e.record.id));
      return toWrite;
    };

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
    const declaredUsers = await settle('users', 'user', current.users, config.users.map((user) => {
      const plan = planned.get(user.id)!;
      return { record: user, digest: plan.digest, ...(user.password && plan.hash ? { secret: plan.hash } : {}) };
    }));
    const users: UserRecord[] = [];
    for (const { password: _password, passwordHash: _given, contacts: _contacts, ...user } of declaredUsers) {
      const stored = currentUsers.get(user.id);
      const plan = planned.get(user.id)!;
      const passwordHash = plan.hash === undefined ? (stored?.passwordHash ?? null) : plan.hash;
      // Notification rules edited in the console or on the phone survive while the file's rules for
      // this person are unchanged, even when another field of the entry changed.
      const notify = await keepUnlessFileChanged(tx, `config:notify:${user.id}`, user.notify, stored?.notify);
      users.push({ ...user, notify, passwordHash });
    }
    await write('users', current.users, users, async (user) => {
      await tx.upsertUser(user);
      const old = currentUsers.get(user.id);
      if (old && old.passwordHash !== user.passwordHash) await tx.revokeTokensOfUser(user.id, now);
    });
    for (const user of declaredUsers) if (user.contacts) await tx.setContacts(user.id, user.contacts, now);

    const teams = await settle('teams', 'team', current.teams, config.teams.map((team) => ({ record: team, digest: entryDigest(team) })));
    await write('teams', current.teams, teams, (team) => tx.upsertTeam(team));
    // Schedules keep their own record of the rule (see config-schedules.ts).
    const schedules = await configSchedulesToWrite(tx, config.schedules);
    report.schedules.unchanged += config.schedules.length - schedules.length;
    await write('schedules', current.schedules, schedules, (schedule) => tx.upsertSchedule(schedule));
    const policies = await settle('policies', 'policy', current.policies, config.policies.map((policy) => ({ record: policy, digest: entryDigest(policy) })));
    await write('policies', current.policies, policies, (policy) => tx.upsertPolicy(policy));

    const services = await settleServices(tx, config, current, settle, replaced);
    await write('services', current.services, services.records, (service) => tx.upsertService(service));
    await writeIntegrations(tx, config, current, now, report, services.withIntegrations);
    // Clients edited in the console survive a restart with an unchanged file (see config-clients.ts).
    const clients = await applyConfigClients(tx, config.clients, now);
    Object.assign(report.clients, { created: clients.created.length, updated: clients.updated.length, unchanged: clients.unchanged });
    changed.push(...[...clients.created, ...clients.updated].map((id) => `clients:${id}`));
    // Maintenance windows follow the same rule (see config-maintenance.ts).
    const windows = await applyConfigMaintenance(tx, config.maintenance ?? [], now);
    changed.push(...[...windows.created, ...windows.updated].map((id) => `maintenance:${id}`));
    await audit.record({ action: 'config.applied', actorId: by?.actorId ?? null, ...(by ? { address: by.address ?? null } : {}), subject: { kind: 'config', id: by ? 'api' : 'file' }, details: { report, changed, replacedConsoleEdits: replaced } }, tx);
    return report;
  });
}

type Settle = <T extends { id: string }>(kind: ConfigKind, managed: ManagedKind, stored: { id: string }[], entries: { record: T; digest: string }[]) => Promise<T[]>;

/**
 * Settles the file's services and their priority rules, two entries per service: the service (its
 * fields and integrations, keys digested as their hashes) and its priority rules. Returns the
 * service records to write — each side from the file when its entry changed, else as stored — and
 * the ids of the services whose integrations follow the file this time.
 */
async function settleServices(tx: StoreSession, config: Config, current: ConfigRecords, settle: Settle, replaced: string[]) {
  const stored = new Map(current.services.map((s) => [s.id, s]));
  const bodies = config.services.map(({ priorityRules: _rules, ...service }) => ({
    record: service,
    digest: entryDigest({ ...service, integrations: service.integrations.map(({ key, ...i }) => ({ ...i, key: hashIntegrationKey(key) })) }),
  }));
  const fromFile = new Set((await settle('services', 'service', current.services, bodies)).map((s) => s.id));
  const rulesFromFile = new Set<string>();
  for (const service of config.services) {
    const decision = await settleEntry(tx, 'priority-rules', service.id, entryDigest(service.priorityRules), stored.has(service.id));
    if (decision.write) rulesFromFile.add(service.id);
    if (decision.write && decision.replacesConsoleEdit) replaced.push(`priority-rules:${service.id}`);
  }
  await recordDeclared(tx, 'priority-rules', config.services.map((s) => s.id));
  const records = config.services.flatMap(({ integrations: _integrations, ...file }) => {
    const old = stored.get(file.id);
    if (!fromFile.has(file.id) && !rulesFromFile.has(file.id)) return [];
    const body = fromFile.has(file.id) || !old ? file : old;
    return [{ ...body, priorityRules: rulesFromFile.has(file.id) || !old ? file.priorityRules : old.priorityRules }];
  });
  return { records, withIntegrations: fromFile };
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
  /** The services whose integrations follow the file this time (their entry is new or changed). */
  services: ReadonlySet<string>,
): Promise<void> {
  const declaredAll = desiredIntegrations(config, current, now);
  const desired = declaredAll.filter((i) => services.has(i.serviceId));
  // A service kept as stored keeps its integrations as they are, console changes included.
  report.integrations.unchanged += declaredAll.length - desired.length;
  const desiredIds = new Set(desired.map((i) => i.id));
  const declared = services;
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

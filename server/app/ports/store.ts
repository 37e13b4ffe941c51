import type { Alert } from '../../../shared/schemas/alert.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Policy } from '../../../shared/schemas/policy.js';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import type { Integration, Service } from '../../../shared/schemas/service.js';
import type { Team } from '../../../shared/schemas/team.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import type { User } from '../../../shared/schemas/user.js';
import type { PagingSession } from './paging-store.js';
import type { ScheduleStoreSession } from './schedule-store.js';
import type { WallboardSession } from './wallboard-store.js';
import type { PhoneSession } from './phone-store.js';
import type { NeedToKnowSession } from './need-to-know-store.js';
import type { NodeRegistry } from './node-registry.js';
import type { AuditSession } from './audit-store.js';
import type { LoginThrottleSession } from './login-throttle-store.js';
import type { BoardSession } from './board-store.js';
import type { UserStatusSession } from './user-status-store.js';
import type { ClientSession } from './client-store.js';
import type { ConnectWiseSession } from './connectwise-store.js';
import type { ReportSession } from './report-store.js';
import type { PostmortemSession } from './postmortem-store.js';
import type { MaintenanceSession } from './maintenance-store.js';
import type { HeartbeatSession } from './heartbeat-store.js';
import type { ApiTokenSession } from './api-token-store.js';
import type { TotpSession } from './totp-store.js';
import type { PhoneUsageSession } from './phone-usage-store.js';
import type { StatusUpdateSession } from './status-update-store.js';
import type { HistorySession } from './history-store.js';
import type { SimilarSession } from './similar-store.js';
import type { IntelSession } from './intel-store.js';
import type { SsoSession } from './sso-store.js';
import type { SlackSession } from './slack-store.js';

/** A user as stored: the public fields plus the scrypt hash (null: cannot sign in). */
export interface UserRecord extends User {
  passwordHash: string | null;
}

/** A bearer token as stored: only its SHA-256, never the token itself. */
export interface TokenRecord {
  tokenHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** An integration as stored: keys are kept as SHA-256 hashes and looked up by hash. */
export interface IntegrationRecord {
  id: string;
  serviceId: string;
  type: Integration['type'];
  keyHash: string;
  /** The integration's settings without its key (mapping, HMAC secret, dedup pattern). */
  settings: Omit<Integration, 'key' | 'type'>;
  createdAt: Date;
}

/** The config entities as the store keeps them; users carry hashes, integrations their key hashes. */
export interface ConfigRecords {
  users: UserRecord[];
  teams: Team[];
  schedules: Schedule[];
  policies: Policy[];
  services: Omit<Service, 'integrations'>[];
  integrations: IntegrationRecord[];
}

/** An incident as written before the store gives it a sequence number. */
export type IncidentDraft = Omit<Incident, 'seq'>;

/** A piece of work due at a time: a deferred release, an escalation step, a page repeat. */
export interface JobRecord {
  id: string;
  kind: string;
  incidentId: string | null;
  dueAt: Date;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * The reads and writes every feature uses, escalations, pages and devices included; all of them also
 * run inside `transaction`.
 */
export interface StoreSession
  extends PagingSession,
    PhoneSession,
    WallboardSession,
    ScheduleStoreSession,
    NeedToKnowSession,
    NodeRegistry,
    AuditSession,
    LoginThrottleSession,
    BoardSession,
    UserStatusSession,
    ClientSession,
    ConnectWiseSession,
    ReportSession,
    PostmortemSession,
    MaintenanceSession,
    HeartbeatSession,
    ApiTokenSession,
    TotpSession,
    PhoneUsageSession,
    StatusUpdateSession,
    HistorySession,
    SimilarSession,
    IntelSession,
    SsoSession,
    SlackSession {
  // Accounts
  countUsers(): Promise<number>;
  getUser(id: string): Promise<UserRecord | undefined>;
  /** Finds a user by id or e-mail address (case-insensitive e-mail). */
  findUserByLogin(login: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  upsertUser(user: UserRecord): Promise<void>;
  insertToken(token: TokenRecord): Promise<void>;
  findToken(tokenHash: string): Promise<TokenRecord | undefined>;
  revokeToken(tokenHash: string, at: Date): Promise<void>;
  revokeTokensOfUser(userId: string, at: Date): Promise<void>;

  // Config entities
  getTeam(id: string): Promise<Team | undefined>;
  listTeams(): Promise<Team[]>;
  upsertTeam(team: Team): Promise<void>;
  getSchedule(id: string): Promise<Schedule | undefined>;
  listSchedules(): Promise<Schedule[]>;
  upsertSchedule(schedule: Schedule): Promise<void>;
  getPolicy(id: string): Promise<Policy | undefined>;
  listPolicies(): Promise<Policy[]>;
  upsertPolicy(policy: Policy): Promise<void>;
  getService(id: string): Promise<Omit<Service, 'integrations'> | undefined>;
  listServices(): Promise<Omit<Service, 'integrations'>[]>;
  upsertService(service: Omit<Service, 'integrations'>): Promise<void>;
  listIntegrations(serviceId?: string): Promise<IntegrationRecord[]>;
  findIntegrationByKeyHash(keyHash: string): Promise<IntegrationRecord | undefined>;
  upsertIntegration(integration: IntegrationRecord): Promise<void>;
  deleteIntegration(id: string): Promise<void>;
  /** Replaces an integration's key hash; the old key stops matching at once. */
  setIntegrationKeyHash(id: string, keyHash: string): Promise<void>;
  /** Reads every config entity at once (for diffing before an apply). */
  readConfigRecords(): Promise<ConfigRecords>;

  // Incidents
  /** The open (not resolved) incident of a service with this dedup key, if any. */
  findOpenIncident(serviceId: string, dedupKey: string): Promise<Incident | undefined>;
  getIncident(id: string): Promise<Incident | undefined>;
  /**
   * Takes the incident's row lock before its pages' (the lock order of every transaction that writes
   * both): on PostgreSQL, inside a transaction, the row is locked until commit; SQLite's write
   * transactions have the whole database already, so nothing is read.
   */
  lockIncident(id: string): Promise<void>;
  /** Every incident not resolved, oldest first. */
  listOpenIncidents(): Promise<Incident[]>;
  /** Incidents changed in [from, to), newest first, at most `limit`. */
  listIncidents(filter: { status?: Incident['status']; since?: Date; limit: number }): Promise<Incident[]>;
  /**
   * Inserts an incident and gives it the next sequence number; `priorityRule` ("<serviceId>#<n>") is
   * the rule that set its priority, kept for reports.
   */
  insertIncident(incident: IncidentDraft, priorityRule?: string | null): Promise<Incident>;
  /** Changes fields of an incident and gives it the next sequence number; undefined if absent. */
  updateIncident(id: string, patch: Partial<IncidentDraft>): Promise<Incident | undefined>;
  /** The highest sequence number handed out so far. */
  currentSeq(): Promise<number>;
  insertAlert(alert: Alert): Promise<void>;
  listAlerts(incidentId: string, limit: number): Promise<Alert[]>;
  /** Appends an event to its incident's hash chain (`prev_hash` = the incident's previous row's hash). */
  appendTimeline(event: TimelineEvent): Promise<void>;
  /** Appends many events, in order, to their incidents' hash chains, as `appendTimeline` would one by one. */
  appendTimelines(events: readonly TimelineEvent[]): Promise<void>;
  listTimeline(incidentId: string): Promise<TimelineEvent[]>;

  // Due work
  /** Adds or replaces (same id) a job. */
  upsertJob(job: JobRecord): Promise<void>;
  /** Removes a job whatever its lease (it is no longer wanted). */
  deleteJob(id: string): Promise<void>;
  /**
   * Removes a job that ran to completion, but only while it is still leased by `owner`, and tells
   * whether it did. A handler that re-scheduled its own job under the same id (`upsertJob` ends the
   * lease) keeps the new one, and a job whose lease ran out and that another relay claimed since is
   * left to that relay.
   */
  completeJob(id: string, owner: string): Promise<boolean>;
  /** Removes many finished jobs in one statement, each only while `owner` still holds it; returns how many went. */
  completeJobs(ids: readonly string[], owner: string): Promise<number>;
  deleteJobsOfIncident(incidentId: string, kind?: string): Promise<void>;
  /**
   * Claims up to `limit` jobs due at or before `now` for `leaseMs` (PostgreSQL: FOR UPDATE SKIP
   * LOCKED), so that several relays never run the same job at once; a crashed relay's lease expires.
   */
  claimDueJobs(now: Date, limit: number, owner: string, leaseMs: number): Promise<JobRecord[]>;
  /** The earliest due time of any job not leased at `now`, if there is one. */
  nextDueAt(now: Date): Promise<Date | undefined>;

  /**
   * Runs `fn` under a savepoint of the transaction this session belongs to: a throw rolls back only
   * `fn`'s writes (the transaction goes on) and is rethrown. Group commit runs each request so.
   * Throws when the session is not a transaction.
   */
  savepoint<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T>;

  // Key-value settings the relay keeps for itself (e.g. generated keys)
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
}

/** How a transaction commits. */
export interface TransactionOptions {
  /**
   * `false` for bookkeeping whose loss in a crash is harmless, such as job claims, completions and
   * heartbeats (a lost claim or completion only runs a job again, which every job handler allows):
   * the commit does not wait for the disk (SQLite `synchronous = NORMAL`, PostgreSQL
   * `synchronous_commit = off`). A power loss may undo such a transaction, never half of it; the
   * next durable commit makes it durable too, since both engines write their log in order. True by default.
   */
  durable?: boolean;
}

/**
 * The relay's one store interface; SQLite (embedded default) and PostgreSQL implement it with the
 * same Kysely query code and pass the same contract tests.
 */
export interface Store extends StoreSession {
  readonly engine: 'sqlite' | 'postgres';
  /** Runs `fn` in one transaction: all of its writes commit together or none do. */
  transaction<T>(fn: (tx: StoreSession) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Answers when the database answers (for `/health`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

import { sql } from 'kysely';
import type { DeviceRecord, EscalationRecord } from '../../app/ports/paging-store.js';
import type { PageReceiptRecord, PairingCodeRecord, PushSubscriptionRecord } from '../../app/ports/phone-store.js';
import type { Contacts } from '../../../shared/schemas/contact.js';
import type {
  ConfigRecords,
  IncidentDraft,
  IntegrationRecord,
  JobRecord,
  StoreSession,
  TokenRecord,
  UserRecord,
} from '../../app/ports/store.js';
import type { Alert } from '../../../shared/schemas/alert.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { Policy } from '../../../shared/schemas/policy.js';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import type { Team } from '../../../shared/schemas/team.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import * as accounts from './account-queries.js';
import * as board from './board-queries.js';
import * as userStatus from './user-status-queries.js';
import type { UserDeactivationRecord } from '../../app/ports/user-status-store.js';
import * as config from './config-queries.js';
import type { ServiceRecord } from './config-queries.js';
import type { Db, Engine } from './database.js';
import * as devices from './device-queries.js';
import * as escalations from './escalation-queries.js';
import * as timelineBatch from './timeline-batch-queries.js';
import * as history from './history-queries.js';
import * as incidents from './incident-queries.js';
import * as jobs from './job-queries.js';
import * as nodes from './node-queries.js';
import * as pages from './page-queries.js';
import * as phones from './phone-queries.js';
import * as settings from './setting-queries.js';
import * as schedules from './schedule-queries.js';
import type {
  CalendarFeedRecord,
  HandledActivityRecord,
  PageActivityRecord,
  ScheduleSourceRecord,
  SwapFilter,
} from '../../app/ports/schedule-store.js';
import type { SwapRequest, SwapStatus } from '../../../shared/schemas/swap.js';
import * as wallboard from './wallboard-queries.js';
import type { WallboardTokenRecord } from '../../app/ports/wallboard-store.js';
import * as needToKnow from './need-to-know-queries.js';
import type { NeedToKnowEntry } from '../../app/ports/need-to-know-store.js';
import type { AuditDraft, AuditFilter, AuditRecord, TimelineChainEntry, TimelineCursor } from '../../app/ports/audit-store.js';
import type { LoginThrottleRecord } from '../../app/ports/login-throttle-store.js';
import type { AuditChainRow } from '../../core/audit/chain-rows.js';
import * as audit from './audit-queries.js';
import * as throttles from './login-throttle-queries.js';
import * as clients from './client-queries.js';
import type { ClientRecord } from '../../app/ports/client-store.js';
import * as cw from './connectwise-queries.js';
import type { ConnectWiseSyncState } from '../../../shared/schemas/connectwise.js';
import type { ConnectWiseConnectionRecord, ConnectWiseOpRecord, ConnectWiseTicketRecord } from '../../app/ports/connectwise-store.js';
import * as reports from './report-queries.js';
import type { ReportActionItemFact, ReportIncidentFact, ReportPageFact, ReportRange } from '../../app/ports/report-store.js';
import * as postmortems from './postmortem-queries.js';
import type { PostmortemFilter, PostmortemRecord } from '../../app/ports/postmortem-store.js';
import type { PostmortemComment } from '../../../shared/schemas/postmortem.js';
import * as maintenance from './maintenance-queries.js';
import type { MaintenanceWindowRecord } from '../../app/ports/maintenance-store.js';
import * as heartbeats from './heartbeat-queries.js';
import type { HeartbeatRecord } from '../../app/ports/heartbeat-store.js';
import * as apiTokens from './api-token-queries.js';
import type { ApiTokenRecord } from '../../app/ports/api-token-store.js';
import * as totp from './totp-queries.js';
import * as statusUpdates from './status-update-queries.js';
import type { StatusTemplateRecord } from '../../app/ports/status-update-store.js';
import type { StatusSubscriber, StatusUpdate } from '../../../shared/schemas/status-update.js';
import type { TotpRecord } from '../../app/ports/totp-store.js';
import * as phoneUsage from './phone-usage-queries.js';
import type { PhoneUsageKind, PhoneUsageRecord } from '../../app/ports/phone-usage-store.js';
import * as historySearch from './history-search-queries.js';
import * as savedSearches from './saved-search-queries.js';
import type { IncidentSearch, IncidentSearchPage } from '../../app/ports/history-store.js';
import type { SavedSearch } from '../../../shared/schemas/history.js';
import * as similar from './similar-queries.js';
import type { PastIncidentOutcome, SimilarCandidateQuery, SimilarCandidateRecord } from '../../app/ports/similar-store.js';
import * as intel from './intel-queries.js';
import type { IndicatorFilter, IndicatorLink, IndicatorRecord, LinkViewer } from '../../app/ports/intel-store.js';
import type { Indicator, IndicatorType } from '../../../shared/schemas/intel.js';
import * as sso from './sso-queries.js';
import * as slack from './slack-queries.js';
import type { SlackLinkCodeRecord, SlackLinkRecord, SlackMessageRecord } from '../../app/ports/slack-store.js';
import type { SsoHandoffRecord, SsoIdentityRecord, SsoPendingRecord } from '../../app/ports/sso-store.js';

/**
 * The store's reads and writes on one Kysely handle: the whole database, or one transaction. Both
 * engines run this same code; the few dialect differences live in the query modules.
 */
export class KyselySession implements StoreSession {
  /** Inside a transaction: the newest timeline hash of each incident this session appended to. */
  private readonly chainTips: history.ChainTips | undefined;

  /** Wraps `db` (a Kysely instance or a transaction) on `engine`. */
  constructor(
    protected readonly db: Db,
    protected readonly dialect: Engine,
  ) {
    this.chainTips = db.isTransaction ? new Map() : undefined;
  }

  countUsers(): Promise<number> { return accounts.countUsers(this.db); }
  getUser(id: string): Promise<UserRecord | undefined> { return accounts.getUser(this.db, id); }
  findUserByLogin(login: string): Promise<UserRecord | undefined> { return accounts.findUserByLogin(this.db, login); }
  listUsers(): Promise<UserRecord[]> { return accounts.listUsers(this.db); }
  upsertUser(user: UserRecord): Promise<void> { return accounts.upsertUser(this.db, user); }
  insertToken(token: TokenRecord): Promise<void> { return accounts.insertToken(this.db, token); }
  findToken(tokenHash: string): Promise<TokenRecord | undefined> { return accounts.findToken(this.db, tokenHash); }
  revokeToken(tokenHash: string, at: Date): Promise<void> { return accounts.revokeToken(this.db, tokenHash, at); }
  revokeTokensOfUser(userId: string, at: Date): Promise<void> {
    return accounts.revokeTokensOfUser(this.db, userId, at);
  }

  getTeam(id: string): Promise<Team | undefined> { return config.getTeam(this.db, id); }
  listTeams(): Promise<Team[]> { return config.listTeams(this.db); }
  upsertTeam(team: Team): Promise<void> { return config.upsertTeam(this.db, team); }
  getSchedule(id: string): Promise<Schedule | undefined> { return config.getSchedule(this.db, id); }
  listSchedules(): Promise<Schedule[]> { return config.listSchedules(this.db); }
  upsertSchedule(schedule: Schedule): Promise<void> { return config.upsertSchedule(this.db, schedule); }
  getPolicy(id: string): Promise<Policy | undefined> { return config.getPolicy(this.db, id); }
  listPolicies(): Promise<Policy[]> { return config.listPolicies(this.db); }
  upsertPolicy(policy: Policy): Promise<void> { return config.upsertPolicy(this.db, policy); }
  getService(id: string): Promise<ServiceRecord | undefined> { return config.getService(this.db, id); }
  listServices(): Promise<ServiceRecord[]> { return config.listServices(this.db); }
  upsertService(service: ServiceRecord): Promise<void> { return config.upsertService(this.db, service); }
  listIntegrations(serviceId?: string): Promise<IntegrationRecord[]> {
    return config.listIntegrations(this.db, serviceId);
  }
  findIntegrationByKeyHash(keyHash: string): Promise<IntegrationRecord | undefined> {
    return config.findIntegrationByKeyHash(this.db, keyHash);
  }
  upsertIntegration(integration: IntegrationRecord): Promise<void> {
    return config.upsertIntegration(this.db, integration);
  }
  deleteIntegration(id: string): Promise<void> { return config.deleteIntegration(this.db, id); }
  setIntegrationKeyHash(id: string, keyHash: string): Promise<void> {
    return config.setIntegrationKeyHash(this.db, id, keyHash);
  }
  readConfigRecords(): Promise<ConfigRecords> { return config.readConfigRecords(this.db); }

  findOpenIncident(serviceId: string, dedupKey: string): Promise<Incident | undefined> {
    return incidents.findOpenIncident(this.db, this.dialect, serviceId, dedupKey);
  }
  getIncident(id: string): Promise<Incident | undefined> { return incidents.getIncident(this.db, this.dialect, id); }
  lockIncident(id: string): Promise<void> { return incidents.lockIncident(this.db, this.dialect, id); }
  listOpenIncidents(): Promise<Incident[]> { return incidents.listOpenIncidents(this.db); }
  listIncidents(filter: { status?: Incident['status']; since?: Date; limit: number }): Promise<Incident[]> {
    return incidents.listIncidents(this.db, filter);
  }
  async insertIncident(incident: IncidentDraft, priorityRule?: string | null): Promise<Incident> {
    const inserted = await incidents.insertIncident(this.db, this.dialect, incident, priorityRule);
    if (this.chainTips) history.startChain(this.chainTips, inserted.id);
    return inserted;
  }
  updateIncident(id: string, patch: Partial<IncidentDraft>): Promise<Incident | undefined> {
    return incidents.updateIncident(this.db, id, patch);
  }
  currentSeq(): Promise<number> { return incidents.currentSeq(this.db); }
  insertAlert(alert: Alert): Promise<void> { return history.insertAlert(this.db, alert); }
  listAlerts(incidentId: string, limit: number): Promise<Alert[]> {
    return history.listAlerts(this.db, incidentId, limit);
  }
  appendTimeline(event: TimelineEvent): Promise<void> { return history.appendTimeline(this.db, this.dialect, event, this.chainTips); }
  appendTimelines(events: readonly TimelineEvent[]): Promise<void> {
    return timelineBatch.appendTimelines(this.db, this.dialect, events, this.chainTips);
  }
  listTimeline(incidentId: string): Promise<TimelineEvent[]> { return history.listTimeline(this.db, incidentId); }

  upsertJob(job: JobRecord): Promise<void> { return jobs.upsertJob(this.db, job); }
  deleteJob(id: string): Promise<void> { return jobs.deleteJob(this.db, id); }
  completeJob(id: string, owner: string): Promise<boolean> { return jobs.completeJob(this.db, id, owner); }
  completeJobs(ids: readonly string[], owner: string): Promise<number> { return jobs.completeJobs(this.db, ids, owner); }
  deleteJobsOfIncident(incidentId: string, kind?: string): Promise<void> {
    return jobs.deleteJobsOfIncident(this.db, incidentId, kind);
  }
  claimDueJobs(now: Date, limit: number, owner: string, leaseMs: number): Promise<JobRecord[]> {
    return jobs.claimDueJobs(this.db, this.dialect, now, limit, owner, leaseMs);
  }
  nextDueAt(now: Date): Promise<Date | undefined> { return jobs.nextDueAt(this.db, now); }
  stableNodeId(proposed: string): Promise<string> { return nodes.stableNodeId(this.db, proposed); }
  heartbeat(nodeId: string, aliveUntil: Date): Promise<void> { return nodes.heartbeat(this.db, nodeId, aliveUntil); }
  releaseLeases(nodeId: string): Promise<number> { return nodes.releaseLeases(this.db, nodeId); }
  forgetNode(nodeId: string): Promise<void> { return nodes.forgetNode(this.db, nodeId); }

  getEscalation(incidentId: string): Promise<EscalationRecord | undefined> {
    return escalations.getEscalation(this.db, this.dialect, incidentId);
  }
  saveEscalation(record: EscalationRecord): Promise<void> { return escalations.saveEscalation(this.db, record); }
  insertPage(page: Page): Promise<boolean> { return pages.insertPage(this.db, page); }
  getPage(id: string): Promise<Page | undefined> { return pages.getPage(this.db, id); }
  insertPages(list: readonly Page[]): Promise<Set<string>> { return pages.insertPages(this.db, list); }
  getPages(ids: readonly string[]): Promise<Page[]> { return pages.getPages(this.db, ids); }
  updatePage(id: string, patch: Partial<Omit<Page, 'id'>>): Promise<Page | undefined> {
    return pages.updatePage(this.db, id, patch);
  }
  listPages(incidentId: string): Promise<Page[]> { return pages.listPages(this.db, incidentId); }
  listUnreadPages(userId: string, channel: Page['channel']): Promise<Page[]> {
    return pages.listUnreadPages(this.db, userId, channel);
  }
  insertDevice(device: DeviceRecord): Promise<void> { return devices.insertDevice(this.db, device); }
  findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | undefined> {
    return devices.findDeviceByTokenHash(this.db, tokenHash);
  }
  listDevices(userId?: string): Promise<DeviceRecord[]> { return devices.listDevices(this.db, userId); }
  updateDevice(id: string, patch: Partial<Omit<DeviceRecord, 'id' | 'userId' | 'tokenHash'>>): Promise<void> {
    return devices.updateDevice(this.db, id, patch);
  }

  insertPairingCode(code: PairingCodeRecord): Promise<void> { return phones.insertPairingCode(this.db, code); }
  redeemPairingCode(codeHash: string, now: Date): Promise<PairingCodeRecord | undefined> {
    return phones.redeemPairingCode(this.db, codeHash, now);
  }
  savePushSubscription(s: PushSubscriptionRecord): Promise<void> { return phones.savePushSubscription(this.db, s); }
  listPushSubscriptions(userId: string): Promise<PushSubscriptionRecord[]> { return phones.listPushSubscriptions(this.db, userId); }
  usersWithPushSubscriptions(userIds: readonly string[]): Promise<Set<string>> {
    return phones.usersWithPushSubscriptions(this.db, userIds);
  }
  deletePushSubscription(endpoint: string): Promise<void> { return phones.deletePushSubscription(this.db, endpoint); }
  deletePushSubscriptionsOfDevice(deviceId: string): Promise<void> {
    return phones.deletePushSubscriptionsOfDevice(this.db, deviceId);
  }
  getContacts(userId: string): Promise<Contacts | undefined> { return phones.getContacts(this.db, userId); }
  setContacts(userId: string, contacts: Contacts, at: Date): Promise<void> { return phones.setContacts(this.db, userId, contacts, at); }
  insertPageReceipt(r: PageReceiptRecord): Promise<void> { return phones.insertPageReceipt(this.db, r); }
  findPageReceipt(receipt: string): Promise<PageReceiptRecord | undefined> { return phones.findPageReceipt(this.db, receipt); }
  listPageReceipts(pageId: string): Promise<PageReceiptRecord[]> { return phones.listPageReceipts(this.db, pageId); }

  insertSwap(swap: SwapRequest): Promise<void> { return schedules.insertSwap(this.db, swap); }
  getSwap(id: string): Promise<SwapRequest | undefined> { return schedules.getSwap(this.db, id); }
  listSwaps(filter: SwapFilter): Promise<SwapRequest[]> { return schedules.listSwaps(this.db, filter); }
  settleSwap(id: string, status: SwapStatus, decidedAt: Date, decidedBy: string): Promise<boolean> {
    return schedules.settleSwap(this.db, id, status, decidedAt, decidedBy);
  }
  saveCalendarFeed(feed: CalendarFeedRecord): Promise<void> { return schedules.saveCalendarFeed(this.db, feed); }
  getCalendarFeed(kind: CalendarFeedRecord['kind'], subject: string): Promise<CalendarFeedRecord | undefined> {
    return schedules.getCalendarFeed(this.db, kind, subject);
  }
  findCalendarFeed(token: string): Promise<CalendarFeedRecord | undefined> { return schedules.findCalendarFeed(this.db, token); }
  getScheduleSource(scheduleId: string): Promise<ScheduleSourceRecord | undefined> {
    return schedules.getScheduleSource(this.db, scheduleId);
  }
  saveScheduleSource(source: ScheduleSourceRecord): Promise<void> { return schedules.saveScheduleSource(this.db, source); }
  listPageActivity(from: Date, to: Date): Promise<PageActivityRecord[]> { return schedules.listPageActivity(this.db, from, to); }
  listHandledActivity(from: Date, to: Date): Promise<HandledActivityRecord[]> {
    return schedules.listHandledActivity(this.db, from, to);
  }

  async savepoint<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T> {
    if (!this.db.isTransaction) throw new Error('a savepoint needs a transaction; run it inside store.transaction');
    // One fixed name (the statement cache keeps one text); savepoints of a name nest, innermost first.
    await sql`savepoint klaxon_request`.execute(this.db);
    let result: T;
    try {
      result = await fn(new KyselySession(this.db, this.dialect));
    } catch (error) {
      this.chainTips?.clear();
      await sql`rollback to savepoint klaxon_request`.execute(this.db);
      await sql`release savepoint klaxon_request`.execute(this.db);
      throw error;
    }
    await sql`release savepoint klaxon_request`.execute(this.db);
    // The inner session appended rows this one does not know of (and rolled back locks on PostgreSQL).
    this.chainTips?.clear();
    return result;
  }

  getSetting(key: string): Promise<string | undefined> { return settings.getSetting(this.db, key); }
  setSetting(key: string, value: string): Promise<void> { return settings.setSetting(this.db, key, value); }

  insertWallboardToken(token: WallboardTokenRecord): Promise<void> { return wallboard.insertWallboardToken(this.db, token); }
  findWallboardTokenByHash(tokenHash: string): Promise<WallboardTokenRecord | undefined> {
    return wallboard.findWallboardTokenByHash(this.db, tokenHash);
  }
  listWallboardTokens(): Promise<WallboardTokenRecord[]> { return wallboard.listWallboardTokens(this.db); }
  revokeWallboardToken(id: string, at: Date): Promise<void> { return wallboard.revokeWallboardToken(this.db, id, at); }
  listIncidentsOpenedSince(since: Date): Promise<Incident[]> { return wallboard.listIncidentsOpenedSince(this.db, since); }
  listPagesCreatedSince(since: Date): Promise<Page[]> { return wallboard.listPagesCreatedSince(this.db, since); }
  listAlertTimesSince(since: Date): Promise<Date[]> { return wallboard.listAlertTimesSince(this.db, since); }

  listNeedToKnow(incidentId: string): Promise<NeedToKnowEntry[]> { return needToKnow.listNeedToKnow(this.db, incidentId); }
  listIncidentsKnownTo(userId: string, incidentIds: readonly string[]): Promise<string[]> {
    return needToKnow.listIncidentsKnownTo(this.db, userId, incidentIds);
  }
  addNeedToKnow(entry: NeedToKnowEntry): Promise<boolean> { return needToKnow.addNeedToKnow(this.db, entry); }
  removeNeedToKnow(incidentId: string, userId: string): Promise<boolean> { return needToKnow.removeNeedToKnow(this.db, incidentId, userId); }
  appendAuditEvent(draft: AuditDraft): Promise<AuditRecord> { return audit.appendAuditEvent(this.db, this.dialect, draft); }
  listAuditEvents(filter: AuditFilter): Promise<AuditRecord[]> { return audit.listAuditEvents(this.db, filter); }
  readAuditChain(afterSeq: number, limit: number): Promise<AuditChainRow[]> { return audit.readAuditChain(this.db, afterSeq, limit); }
  readTimelineChain(cursor: TimelineCursor | undefined, limit: number): Promise<TimelineChainEntry[]> {
    return audit.readTimelineChain(this.db, cursor, limit);
  }

  getLoginThrottles(keys: readonly string[]): Promise<LoginThrottleRecord[]> { return throttles.getLoginThrottles(this.db, keys); }
  addLoginFailure(key: string, at: Date, forgetBefore: Date): Promise<LoginThrottleRecord> {
    return throttles.addLoginFailure(this.db, key, at, forgetBefore);
  }
  lockLogin(key: string, at: Date): Promise<boolean> { return throttles.lockLogin(this.db, key, at); }
  clearLoginThrottle(key: string): Promise<boolean> { return throttles.clearLoginThrottle(this.db, key); }
  listPagesOfOpenIncidents(): Promise<Page[]> { return board.listPagesOfOpenIncidents(this.db); }
  listOpenIncidentsKnownTo(userId: string): Promise<string[]> { return board.listOpenIncidentsKnownTo(this.db, userId); }
  deactivateUser(record: UserDeactivationRecord): Promise<void> { return userStatus.deactivateUser(this.db, record); }
  reactivateUser(userId: string): Promise<void> { return userStatus.reactivateUser(this.db, userId); }
  findUserDeactivation(userId: string): Promise<UserDeactivationRecord | undefined> { return userStatus.findUserDeactivation(this.db, userId); }
  listClients(): Promise<ClientRecord[]> { return clients.listClients(this.db); }
  getClientRecord(id: string): Promise<ClientRecord | undefined> { return clients.getClientRecord(this.db, id); }
  saveClient(record: ClientRecord): Promise<void> { return clients.saveClient(this.db, record); }

  listConnectWiseConnections(): Promise<ConnectWiseConnectionRecord[]> { return cw.listConnections(this.db); }
  getConnectWiseConnection(id: string): Promise<ConnectWiseConnectionRecord | undefined> { return cw.getConnection(this.db, id); }
  upsertConnectWiseConnection(record: ConnectWiseConnectionRecord): Promise<void> { return cw.upsertConnection(this.db, record); }
  deleteConnectWiseConnection(id: string): Promise<boolean> { return cw.deleteConnection(this.db, id); }
  setConnectWiseConnectionBroken(id: string, at: Date | null, reason: string | null): Promise<void> {
    return cw.setConnectionBroken(this.db, id, at, reason);
  }
  getConnectWiseTicket(incidentId: string): Promise<ConnectWiseTicketRecord | undefined> { return cw.getTicket(this.db, incidentId); }
  findConnectWiseTicket(ticketId: number): Promise<ConnectWiseTicketRecord | undefined> { return cw.findTicket(this.db, ticketId); }
  upsertConnectWiseTicket(record: ConnectWiseTicketRecord): Promise<void> { return cw.upsertTicket(this.db, record); }
  listConnectWiseTickets(connectionId: string, state: ConnectWiseSyncState): Promise<ConnectWiseTicketRecord[]> {
    return cw.listTickets(this.db, connectionId, state);
  }
  addConnectWiseOp(op: ConnectWiseOpRecord): Promise<void> { return cw.addOp(this.db, op); }
  listConnectWiseOps(incidentId: string): Promise<ConnectWiseOpRecord[]> { return cw.listOps(this.db, incidentId); }
  updateConnectWiseOp(id: string, change: Pick<ConnectWiseOpRecord, 'attempts' | 'lastError' | 'failed'>): Promise<void> {
    return cw.updateOp(this.db, id, change);
  }
  deleteConnectWiseOp(id: string): Promise<void> { return cw.deleteOp(this.db, id); }

  reportIncidents(range: ReportRange): Promise<ReportIncidentFact[]> { return reports.reportIncidents(this.db, range); }
  reportPages(range: ReportRange): Promise<ReportPageFact[]> { return reports.reportPages(this.db, range); }
  reportActionItems(postmortemIds: readonly string[]): Promise<ReportActionItemFact[]> { return reports.reportActionItems(this.db, postmortemIds); }
  insertPostmortem(record: PostmortemRecord): Promise<void> { return postmortems.insertPostmortem(this.db, record); }
  updatePostmortem(record: PostmortemRecord, expectedVersion: number): Promise<boolean> { return postmortems.updatePostmortem(this.db, record, expectedVersion); }
  getPostmortem(id: string): Promise<PostmortemRecord | undefined> { return postmortems.getPostmortem(this.db, id); }
  findPostmortemOfIncident(incidentId: string): Promise<string | undefined> { return postmortems.findPostmortemOfIncident(this.db, incidentId); }
  listPostmortems(filter: PostmortemFilter): Promise<PostmortemRecord[]> { return postmortems.listPostmortems(this.db, filter); }
  listPostmortemComments(postmortemId: string): Promise<PostmortemComment[]> { return postmortems.listPostmortemComments(this.db, postmortemId); }
  addPostmortemComment(postmortemId: string, comment: PostmortemComment): Promise<void> { return postmortems.addPostmortemComment(this.db, postmortemId, comment); }
  listMaintenanceWindows(): Promise<MaintenanceWindowRecord[]> { return maintenance.listMaintenanceWindows(this.db); }
  getMaintenanceWindowRecord(id: string): Promise<MaintenanceWindowRecord | undefined> { return maintenance.getMaintenanceWindowRecord(this.db, id); }
  saveMaintenanceWindow(record: MaintenanceWindowRecord): Promise<void> { return maintenance.saveMaintenanceWindow(this.db, record); }
  listSuppressedIncidents(windowId: string): Promise<Incident[]> { return maintenance.listSuppressedIncidents(this.db, windowId); }
  listHeartbeats(): Promise<HeartbeatRecord[]> { return heartbeats.listHeartbeats(this.db); }
  getHeartbeat(integrationId: string): Promise<HeartbeatRecord | undefined> { return heartbeats.getHeartbeat(this.db, integrationId); }
  saveHeartbeat(record: HeartbeatRecord): Promise<void> { return heartbeats.saveHeartbeat(this.db, record); }
  recordPing(integrationId: string, at: Date, deadlineAt: Date): Promise<boolean> {
    return heartbeats.recordPing(this.db, integrationId, at, deadlineAt);
  }
  markHeartbeatLate(integrationId: string, deadlineAt: Date, incidentId: string | null, at: Date): Promise<boolean> {
    return heartbeats.markHeartbeatLate(this.db, integrationId, deadlineAt, incidentId, at);
  }
  deleteHeartbeat(integrationId: string): Promise<void> { return heartbeats.deleteHeartbeat(this.db, integrationId); }
  lastRelayAliveUntil(): Promise<Date | undefined> { return heartbeats.lastRelayAliveUntil(this.db); }
  insertApiToken(record: ApiTokenRecord): Promise<void> { return apiTokens.insertApiToken(this.db, record); }
  findApiTokenByHash(tokenHash: string): Promise<ApiTokenRecord | undefined> { return apiTokens.findApiTokenByHash(this.db, tokenHash); }
  getApiToken(id: string): Promise<ApiTokenRecord | undefined> { return apiTokens.getApiToken(this.db, id); }
  listApiTokens(ownerId?: string): Promise<ApiTokenRecord[]> { return apiTokens.listApiTokens(this.db, ownerId); }
  revokeApiToken(id: string, at: Date, by: string): Promise<boolean> { return apiTokens.revokeApiToken(this.db, id, at, by); }
  touchApiTokens(uses: readonly { id: string; at: Date }[]): Promise<void> { return apiTokens.touchApiTokens(this.db, uses); }
  getTotp(userId: string): Promise<TotpRecord | undefined> { return totp.getTotp(this.db, userId); }
  putPendingTotp(record: TotpRecord): Promise<boolean> { return totp.putPendingTotp(this.db, record); }
  confirmTotp(userId: string, at: Date, step: number, recoveryHashes: string[]): Promise<boolean> { return totp.confirmTotp(this.db, userId, at, step, recoveryHashes); }
  acceptTotpStep(userId: string, step: number): Promise<boolean> { return totp.acceptTotpStep(this.db, userId, step); }
  useTotpRecoveryCode(userId: string, hash: string): Promise<boolean> { return totp.useTotpRecoveryCode(this.db, userId, hash); }
  deleteTotp(userId: string): Promise<boolean> { return totp.deleteTotp(this.db, userId); }
  addPhoneUsage(month: string, kind: PhoneUsageKind, amount: number): Promise<void> { return phoneUsage.addPhoneUsage(this.db, month, kind, amount); }
  listPhoneUsage(fromMonth: string, toMonth: string): Promise<PhoneUsageRecord[]> { return phoneUsage.listPhoneUsage(this.db, fromMonth, toMonth); }
  listStatusSubscribers(): Promise<StatusSubscriber[]> { return statusUpdates.listStatusSubscribers(this.db); }
  addStatusSubscriber(subscriber: StatusSubscriber): Promise<void> { return statusUpdates.addStatusSubscriber(this.db, subscriber); }
  deleteStatusSubscriber(id: string): Promise<boolean> { return statusUpdates.deleteStatusSubscriber(this.db, id); }
  listStatusTemplates(): Promise<StatusTemplateRecord[]> { return statusUpdates.listStatusTemplates(this.db); }
  putStatusTemplate(record: StatusTemplateRecord): Promise<void> { return statusUpdates.putStatusTemplate(this.db, record); }
  addStatusUpdate(update: StatusUpdate): Promise<void> { return statusUpdates.addStatusUpdate(this.db, update); }
  getStatusUpdate(id: string): Promise<StatusUpdate | undefined> { return statusUpdates.getStatusUpdate(this.db, id); }
  listStatusUpdates(incidentId: string): Promise<StatusUpdate[]> { return statusUpdates.listStatusUpdates(this.db, incidentId); }
  searchIncidents(search: IncidentSearch): Promise<IncidentSearchPage> { return historySearch.searchIncidents(this.db, this.dialect, search); }
  listSavedSearches(ownerId: string): Promise<SavedSearch[]> { return savedSearches.listSavedSearches(this.db, ownerId); }
  getSavedSearch(id: string): Promise<SavedSearch | undefined> { return savedSearches.getSavedSearch(this.db, id); }
  insertSavedSearch(search: SavedSearch): Promise<void> { return savedSearches.insertSavedSearch(this.db, search); }
  deleteSavedSearch(id: string): Promise<boolean> { return savedSearches.deleteSavedSearch(this.db, id); }
  listSimilarCandidates(query: SimilarCandidateQuery): Promise<SimilarCandidateRecord[]> { return similar.listSimilarCandidates(this.db, query); }
  firstAlertsOf(incidentIds: readonly string[]): Promise<Map<string, { integrationType: string; payload: unknown }>> { return similar.firstAlertsOf(this.db, incidentIds); }
  listPastIncidentOutcomes(incidentIds: readonly string[]): Promise<PastIncidentOutcome[]> { return similar.listPastIncidentOutcomes(this.db, incidentIds); }

  listIndicators(filter: IndicatorFilter, viewer: LinkViewer): Promise<Indicator[]> { return intel.listIndicators(this.db, filter, viewer); }
  getIndicator(id: string, viewer: LinkViewer): Promise<Indicator | undefined> { return intel.getIndicator(this.db, id, viewer); }
  findIndicator(type: IndicatorType, value: string): Promise<IndicatorRecord | undefined> { return intel.findIndicator(this.db, type, value); }
  listLiveIndicators(at: Date): Promise<IndicatorRecord[]> { return intel.listLiveIndicators(this.db, at); }
  saveIndicator(record: IndicatorRecord): Promise<void> { return intel.saveIndicator(this.db, record); }
  deleteIndicator(id: string): Promise<boolean> { return intel.deleteIndicator(this.db, id); }
  linkIndicators(links: readonly IndicatorLink[]): Promise<number> { return intel.linkIndicators(this.db, links); }
  touchIndicators(ids: readonly string[], at: Date): Promise<void> { return intel.touchIndicators(this.db, ids, at); }
  findSsoIdentity(issuer: string, subject: string): Promise<SsoIdentityRecord | undefined> { return sso.findSsoIdentity(this.db, issuer, subject); }
  insertSsoIdentity(record: SsoIdentityRecord): Promise<void> { return sso.insertSsoIdentity(this.db, record); }
  touchSsoIdentity(issuer: string, subject: string, at: Date): Promise<void> { return sso.touchSsoIdentity(this.db, issuer, subject, at); }
  insertSsoPending(record: SsoPendingRecord): Promise<void> { return sso.insertSsoPending(this.db, record); }
  takeSsoPending(stateHash: string): Promise<SsoPendingRecord | undefined> { return sso.takeSsoPending(this.db, stateHash); }
  insertSsoHandoff(record: SsoHandoffRecord): Promise<void> { return sso.insertSsoHandoff(this.db, record); }
  takeSsoHandoff(codeHash: string): Promise<SsoHandoffRecord | undefined> { return sso.takeSsoHandoff(this.db, codeHash); }
  deleteExpiredSso(now: Date): Promise<void> { return sso.deleteExpiredSso(this.db, now); }

  getSlackMessage(incidentId: string): Promise<SlackMessageRecord | undefined> { return slack.getSlackMessage(this.db, incidentId); }
  putSlackMessage(record: SlackMessageRecord): Promise<void> { return slack.putSlackMessage(this.db, record); }
  getSlackLinkOfUser(userId: string): Promise<SlackLinkRecord | undefined> { return slack.getSlackLinkOfUser(this.db, userId); }
  getSlackLinkBySlackUser(slackUserId: string): Promise<SlackLinkRecord | undefined> { return slack.getSlackLinkBySlackUser(this.db, slackUserId); }
  putSlackLink(record: SlackLinkRecord): Promise<void> { return slack.putSlackLink(this.db, record); }
  deleteSlackLink(userId: string): Promise<boolean> { return slack.deleteSlackLink(this.db, userId); }
  putSlackLinkCode(record: SlackLinkCodeRecord): Promise<void> { return slack.putSlackLinkCode(this.db, record); }
  takeSlackLinkCode(codeHash: string, now: Date): Promise<string | undefined> { return slack.takeSlackLinkCode(this.db, codeHash, now); }
}

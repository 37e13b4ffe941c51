import type { Generated, Kysely } from 'kysely';
import type { CalendarFeedsTable, ScheduleSourcesTable, SwapRequestsTable } from './schedule-tables.js';
import type { UserDeactivationsTable } from './user-status-queries.js';
import type { WallboardTokensTable } from './wallboard-queries.js';
import type { IncidentNeedToKnowTable } from './need-to-know-queries.js';
import type { AuditEventsTable } from './audit-queries.js';
import type { LoginThrottlesTable } from './login-throttle-queries.js';
import type { ClientServicesTable, ClientsTable } from './client-queries.js';
import type { ConnectWiseConnectionsTable, ConnectWiseOpsTable, ConnectWiseTicketsTable } from './connectwise-queries.js';
import type { PostmortemActionItemsTable, PostmortemCommentsTable, PostmortemIncidentsTable, PostmortemsTable } from './postmortem-tables.js';
import type { MaintenanceWindowsTable } from './maintenance-queries.js';
import type { IndicatorIncidentsTable, IndicatorsTable } from './intel-queries.js';
import type { HeartbeatsTable } from './heartbeat-queries.js';
import type { ApiTokensTable } from './api-token-queries.js';
import type { UserTotpTable } from './totp-queries.js';
import type { SlackLinkCodesTable, SlackLinksTable, SlackMessagesTable } from './slack-queries.js';
import type { PhoneUsageTable } from './phone-usage-queries.js';
import type { StatusSubscribersTable, StatusTemplatesTable, StatusUpdatesTable } from './status-update-queries.js';
import type { SavedSearchesTable } from './saved-search-queries.js';
import type { SearchDocsTable } from './search-docs.js';
import type { SsoHandoffsTable, SsoIdentitiesTable, SsoPendingTable } from './sso-queries.js';

/**
 * The table types of the relay's database, shared by SQLite and PostgreSQL. Instants of domain
 * objects are ISO-8601 text; times the store compares or sorts on are also kept as epoch milliseconds
 * (`*_ms`, `due_at`, `lease_until`); JSON is text; booleans are integers 0/1.
 */
export interface Database {
  users: UsersTable;
  tokens: TokensTable;
  teams: DocumentTable;
  schedules: SchedulesTable;
  policies: PoliciesTable;
  services: ServicesTable;
  integrations: IntegrationsTable;
  incidents: IncidentsTable;
  alerts: AlertsTable;
  timeline_events: TimelineEventsTable;
  jobs: JobsTable;
  counters: CountersTable;
  settings: SettingsTable;
  escalations: EscalationsTable;
  pages: PagesTable;
  devices: DevicesTable;
  swap_requests: SwapRequestsTable;
  calendar_feeds: CalendarFeedsTable;
  schedule_sources: ScheduleSourcesTable;
  wallboard_tokens: WallboardTokensTable;
  incident_need_to_know: IncidentNeedToKnowTable;
  relay_nodes: RelayNodesTable;
  audit_events: AuditEventsTable;
  login_throttles: LoginThrottlesTable;
  user_deactivations: UserDeactivationsTable;
  clients: ClientsTable;
  client_services: ClientServicesTable;
  connectwise_connections: ConnectWiseConnectionsTable;
  connectwise_tickets: ConnectWiseTicketsTable;
  connectwise_ops: ConnectWiseOpsTable;
  postmortems: PostmortemsTable;
  postmortem_incidents: PostmortemIncidentsTable;
  postmortem_comments: PostmortemCommentsTable;
  postmortem_action_items: PostmortemActionItemsTable;
  maintenance_windows: MaintenanceWindowsTable;
  heartbeats: HeartbeatsTable;
  api_tokens: ApiTokensTable;
  user_totp: UserTotpTable;
  slack_messages: SlackMessagesTable;
  slack_links: SlackLinksTable;
  slack_link_codes: SlackLinkCodesTable;
  phone_usage: PhoneUsageTable;
  search_docs: SearchDocsTable;
  saved_searches: SavedSearchesTable;
  indicators: IndicatorsTable;
  indicator_incidents: IndicatorIncidentsTable;
  sso_identities: SsoIdentitiesTable;
  sso_pending: SsoPendingTable;
  sso_handoffs: SsoHandoffsTable;
  status_subscribers: StatusSubscribersTable;
  status_templates: StatusTemplatesTable;
  status_updates: StatusUpdatesTable;
}

/** A live relay node: jobs it leased are claimable once `alive_until` (epoch ms) has passed. */
export interface RelayNodesTable {
  node_id: string;
  alive_until: number;
}

/** A user account; `email_lower` serves case-insensitive log-ins. */
export interface UsersTable {
  id: string;
  name: string;
  email: string;
  email_lower: string;
  role: string;
  notify: string;
  password_hash: string | null;
  /** The person's own IANA time zone (migration 0017); null: their team's. */
  time_zone: string | null;
}

/** A bearer token, kept by its SHA-256 only. */
export interface TokensTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** A config entity kept whole as a JSON document under its id. */
export interface DocumentTable {
  id: string;
  doc: string;
}

/** An on-call schedule document with the team it belongs to. */
export interface SchedulesTable extends DocumentTable {
  team_id: string;
}

/** An escalation policy document with its (optional) team. */
export interface PoliciesTable extends DocumentTable {
  team_id: string | null;
}

/** A service document (without its integrations) with its team and policy. */
export interface ServicesTable extends DocumentTable {
  team_id: string;
  policy_id: string;
}

/** One integration of a service, found by the SHA-256 of its key. */
export interface IntegrationsTable {
  id: string;
  service_id: string;
  type: string;
  key_hash: string;
  settings: string;
  created_at: string;
}

/** An incident, one column per field so that every field can be patched alone. */
export interface IncidentsTable {
  id: string;
  service_id: string;
  team_id: string;
  dedup_key: string;
  status: string;
  priority: string;
  severity: string;
  summary: string;
  source: string;
  alert_count: number;
  first_seen_at: string;
  last_seen_at: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
  deferred_until: string | null;
  escalation: string;
  triage_verdict: string | null;
  triage_assignee: string | null;
  forensic_assignee: string | null;
  confidential: number;
  links: string;
  external_ref: string | null;
  /** The incident's client (migration 0014); null when no client was mapped. */
  client_id: string | null;
  /** The priority rule that set the priority, "<serviceId>#<n>" (migration 0017); null: the severity default. */
  priority_rule: string | null;
  /** The maintenance window holding the incident back from escalation, and its name (migration 0018). */
  suppressed_by?: string | null;
  suppressed_by_name?: string | null;
  snoozed_until?: string | null;
  intel_matches?: number;
  history_hint?: string | null;
  seq: number;
  /** `first_seen_at` in epoch ms, for "oldest first". */
  first_seen_ms: number;
  /** The latest of the incident's instants in epoch ms, for "changed since". */
  changed_ms: number;
}

/** An alert folded into an incident; `pos` keeps arrival order. */
export interface AlertsTable {
  pos: Generated<number>;
  id: string;
  incident_id: string;
  service_id: string;
  integration_type: string;
  action: string;
  dedup_key: string;
  summary: string;
  severity: string;
  source: string;
  received_at: string;
  /** JSON text; NULL when the alert carried no payload at all. */
  payload: string | null;
  /** The alert's normalised search terms (migration 0022; see search-docs.ts). */
  search_terms: string | null;
}

/** One step of an incident's history; `pos` orders events recorded at the same instant. */
export interface TimelineEventsTable {
  pos: Generated<number>;
  id: string;
  incident_id: string;
  at: string;
  at_ms: number;
  type: string;
  actor_type: string;
  actor_id: string | null;
  data: string;
  /** The hash of the incident's previous timeline row (64 zeros for its first row). */
  prev_hash: string | null;
  /** SHA-256 of `prev_hash` and this row's content (see `core/audit/chain-rows.ts`). */
  hash: string | null;
}

/** A piece of due work, with the lease of the relay running it. */
export interface JobsTable {
  id: string;
  kind: string;
  incident_id: string | null;
  due_at: number;
  payload: string;
  attempts: number;
  lease_owner: string | null;
  lease_until: number | null;
}

/** A named counter, such as the incident sequence number. */
export interface CountersTable {
  name: string;
  value: number;
}

/** A key-value setting the relay keeps for itself. */
export interface SettingsTable {
  key: string;
  value: string;
}

/** An incident's running escalation: the frozen policy snapshot and the engine state, both JSON. */
export interface EscalationsTable {
  incident_id: string;
  policy: string;
  state: string;
  updated_at: string;
}

/** One notification to one person on one channel; `created_ms` orders an incident's pages. */
export interface PagesTable {
  id: string;
  incident_id: string;
  page_key: string;
  user_id: string;
  channel: string;
  state: string;
  level: number;
  attempts: number;
  created_at: string;
  /** `created_at` in epoch ms, for "oldest first" whatever offset the instant was written with. */
  created_ms: number;
  sent_at: string | null;
  delivered_at: string | null;
  read_at: string | null;
  error: string | null;
}

/** A phone registered for pages, found by the SHA-256 of its device token. */
export interface DevicesTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}

/** A Kysely instance or a transaction on the relay's database (a transaction is also a `Kysely`). */
export type Db = Kysely<Database>;

/** The two engines the store runs on. */
export type Engine = 'sqlite' | 'postgres';

/** The counter row that hands out incident sequence numbers. */
export const INCIDENT_SEQ_COUNTER = 'incident_seq';

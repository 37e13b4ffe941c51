import { PhoneUsageQuerySchema, PhoneUsageReportSchema } from '../../../../shared/schemas/phone-usage.js';
import { z } from 'zod';
import { AdminServiceRowSchema, AdminTeamRowSchema, AdminUserRowSchema, IntegrationCreateSchema, IntegrationKeySchema, OneTimePasswordSchema, PriorityPreviewSchema, PriorityRulesInputSchema, ServiceInputSchema, ServiceUpdateSchema, TeamInputSchema, TeamUpdateSchema, TestAlertSchema, UserCreateSchema, UserProfileChangeSchema, UserReachSchema } from '../../../../shared/schemas/admin.js';
import { AdHocPageInputSchema } from '../../../../shared/schemas/ad-hoc-page.js';
import { ApiTokenCreatedSchema, ApiTokenCreateSchema, ApiTokenListSchema, ApiTokenRevokedSchema } from '../../../../shared/schemas/api-token.js';
import { AuditPageSchema, AuditQuerySchema, AuditVerifyReportSchema } from '../../../../shared/schemas/audit.js';
import { AddOverridesSchema, CalendarViewSchema, FairnessReportSchema, RebalanceSuggestionSchema, RegenerateFeedSchema } from '../../../../shared/schemas/calendar.js';
import { ClientSchema } from '../../../../shared/schemas/client.js';
import { ConnectWiseConnectionInputSchema, ConnectWiseConnectionViewSchema, IncidentConnectWiseSchema } from '../../../../shared/schemas/connectwise.js';
import { WebPushSubscriptionSchema } from '../../../../shared/schemas/contact.js';
import { IncidentSchema } from '../../../../shared/schemas/incident.js';
import { IndicatorInputSchema, IndicatorSchema, IntelImportResultSchema } from '../../../../shared/schemas/intel.js';
import { PolicyPreviewRequestSchema, PolicyPreviewSchema } from '../../../../shared/schemas/policy-preview.js';
import { PolicySchema } from '../../../../shared/schemas/policy.js';
import { HeartbeatListSchema } from '../../../../shared/schemas/heartbeat.js';
import { HistoryPageSchema, HistoryQuerySchema, SavedSearchInputSchema, SavedSearchSchema, SimilarIncidentsSchema } from '../../../../shared/schemas/history.js';
import { MaintenancePreviewInputSchema, MaintenanceWindowInputSchema, MaintenanceWindowViewSchema } from '../../../../shared/schemas/maintenance.js';
import { AddPostmortemCommentSchema, CreatePostmortemSchema, PostmortemEditResultSchema, PostmortemEditSchema, PostmortemSchema, PostmortemSummarySchema, PostmortemTransitionSchema } from '../../../../shared/schemas/postmortem.js';
import { ReportQuerySchema, ReportSchema } from '../../../../shared/schemas/report.js';
import { ScheduleSchema } from '../../../../shared/schemas/schedule.js';
import { SnoozeRequestSchema } from '../../../../shared/schemas/snooze.js';
import { IncidentStatusUpdatesSchema, PostStatusUpdateSchema, StatusSubscriberInputSchema, StatusSubscriberSchema, StatusTemplateEditSchema, StatusTemplateViewSchema, StatusUpdateSchema } from '../../../../shared/schemas/status-update.js';
import { CreateSwapSchema, SwapDecisionSchema, SwapRequestSchema } from '../../../../shared/schemas/swap.js';
import { TwoFactorBeginSchema, TwoFactorConfirmSchema, TwoFactorDisableSchema, TwoFactorEnrolmentSchema, TwoFactorRecoveryCodesSchema, TwoFactorStatusSchema } from '../../../../shared/schemas/two-factor.js';
import { LoginRequestSchema, LoginResponseSchema, UserSchema } from '../../../../shared/schemas/user.js';
import { AuthMethodsSchema, SsoExchangeSchema, SsoStartQuerySchema } from '../../../../shared/schemas/sso.js';
import { WallboardStatsSchema } from '../../../../shared/schemas/wallboard.js';
import { SlackConnectionStatusSchema, SlackLinkCodeSchema, SlackLinkStatusSchema } from '../../../../shared/schemas/slack.js';

/**
 * One `/api/v1` route as the API reference describes it. Path parameters come from the route
 * pattern; `query`, `body` and `response` are shared zod schemas where the contract has one (a route
 * whose body is checked by a schema private to its route file has none here yet: its summary names
 * the fields). The scope comes from `token-scope.ts`.
 */
export interface RouteDoc {
  summary: string;
  /** The group the reference lists it under. */
  tag: string;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** The success status (200 by default). */
  status?: number;
}

const wrap = <K extends string>(key: K, schema: z.ZodType) => z.object({ [key]: schema } as Record<K, z.ZodType>);

/**
 * Every `/api/v1` route the relay serves, as `METHOD route`, one entry each. A test registers the
 * real relay's routes and fails naming any route missing here, so the description cannot drift.
 */
export const ROUTE_CATALOGUE: Readonly<Record<string, RouteDoc>> = {
  // Sign-in and the API description
  'POST /api/v1/auth/login': { tag: 'auth', summary: 'Signs in with a user name (or e-mail) and password; answers a login token.', body: LoginRequestSchema, response: LoginResponseSchema },
  'POST /api/v1/auth/logout': { tag: 'auth', summary: 'Signs out: revokes the bearer login token (or a phone\'s device token).', status: 204 },
  'GET /api/v1/openapi.json': { tag: 'auth', summary: 'This OpenAPI 3.1 description (no token needed).' },
  'GET /api/v1/auth/methods': { tag: 'auth', summary: 'How people sign in here: password and/or single sign-on (with the provider\'s name).', response: AuthMethodsSchema },
  'GET /api/v1/auth/oidc/start': { tag: 'auth', summary: 'Starts single sign-on for a client (`console`, `phone`, `desktop`) with the S256 challenge of its verifier; 302 to the identity provider.', query: SsoStartQuerySchema, status: 302 },
  'GET /api/v1/auth/oidc/callback': { tag: 'auth', summary: 'Where the identity provider returns: 302 to the console or phone app with a one-time code (a page opening `klaxon://auth?code=…` for the desktop), or a readable error page.', status: 302 },
  'POST /api/v1/auth/oidc/exchange': { tag: 'auth', summary: 'Exchanges a one-time sign-in code and its verifier for a login token, like password login.', body: SsoExchangeSchema, response: LoginResponseSchema },
  // API tokens
  'GET /api/v1/tokens': { tag: 'tokens', summary: 'Lists your API tokens (every token for admins), newest first; never their secrets.', response: ApiTokenListSchema },
  'POST /api/v1/tokens': { tag: 'tokens', summary: 'Creates an API token; the answer shows its secret this once.', body: ApiTokenCreateSchema, response: ApiTokenCreatedSchema, status: 201 },
  'POST /api/v1/tokens/:id/revoke': { tag: 'tokens', summary: 'Revokes an API token at once (its owner or an admin).', response: ApiTokenRevokedSchema },
  // Me
  'GET /api/v1/me': { tag: 'me', summary: 'The signed-in person (or a service token\'s account).', response: UserSchema },
  'GET /api/v1/me/pages': { tag: 'me', summary: 'Your recent pages.' },
  // Slack (docs/channels.md)
  'GET /api/v1/me/slack': { tag: 'me', summary: 'Whether your Slack account is linked (and whether this relay has Slack at all).', response: SlackLinkStatusSchema },
  'POST /api/v1/me/slack/link-code': { tag: 'me', summary: 'A one-time code (10 minutes) to send as `/klaxon link CODE` to the Klaxon app in Slack; 409 when Slack is not set up.', response: SlackLinkCodeSchema },
  'DELETE /api/v1/me/slack': { tag: 'me', summary: 'Unlinks your Slack account: `{ unlinked }`.' },
  'GET /api/v1/slack/status': { tag: 'slack', summary: 'The Slack app connection (admins): modes, Socket Mode connected, workspace, channels, last error.', response: SlackConnectionStatusSchema },
  'POST /api/v1/slack/interactions': { tag: 'slack', summary: 'Slack\'s interactivity request URL (button presses); no bearer token, verified by the signing secret (X-Slack-Signature, 5-minute window); 401 when forged or stale.' },
  'POST /api/v1/slack/commands': { tag: 'slack', summary: 'Slack\'s slash command request URL (`/klaxon link CODE`, `/klaxon unlink`); verified like interactions; answers an ephemeral text.' },
  'GET /api/v1/me/notifications': { tag: 'me', summary: 'Your notification rules and contacts.' },
  'PUT /api/v1/me/notifications': { tag: 'me', summary: 'Replaces your notification rules and contacts (`rules`, `contacts`).' },
  'POST /api/v1/me/test-page': { tag: 'me', summary: 'Sends yourself a test page (optionally on one `channel`).' },
  // Incidents
  'GET /api/v1/incidents': { tag: 'incidents', summary: 'Without parameters (or `status=open`): the open incidents, oldest first. With a search (`q`) or filters: the incident history you may know, with facets, snippets and a cursor (docs/history.md).', query: HistoryQuerySchema, response: HistoryPageSchema },
  'GET /api/v1/incidents/:id': { tag: 'incidents', summary: 'One incident with its alerts and timeline.' },
  'GET /api/v1/incidents/:id/similar': { tag: 'incidents', summary: 'The past incidents most like one, with how each ended, and the history hint over them.', response: SimilarIncidentsSchema },
  'POST /api/v1/incidents/:id/acknowledge': { tag: 'incidents', summary: 'Acknowledges an incident: paging stops.' },
  'POST /api/v1/incidents/:id/resolve': { tag: 'incidents', summary: 'Resolves an incident.' },
  'POST /api/v1/incidents/:id/escalate': { tag: 'incidents', summary: 'Escalates an incident to its next level now.' },
  'POST /api/v1/incidents/:id/dismiss': { tag: 'incidents', summary: 'Dismisses an incident as a false positive (`reason`).' },
  'POST /api/v1/incidents/:id/verdict': { tag: 'incidents', summary: 'Records the triage verdict (`verdict`: confirmed or false_positive).' },
  'POST /api/v1/incidents/:id/priority': { tag: 'incidents', summary: 'Changes an incident\'s priority (`priority`).' },
  'POST /api/v1/incidents/:id/confidential': { tag: 'incidents', summary: 'Marks an incident confidential or open (`confidential`).' },
  'POST /api/v1/incidents/:id/snooze': { tag: 'incidents', summary: 'Snoozes an acknowledged incident (`duration` 1m–7d, or `until` at most 7 days ahead); it triggers again and re-pages from the first level when the snooze ends.', body: SnoozeRequestSchema, response: z.object({ changed: z.number(), until: z.string() }) },
  'DELETE /api/v1/incidents/:id/snooze': { tag: 'incidents', summary: 'Ends a snooze now; the incident stays acknowledged.' },
  'GET /api/v1/incidents/:id/status-updates': { tag: 'status', summary: "An incident's stakeholder status updates, oldest first, and how many addresses and Teams channels a new one would reach.", response: IncidentStatusUpdatesSchema },
  'POST /api/v1/incidents/:id/status-updates': { tag: 'status', summary: 'Posts a status update (investigating, identified, monitoring, resolved) to the incident\'s stakeholders by e-mail and Teams (ir-manager, admin). A confidential incident sends nothing unless `sendConfidential` is true (409); 409 too when nobody follows its service or client.', body: PostStatusUpdateSchema, response: z.object({ update: StatusUpdateSchema }), status: 201 },
  'GET /api/v1/status/subscribers': { tag: 'status', summary: 'The stakeholders who get status updates, per service or client (ir-manager, admin).', response: z.object({ subscribers: z.array(StatusSubscriberSchema) }) },
  'POST /api/v1/status/subscribers': { tag: 'status', summary: 'Adds a stakeholder to a service or a client that exists (ir-manager, admin).', body: StatusSubscriberInputSchema, response: z.object({ subscriber: StatusSubscriberSchema }), status: 201 },
  'DELETE /api/v1/status/subscribers/:id': { tag: 'status', summary: 'Removes a stakeholder (ir-manager, admin).' },
  'GET /api/v1/status/templates': { tag: 'status', summary: "The four stages' words (edited or default), with `{{summary}}`, `{{service}}`, `{{client}}`, `{{stage}}`, `{{message}}`, `{{opened}}` placeholders (ir-manager, admin).", response: z.object({ templates: z.array(StatusTemplateViewSchema) }) },
  'PUT /api/v1/status/templates/:stage': { tag: 'status', summary: "Saves a stage's subject and body (ir-manager, admin).", body: StatusTemplateEditSchema },
  'POST /api/v1/incidents/:id/assign': { tag: 'incidents', summary: 'Assigns the triage or forensic analyst (`role`, `userId`).' },
  'POST /api/v1/incidents/:id/notes': { tag: 'incidents', summary: 'Adds a note to the timeline (`text`).' },
  'POST /api/v1/incidents/:id/page': { tag: 'incidents', summary: 'Pages one more person about an incident (`userId`).' },
  'POST /api/v1/incidents/:id/evidence': { tag: 'incidents', summary: 'Records a piece of evidence with its chain of custody (multipart).' },
  'GET /api/v1/incidents/:id/need-to-know': { tag: 'incidents', summary: 'Who may know a confidential incident.' },
  'PUT /api/v1/incidents/:id/need-to-know': { tag: 'incidents', summary: 'Replaces the need-to-know list (`userIds`).' },
  'POST /api/v1/incidents/:id/need-to-know': { tag: 'incidents', summary: 'Adds a person to the need-to-know list (`userId`).' },
  'DELETE /api/v1/incidents/:id/need-to-know/:userId': { tag: 'incidents', summary: 'Removes a person from the need-to-know list.' },
  'GET /api/v1/incidents/:id/connectwise': { tag: 'incidents', summary: 'The incident\'s ConnectWise ticket and its sync state.', response: IncidentConnectWiseSchema },
  'POST /api/v1/incidents/:id/connectwise/retry': { tag: 'incidents', summary: 'Retries the incident\'s failed ConnectWise calls.' },
  'GET /api/v1/phone/incidents/:id': { tag: 'incidents', summary: 'The phone app\'s view of an incident.' },
  'GET /api/v1/paging/unreachable': { tag: 'incidents', summary: 'People whose pages are not getting through.' },
  // Config
  'GET /api/v1/services': { tag: 'config', summary: 'Lists services with their integrations (keys hidden).' },
  'POST /api/v1/integrations/:id/rotate-key': { tag: 'config', summary: 'Rotates an integration\'s key; the answer shows the new key once.' },
  'GET /api/v1/clients': { tag: 'config', summary: 'Lists clients in list order.', response: wrap('clients', z.array(ClientSchema)) },
  'GET /api/v1/clients/:id': { tag: 'config', summary: 'One client with its business map.', response: wrap('client', ClientSchema) },
  'POST /api/v1/clients': { tag: 'config', summary: 'Creates a client.', body: ClientSchema, response: wrap('client', ClientSchema), status: 201 },
  'PUT /api/v1/clients/:id': { tag: 'config', summary: 'Replaces a client.', body: ClientSchema, response: wrap('client', ClientSchema) },
  'DELETE /api/v1/clients/:id': { tag: 'config', summary: 'Deletes a client.', status: 204 },
  'GET /api/v1/policies': { tag: 'config', summary: 'Lists escalation policies.' },
  'GET /api/v1/policies/directory': { tag: 'config', summary: 'The people, teams and schedules a policy may target.' },
  'GET /api/v1/policies/:id': { tag: 'config', summary: 'One escalation policy.' },
  'POST /api/v1/policies': { tag: 'config', summary: 'Creates an escalation policy.', body: PolicySchema, status: 201 },
  'PUT /api/v1/policies/:id': { tag: 'config', summary: 'Replaces an escalation policy.', body: PolicySchema },
  'GET /api/v1/policies/:id/preview': { tag: 'config', summary: 'Previews who a stored policy would page, step by step.', response: PolicyPreviewSchema },
  'POST /api/v1/policies/:id/preview': { tag: 'config', summary: 'Previews an unsaved policy.', body: PolicyPreviewRequestSchema, response: PolicyPreviewSchema },
  'GET /api/v1/connectwise/connections': { tag: 'config', summary: 'Lists ConnectWise connections (secrets hidden).', response: wrap('connections', z.array(ConnectWiseConnectionViewSchema)) },
  'GET /api/v1/connectwise/connections/:id': { tag: 'config', summary: 'One ConnectWise connection.', response: wrap('connection', ConnectWiseConnectionViewSchema) },
  'POST /api/v1/connectwise/connections': { tag: 'config', summary: 'Creates a ConnectWise connection.', body: ConnectWiseConnectionInputSchema, status: 201 },
  'PUT /api/v1/connectwise/connections/:id': { tag: 'config', summary: 'Replaces a ConnectWise connection.', body: ConnectWiseConnectionInputSchema },
  'DELETE /api/v1/connectwise/connections/:id': { tag: 'config', summary: 'Deletes a ConnectWise connection.', status: 204 },
  // Schedules
  'GET /api/v1/schedules': { tag: 'schedules', summary: 'Lists schedules with who is on call now.' },
  'GET /api/v1/schedules/:id': { tag: 'schedules', summary: 'One schedule.', response: wrap('schedule', ScheduleSchema) },
  'POST /api/v1/schedules': { tag: 'schedules', summary: 'Creates a schedule.', body: ScheduleSchema, status: 201 },
  'PUT /api/v1/schedules/:id': { tag: 'schedules', summary: 'Replaces a schedule.', body: ScheduleSchema },
  'GET /api/v1/schedules/:id/calendar': { tag: 'schedules', summary: 'A month or week of a schedule (`view`, `date`).', response: CalendarViewSchema },
  'POST /api/v1/schedules/:id/overrides': { tag: 'schedules', summary: 'Adds overrides to a schedule.', body: AddOverridesSchema },
  'DELETE /api/v1/schedules/:id/overrides/:index': { tag: 'schedules', summary: 'Removes one override.' },
  'GET /api/v1/schedules/:id/fairness': { tag: 'schedules', summary: 'On-call load per person (`from`, `to`).', response: FairnessReportSchema },
  'GET /api/v1/schedules/:id/rebalance': { tag: 'schedules', summary: 'Suggested overrides that even out the load (`weeks`).', response: RebalanceSuggestionSchema },
  'POST /api/v1/schedules/:id/swaps': { tag: 'schedules', summary: 'Asks someone to swap a shift.', body: CreateSwapSchema, status: 201 },
  'GET /api/v1/swaps': { tag: 'schedules', summary: 'Lists swap requests (`schedule`).', response: wrap('swaps', z.array(SwapRequestSchema)) },
  'POST /api/v1/swaps/:id/decision': { tag: 'schedules', summary: 'Accepts, declines or cancels a swap.', body: SwapDecisionSchema },
  'GET /api/v1/calendar-feeds': { tag: 'schedules', summary: 'Your calendar feeds.' },
  'POST /api/v1/calendar-feeds/regenerate': { tag: 'schedules', summary: 'Issues a new calendar feed URL (the old one stops working).', body: RegenerateFeedSchema },
  // Phones
  'GET /api/v1/devices': { tag: 'phones', summary: 'Lists your paired phones (`all` for admins).' },
  'POST /api/v1/devices': { tag: 'phones', summary: 'Turns this phone\'s login into a device token (`name`).', status: 201 },
  'POST /api/v1/devices/pair': { tag: 'phones', summary: 'Pairs a phone with a pairing code (`code`, `name`).', status: 201 },
  'POST /api/v1/devices/pairing-codes': { tag: 'phones', summary: 'Issues a short-lived pairing code.', status: 201 },
  'DELETE /api/v1/devices/:id': { tag: 'phones', summary: 'Revokes a paired phone.', status: 204 },
  'GET /api/v1/push/public-key': { tag: 'phones', summary: 'The relay\'s Web Push public key.' },
  'POST /api/v1/push/subscriptions': { tag: 'phones', summary: 'Subscribes this phone to Web Push (`subscription`).', body: z.object({ subscription: WebPushSubscriptionSchema }), status: 201 },
  'DELETE /api/v1/push/subscriptions': { tag: 'phones', summary: 'Drops a Web Push subscription (`endpoint`).', status: 204 },
  // Administration
  'GET /api/v1/users': { tag: 'admin', summary: 'Lists people with their status.' },
  'PATCH /api/v1/users/:id': { tag: 'admin', summary: 'Changes a person\'s role or deactivates them.' },
  'POST /api/v1/users/:id/revoke-sessions': { tag: 'admin', summary: 'Signs a person out everywhere (tokens and phones).' },
  'POST /api/v1/users/:id/unlock': { tag: 'admin', summary: 'Lifts a login lockout.' },
  'DELETE /api/v1/users/:id/two-factor': { tag: 'admin', summary: 'Removes a person\'s second factor (a lost phone); console sign-ins only.', status: 204 },
  // Admin screens (docs/admin.md): admins only; config-file objects follow docs/configuration.md
  'GET /api/v1/admin/users': { tag: 'admin', summary: 'Lists people with active flag, config source and working phones.', response: wrap('users', z.array(AdminUserRowSchema)) },
  'POST /api/v1/users': { tag: 'admin', summary: 'Invites a person; answers a one-time password, shown once.', body: UserCreateSchema, response: OneTimePasswordSchema, status: 201 },
  'PATCH /api/v1/users/:id/profile': { tag: 'admin', summary: 'Changes a person\'s name, e-mail or time zone.', body: UserProfileChangeSchema, response: wrap('user', UserSchema) },
  'POST /api/v1/users/:id/reset-password': { tag: 'admin', summary: 'Gives a person a new one-time password (shown once) and ends their sessions.', response: OneTimePasswordSchema },
  'GET /api/v1/users/:id/reach': { tag: 'admin', summary: 'A person\'s phones and contact channels (addresses shortened, no secrets).', response: UserReachSchema },
  'GET /api/v1/admin/teams': { tag: 'admin', summary: 'Lists teams with their config source.', response: wrap('teams', z.array(AdminTeamRowSchema)) },
  'POST /api/v1/teams': { tag: 'admin', summary: 'Creates a team (IANA time zone, business hours, holidays, members).', body: TeamInputSchema, response: wrap('team', AdminTeamRowSchema), status: 201 },
  'PUT /api/v1/teams/:id': { tag: 'admin', summary: 'Replaces a team\'s fields.', body: TeamUpdateSchema, response: wrap('team', AdminTeamRowSchema) },
  'GET /api/v1/admin/services': { tag: 'admin', summary: 'Lists services with integration endpoints (no keys) and config sources.', response: wrap('services', z.array(AdminServiceRowSchema)) },
  'POST /api/v1/services': { tag: 'admin', summary: 'Creates a service (its team and policy must exist).', body: ServiceInputSchema, status: 201 },
  'PUT /api/v1/services/:id': { tag: 'admin', summary: 'Changes a service\'s own fields; its integrations and rules stay.', body: ServiceUpdateSchema },
  'POST /api/v1/services/:id/integrations': { tag: 'admin', summary: 'Adds an integration; answers its new key and endpoint once.', body: IntegrationCreateSchema, response: IntegrationKeySchema, status: 201 },
  'DELETE /api/v1/integrations/:id': { tag: 'admin', summary: 'Removes an integration; its key stops working.', status: 204 },
  'POST /api/v1/services/:id/test-alert': { tag: 'admin', summary: 'Sends a test alert through the service\'s first integration and the real intake.', body: TestAlertSchema, status: 202 },
  'PUT /api/v1/services/:id/priority-rules': { tag: 'admin', summary: 'Replaces a service\'s ordered priority rules.', body: PriorityRulesInputSchema },
  'POST /api/v1/services/:id/priority-rules/preview': { tag: 'admin', summary: 'Replays draft rules on the service\'s recent incidents: which would change priority.', body: PriorityRulesInputSchema, response: PriorityPreviewSchema },
  // Two-factor sign-in (docs/two-factor.md): console sign-ins only, never API or device tokens
  'GET /api/v1/me/two-factor': { tag: 'me', summary: 'Whether your account has a TOTP second factor.', response: TwoFactorStatusSchema },
  'POST /api/v1/me/two-factor': { tag: 'me', summary: 'Starts enrolling an authenticator app (password again); answers the secret and its otpauth URI.', body: TwoFactorBeginSchema, response: TwoFactorEnrolmentSchema },
  'POST /api/v1/me/two-factor/confirm': { tag: 'me', summary: 'Confirms the enrolment with the first code; answers ten one-time recovery codes.', body: TwoFactorConfirmSchema, response: TwoFactorRecoveryCodesSchema },
  'POST /api/v1/me/two-factor/disable': { tag: 'me', summary: 'Turns the second factor off (password and a code).', body: TwoFactorDisableSchema, status: 204 },
  'GET /api/v1/audit': { tag: 'admin', summary: 'Reads the audit trail, newest first, with filters.', query: AuditQuerySchema, response: AuditPageSchema },
  'GET /api/v1/audit/verify': { tag: 'admin', summary: 'Verifies the audit and timeline hash chains.', response: AuditVerifyReportSchema },
  'GET /api/v1/wallboard-tokens': { tag: 'admin', summary: 'Lists wallboard tokens.' },
  'POST /api/v1/wallboard-tokens': { tag: 'admin', summary: 'Creates a read-only wallboard token (`name`).', status: 201 },
  'POST /api/v1/wallboard-tokens/:id/revoke': { tag: 'admin', summary: 'Revokes a wallboard token.' },
  'GET /api/v1/stats/wallboard': { tag: 'admin', summary: 'The wallboard statistics.', response: WallboardStatsSchema },
  // Post-mortems (docs/postmortems.md)
  'GET /api/v1/postmortems': { tag: 'postmortems', summary: 'Lists post-mortems you may see, newest first (`state` comma-separated, `limit`).', response: wrap('postmortems', z.array(PostmortemSummarySchema)) },
  'POST /api/v1/postmortems': { tag: 'postmortems', summary: 'Starts a post-mortem for incidents, pre-filled from their record.', body: CreatePostmortemSchema, response: PostmortemSchema, status: 201 },
  'GET /api/v1/postmortems/:id': { tag: 'postmortems', summary: 'One post-mortem with its digest, fields, stamps and comments.', response: PostmortemSchema },
  'GET /api/v1/incidents/:id/postmortem': { tag: 'postmortems', summary: "An incident's post-mortem (404 when it has none).", response: PostmortemSchema },
  'PATCH /api/v1/postmortems/:id': { tag: 'postmortems', summary: 'Edits one field (last writer wins; the answer notes a conflict).', body: PostmortemEditSchema, response: PostmortemEditResultSchema },
  'POST /api/v1/postmortems/:id/comments': { tag: 'postmortems', summary: 'Adds a comment.', body: AddPostmortemCommentSchema, response: PostmortemSchema },
  'POST /api/v1/postmortems/:id/transition': { tag: 'postmortems', summary: 'Submits for review, sends back to draft, or signs off (IR manager or admin).', body: PostmortemTransitionSchema, response: PostmortemSchema },
  'GET /api/v1/postmortems/:id/export.md': { tag: 'postmortems', summary: 'The post-mortem as a Markdown file.' },
  'GET /api/v1/postmortems/:id/export.pdf': { tag: 'postmortems', summary: 'The post-mortem as a PDF file.' },
  'POST /api/v1/postmortems/:id/connectwise-note': { tag: 'postmortems', summary: "Posts the post-mortem as a note on its incident's ConnectWise ticket (`internal`, default true).", status: 201 },
  // Reports (docs/reports.md)
  'GET /api/v1/reports/summary': { tag: 'reports', summary: 'Figures over incidents first seen in [from, to), by team, service, client, priority and responder.', query: ReportQuerySchema, response: ReportSchema },
  'GET /api/v1/reports/summary.csv': { tag: 'reports', summary: 'The same report as a CSV download.', query: ReportQuerySchema },
  'GET /api/v1/reports/summary.json': { tag: 'reports', summary: 'The same report as a JSON download.', query: ReportQuerySchema, response: ReportSchema },
  // SMS and voice costs (issue 17, docs/channels.md)
  'GET /api/v1/reports/phone-usage': { tag: 'reports', summary: 'SMS segments and call minutes per month (IR managers and admins).', query: PhoneUsageQuerySchema, response: PhoneUsageReportSchema },
  // Maintenance windows (docs/maintenance.md) and heartbeats (docs/heartbeats.md)
  'GET /api/v1/maintenance-windows': { tag: 'maintenance', summary: 'Lists maintenance windows with their state and next occurrences.', response: wrap('windows', z.array(MaintenanceWindowViewSchema)) },
  'GET /api/v1/maintenance-windows/:id': { tag: 'maintenance', summary: 'One maintenance window.', response: wrap('window', MaintenanceWindowViewSchema) },
  'POST /api/v1/maintenance-windows': { tag: 'maintenance', summary: 'Creates a maintenance window (IR manager or admin).', body: MaintenanceWindowInputSchema, response: wrap('window', MaintenanceWindowViewSchema), status: 201 },
  'PUT /api/v1/maintenance-windows/:id': { tag: 'maintenance', summary: 'Replaces a maintenance window (IR manager or admin).', body: MaintenanceWindowInputSchema, response: wrap('window', MaintenanceWindowViewSchema) },
  'DELETE /api/v1/maintenance-windows/:id': { tag: 'maintenance', summary: 'Deletes a maintenance window, ending its hold first (IR manager or admin).', status: 204 },
  'POST /api/v1/maintenance-windows/:id/end': { tag: 'maintenance', summary: "Ends the window's running occurrence now (IR manager or admin).", response: wrap('window', MaintenanceWindowViewSchema) },
  'POST /api/v1/maintenance-windows/preview': { tag: 'maintenance', summary: 'The next occurrences of a recurrence, without saving it.', body: MaintenancePreviewInputSchema },
  // Saved history searches (docs/history.md)
  'GET /api/v1/saved-searches': { tag: 'incidents', summary: 'Your saved searches and the shared ones, by name.', response: wrap('searches', z.array(SavedSearchSchema)) },
  'POST /api/v1/saved-searches': { tag: 'incidents', summary: 'Saves a search (its query string must be a valid history search).', body: SavedSearchInputSchema, response: wrap('search', SavedSearchSchema), status: 201 },
  'DELETE /api/v1/saved-searches/:id': { tag: 'incidents', summary: 'Removes a saved search (its owner; IR managers and admins for shared ones).', status: 204 },
  'GET /api/v1/heartbeats': { tag: 'heartbeats', summary: 'Heartbeat monitors with their state, last ping and next deadline.', response: HeartbeatListSchema },
  // Ad-hoc pages (docs/cli.md)
  'POST /api/v1/pages': { tag: 'incidents', summary: 'Pages one person now about something no alert reported, opening an incident for it (`klaxon page`).', body: AdHocPageInputSchema, response: z.object({ incident: IncidentSchema, pageKey: z.string() }), status: 201 },
  'POST /api/v1/config/apply': { tag: 'admin', summary: 'Applies a config file (`fileName`, `text`) as a relay start would; 400 lists every wrong field in `issues` (admins; `klaxon config apply`).' },
  // Threat intelligence (docs/intel.md)
  'GET /api/v1/intel/indicators': { tag: 'intel', summary: 'Lists indicators (query type, tag, q, live=true|false, limit ≤ 5000); restricted ones only for threat researchers, IR managers and admins.', response: wrap('indicators', z.array(IndicatorSchema)) },
  'GET /api/v1/intel/indicators/:id': { tag: 'intel', summary: 'One indicator.', response: wrap('indicator', IndicatorSchema) },
  'POST /api/v1/intel/indicators': { tag: 'intel', summary: 'Adds an indicator; its value is checked and made canonical per type (threat researcher, IR manager or admin; 409 when the type and value exist).', body: IndicatorInputSchema, response: wrap('indicator', IndicatorSchema), status: 201 },
  'PUT /api/v1/intel/indicators/:id': { tag: 'intel', summary: 'Replaces an indicator; incident ids given are linked (threat researcher, IR manager or admin).', body: IndicatorInputSchema, response: wrap('indicator', IndicatorSchema) },
  'DELETE /api/v1/intel/indicators/:id': { tag: 'intel', summary: 'Deletes an indicator and its incident links (threat researcher, IR manager or admin).', status: 204 },
  'POST /api/v1/intel/import': { tag: 'intel', summary: 'Imports a STIX 2.1 bundle (application/json or application/stix+json) or CSV (text/csv), up to 10 MB, all or nothing: any bad object or row answers 400 with every error and its path, and nothing is written.', response: IntelImportResultSchema },
  'GET /api/v1/intel/export': { tag: 'intel', summary: 'Exports the indicators the caller may see as a STIX 2.1 bundle (format=stix) or CSV (format=csv).' },
};

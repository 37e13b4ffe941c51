import type { ApiScope } from '../../../shared/schemas/api-token.js';
import type { Session } from '../../app/accounts/session.js';

/** Any valid API token may call the route (it limits what it does itself, e.g. token creation). */
export const ANY_TOKEN = 'any-token';

/**
 * The scope an API token needs for each `/api/v1` route, as `METHOD route` (Fastify route patterns),
 * one line per route. A route missing here refuses every API token (deny by default): add its line
 * when the route is meant for scripts. Routes a token never reaches on purpose (sign-in and sign-out,
 * phones and pairing, push subscriptions, the phone's incident view) are deliberately absent.
 */
export const ROUTE_SCOPES: Readonly<Record<string, ApiScope | typeof ANY_TOKEN>> = {
  'GET /api/v1/me': 'incidents:read',
  'GET /api/v1/me/pages': 'incidents:read',
  'GET /api/v1/incidents': 'incidents:read',
  'GET /api/v1/incidents/:id': 'incidents:read',
  'GET /api/v1/saved-searches': 'incidents:read',
  'POST /api/v1/saved-searches': 'incidents:read',
  'DELETE /api/v1/saved-searches/:id': 'incidents:read',
  'GET /api/v1/incidents/:id/connectwise': 'incidents:read',
  'GET /api/v1/incidents/:id/similar': 'incidents:read',
  'GET /api/v1/clients': 'incidents:read',
  'GET /api/v1/clients/:id': 'incidents:read',
  'GET /api/v1/services': 'incidents:read',
  'GET /api/v1/policies': 'incidents:read',
  'GET /api/v1/policies/:id': 'incidents:read',
  'GET /api/v1/policies/directory': 'incidents:read',
  'GET /api/v1/schedules': 'incidents:read',
  'GET /api/v1/schedules/:id': 'incidents:read',
  'GET /api/v1/schedules/:id/calendar': 'incidents:read',
  'GET /api/v1/schedules/:id/fairness': 'incidents:read',
  'GET /api/v1/swaps': 'incidents:read',
  'GET /api/v1/stats/wallboard': 'incidents:read',
  'GET /api/v1/paging/unreachable': 'incidents:read',
  'GET /api/v1/slack/status': 'admin',
  'POST /api/v1/incidents/:id/acknowledge': 'incidents:act',
  'POST /api/v1/incidents/:id/resolve': 'incidents:act',
  'POST /api/v1/incidents/:id/escalate': 'incidents:act',
  'POST /api/v1/incidents/:id/dismiss': 'incidents:act',
  'POST /api/v1/incidents/:id/verdict': 'incidents:act',
  'POST /api/v1/incidents/:id/snooze': 'incidents:act',
  'DELETE /api/v1/incidents/:id/snooze': 'incidents:act',
  'GET /api/v1/incidents/:id/status-updates': 'incidents:read',
  'POST /api/v1/incidents/:id/status-updates': 'incidents:act',
  'GET /api/v1/status/subscribers': 'admin',
  'POST /api/v1/status/subscribers': 'admin',
  'DELETE /api/v1/status/subscribers/:id': 'admin',
  'GET /api/v1/status/templates': 'admin',
  'PUT /api/v1/status/templates/:stage': 'admin',
  'POST /api/v1/incidents/:id/priority': 'incidents:act',
  'POST /api/v1/incidents/:id/confidential': 'incidents:act',
  'POST /api/v1/incidents/:id/assign': 'incidents:act',
  'POST /api/v1/incidents/:id/notes': 'incidents:act',
  'POST /api/v1/incidents/:id/page': 'incidents:act',
  'POST /api/v1/incidents/:id/evidence': 'incidents:act',
  'POST /api/v1/incidents/:id/connectwise/retry': 'incidents:act',
  'GET /api/v1/incidents/:id/need-to-know': 'incidents:read',
  'POST /api/v1/incidents/:id/need-to-know': 'incidents:act',
  'PUT /api/v1/incidents/:id/need-to-know': 'incidents:act',
  'DELETE /api/v1/incidents/:id/need-to-know/:userId': 'incidents:act',
  'POST /api/v1/schedules': 'schedules:manage',
  'PUT /api/v1/schedules/:id': 'schedules:manage',
  'POST /api/v1/schedules/:id/overrides': 'schedules:manage',
  'DELETE /api/v1/schedules/:id/overrides/:index': 'schedules:manage',
  'GET /api/v1/schedules/:id/rebalance': 'schedules:manage',
  'POST /api/v1/schedules/:id/swaps': 'schedules:manage',
  'POST /api/v1/swaps/:id/decision': 'schedules:manage',
  'POST /api/v1/policies': 'schedules:manage',
  'PUT /api/v1/policies/:id': 'schedules:manage',
  'POST /api/v1/policies/:id/preview': 'schedules:manage',
  'GET /api/v1/policies/:id/preview': 'schedules:manage',
  'POST /api/v1/integrations/:id/rotate-key': 'ingest',
  'GET /api/v1/users': 'admin',
  'PATCH /api/v1/users/:id': 'admin',
  'POST /api/v1/users/:id/revoke-sessions': 'admin',
  'POST /api/v1/users/:id/unlock': 'admin',
  // Admin screens (docs/admin.md)
  'GET /api/v1/admin/users': 'admin',
  'POST /api/v1/users': 'admin',
  'PATCH /api/v1/users/:id/profile': 'admin',
  'POST /api/v1/users/:id/reset-password': 'admin',
  'GET /api/v1/users/:id/reach': 'admin',
  'GET /api/v1/admin/teams': 'admin',
  'POST /api/v1/teams': 'admin',
  'PUT /api/v1/teams/:id': 'admin',
  'GET /api/v1/admin/services': 'admin',
  'POST /api/v1/services': 'admin',
  'PUT /api/v1/services/:id': 'admin',
  'POST /api/v1/services/:id/integrations': 'admin',
  'DELETE /api/v1/integrations/:id': 'admin',
  'POST /api/v1/services/:id/test-alert': 'admin',
  'PUT /api/v1/services/:id/priority-rules': 'admin',
  'POST /api/v1/services/:id/priority-rules/preview': 'admin',
  'GET /api/v1/audit': 'admin',
  'GET /api/v1/audit/verify': 'admin',
  'GET /api/v1/wallboard-tokens': 'admin',
  'POST /api/v1/wallboard-tokens': 'admin',
  'POST /api/v1/wallboard-tokens/:id/revoke': 'admin',
  'GET /api/v1/connectwise/connections': 'admin',
  'GET /api/v1/connectwise/connections/:id': 'admin',
  'POST /api/v1/connectwise/connections': 'admin',
  'PUT /api/v1/connectwise/connections/:id': 'admin',
  'DELETE /api/v1/connectwise/connections/:id': 'admin',
  'POST /api/v1/clients': 'admin',
  'PUT /api/v1/clients/:id': 'admin',
  'DELETE /api/v1/clients/:id': 'admin',
  'GET /api/v1/tokens': ANY_TOKEN,
  'POST /api/v1/tokens': ANY_TOKEN,
  'POST /api/v1/tokens/:id/revoke': ANY_TOKEN,
  // Post-mortems, reports, maintenance windows and heartbeats (issue 14, issue 18)
  'GET /api/v1/postmortems': 'incidents:read',
  'GET /api/v1/postmortems/:id': 'incidents:read',
  'GET /api/v1/incidents/:id/postmortem': 'incidents:read',
  'GET /api/v1/postmortems/:id/export.md': 'incidents:read',
  'GET /api/v1/postmortems/:id/export.pdf': 'incidents:read',
  'POST /api/v1/postmortems': 'incidents:act',
  'PATCH /api/v1/postmortems/:id': 'incidents:act',
  'POST /api/v1/postmortems/:id/comments': 'incidents:act',
  'POST /api/v1/postmortems/:id/transition': 'incidents:act',
  'POST /api/v1/postmortems/:id/connectwise-note': 'incidents:act',
  'GET /api/v1/reports/summary': 'incidents:read',
  'GET /api/v1/reports/summary.csv': 'incidents:read',
  'GET /api/v1/reports/summary.json': 'incidents:read',
  // SMS and voice costs (issue 17)
  'GET /api/v1/reports/phone-usage': 'incidents:read',
  'GET /api/v1/heartbeats': 'incidents:read',
  'GET /api/v1/maintenance-windows': 'incidents:read',
  'GET /api/v1/maintenance-windows/:id': 'incidents:read',
  'POST /api/v1/maintenance-windows/preview': 'schedules:manage',
  'POST /api/v1/maintenance-windows': 'schedules:manage',
  'PUT /api/v1/maintenance-windows/:id': 'schedules:manage',
  'DELETE /api/v1/maintenance-windows/:id': 'schedules:manage',
  'POST /api/v1/maintenance-windows/:id/end': 'schedules:manage',
  // Ad-hoc pages (issue 18 part 5, klaxon page)
  'POST /api/v1/pages': 'incidents:act',
  'POST /api/v1/config/apply': 'admin',
  // Threat intelligence (issue 15): reads as incidents, writes as acting (the role check still applies)
  'GET /api/v1/intel/indicators': 'incidents:read',
  'GET /api/v1/intel/indicators/:id': 'incidents:read',
  'GET /api/v1/intel/export': 'incidents:read',
  'POST /api/v1/intel/indicators': 'incidents:act',
  'PUT /api/v1/intel/indicators/:id': 'incidents:act',
  'DELETE /api/v1/intel/indicators/:id': 'incidents:act',
  'POST /api/v1/intel/import': 'incidents:act',
};

/** The scope (or `ANY_TOKEN`) a route needs, or undefined when API tokens may not call it. */
export function scopeOfRoute(method: string, routeUrl: string | undefined): ApiScope | typeof ANY_TOKEN | undefined {
  return routeUrl === undefined ? undefined : ROUTE_SCOPES[`${method.toUpperCase()} ${routeUrl}`];
}

/**
 * Why an API token session may not call `method` `routeUrl` (a 403 message naming the missing
 * scope), or undefined when it may; login and device sessions are not this guard's business. The
 * `admin` scope reaches every route in the table; a route not in the table refuses every token.
 */
export function apiTokenRefusal(session: Pick<Session, 'kind' | 'apiToken'>, method: string, routeUrl: string | undefined): string | undefined {
  if (session.kind !== 'api-token') return undefined;
  const scopes = session.apiToken?.scopes ?? [];
  const needed = scopeOfRoute(method, routeUrl);
  const route = `${method.toUpperCase()} ${routeUrl ?? '(unknown route)'}`;
  if (needed === undefined) return `API tokens cannot call ${route}: no scope covers it; sign in with a password`;
  if (needed === ANY_TOKEN || scopes.includes(needed) || scopes.includes('admin')) return undefined;
  return `this token lacks the scope ${needed}, which ${route} needs (it has ${scopes.join(', ')})`;
}

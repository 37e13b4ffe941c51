import type { Session } from '../../app/accounts/session.js';

/**
 * What a phone's device token may do over HTTP, as `METHOD route` (Fastify route patterns): its
 * person, its pages, its notification rules and contacts, its Web Push subscription, a test page,
 * the phone's incident view and adding a note to it, acknowledge / resolve / escalate (the incident actions still check the person's role and
 * need-to-know), and sign out (which revokes the device). Everything else — pairing codes and
 * devices, integrations, wallboard tokens, calendar feeds, schedules, policies, users, the board and
 * any route added later — needs a login token.
 */
export const DEVICE_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/v1/me',
  'POST /api/v1/auth/logout',
  'GET /api/v1/me/pages',
  'GET /api/v1/me/notifications',
  'PUT /api/v1/me/notifications',
  'POST /api/v1/me/test-page',
  'GET /api/v1/push/public-key',
  'POST /api/v1/push/subscriptions',
  'DELETE /api/v1/push/subscriptions',
  'GET /api/v1/phone/incidents/:id',
  'POST /api/v1/incidents/:id/notes',
  'POST /api/v1/incidents/:id/acknowledge',
  'POST /api/v1/incidents/:id/resolve',
  'POST /api/v1/incidents/:id/escalate',
]);

/** Tells whether a session may call the route `method` `routeUrl` (login tokens may call every route). */
export function sessionMayUse(session: Pick<Session, 'kind'>, method: string, routeUrl: string | undefined): boolean {
  if (session.kind === 'login') return true;
  return routeUrl !== undefined && DEVICE_ROUTES.has(`${method.toUpperCase()} ${routeUrl}`);
}

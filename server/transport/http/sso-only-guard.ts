import type { FastifyInstance } from 'fastify';
import type { AuditTrail } from '../../app/ports/audit.js';
import type { StoreSession } from '../../app/ports/store.js';
import { HttpError } from './http-error.js';

/**
 * In SSO-only mode, refuses `POST /api/v1/auth/login` with 403 before any password check, except for
 * the break-glass users (found by id or e-mail as login does), whose sign-in goes on as usual (throttled,
 * audited). Each refusal is audited as `auth.password-refused`. Malformed bodies go on to the route,
 * which answers its own 400.
 */
export function guardPasswordLogin(
  app: FastifyInstance,
  deps: { store: Pick<StoreSession, 'findUserByLogin'>; audit: AuditTrail; breakGlassUsers: readonly string[]; providerName: string },
): void {
  const breakGlass = new Set(deps.breakGlassUsers);
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' || request.routeOptions.url !== '/api/v1/auth/login') return;
    const username = (request.body as { username?: unknown } | null)?.username;
    if (typeof username !== 'string' || username.length === 0 || username.length > 200) return;
    const user = await deps.store.findUserByLogin(username.trim());
    if (user && breakGlass.has(user.id)) return;
    await deps.audit.record({ action: 'auth.password-refused', actorId: null, address: request.ip ?? null, subject: null, details: { username: username.slice(0, 200), reason: 'sso-only' } });
    throw new HttpError(403, `password sign-in is turned off here: sign in with ${deps.providerName}`);
  });
}

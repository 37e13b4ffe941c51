import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role, User } from '../../../shared/schemas/user.js';
import type { Accounts } from '../../app/accounts/accounts.js';
import type { Session } from '../../app/accounts/session.js';
import { sessionMayUse } from './device-scope.js';
import { HttpError } from './http-error.js';
import { apiTokenRefusal } from './token-scope.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user on `/api/…` routes (set by the bearer-token hook); null on public routes. */
    user: User | null;
    /** The bearer token's session (its kind decides its reach); null on public routes. */
    session: Session | null;
  }
  interface FastifyContextConfig {
    /** A route under `/api/` that answers without a bearer token (only login). */
    public?: boolean;
  }
}

const UNAUTHORIZED = () =>
  new HttpError(401, 'sign in first: send Authorization: Bearer <token>', undefined, { 'www-authenticate': 'Bearer' });

/** Returns the bearer token of a request's Authorization header, if it has one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : undefined;
}

/**
 * Requires a valid bearer token on every `/api/` request except routes marked `config: { public: true }`
 * (login), answering 401 otherwise — also for unknown `/api/` paths, so they reveal nothing — and
 * sets `request.user` and `request.session`. A device token gets 403 outside the phone's routes
 * (`device-scope.ts`), an API token outside its scopes 403 naming the missing scope (`token-scope.ts`;
 * deny by default). Runs on `onRequest`, before a body is read.
 */
export function installBearerAuth(app: FastifyInstance, accounts: Accounts): void {
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config.public === true) return;
    const token = bearerToken(request);
    const session = token ? await accounts.session(token) : undefined;
    if (!session) throw UNAUTHORIZED();
    if (session.kind === 'api-token') {
      // Set first, so that the refusal is recorded as a use of the token too.
      request.user = session.user;
      request.session = session;
      const refusal = apiTokenRefusal(session, request.method, request.routeOptions.url);
      if (refusal) throw new HttpError(403, refusal);
      return;
    }
    // One guard for every route: a phone's device token reaches only what a phone does.
    if (!sessionMayUse(session, request.method, request.routeOptions.url)) {
      throw new HttpError(403, "a phone's device token cannot do this; sign in with a password on the console");
    }
    request.user = session.user;
    request.session = session;
  });
}

/** Returns the signed-in user of an authenticated route; throws 401 when there is none. */
export function signedInUser(request: FastifyRequest): User {
  if (!request.user) throw UNAUTHORIZED();
  return request.user;
}

/**
 * Returns a `preHandler` that lets a request through only when its user has one of `roles`
 * (admins always pass), answering 403 naming the needed roles otherwise. Use it as
 * `app.post(url, { preHandler: requireRole('ir-manager') }, handler)`.
 */
export function requireRole(...roles: Role[]): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const needed = roles.length === 1 ? `the role ${roles[0]}` : `one of the roles ${roles.join(', ')}`;
  return async (request) => {
    const user = signedInUser(request);
    if (user.role !== 'admin' && !roles.includes(user.role)) {
      throw new HttpError(403, `this needs ${needed}; you are ${user.role}`);
    }
  };
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role, User } from '../../../shared/schemas/user.js';
import type { Accounts } from '../../app/accounts/accounts.js';
import { HttpError } from './http-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user on `/api/…` routes (set by the bearer-token hook); null on public routes. */
    user: User | null;
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
 * sets `request.user`. Runs on `onRequest`, before a body is read.
 */
export function installBearerAuth(app: FastifyInstance, accounts: Accounts): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config.public === true) return;
    const token = bearerToken(request);
    const user = token ? await accounts.authenticate(token) : undefined;
    if (!user) throw UNAUTHORIZED();
    request.user = user;
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

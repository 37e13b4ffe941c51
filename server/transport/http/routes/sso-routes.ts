import type { FastifyInstance, FastifyReply } from 'fastify';
import { AuthMethodsSchema, SsoExchangeSchema, SsoStartQuerySchema, type AuthMethods, type SsoClient } from '../../../../shared/schemas/sso.js';
import type { SsoRefusalKind, SsoSignIn } from '../../../app/sso/sso-sign-in.js';
import { HttpError, parseInput } from '../http-error.js';
import { desktopHandoffPage, SSO_PAGE_HEADERS, ssoErrorPage } from './sso-page.js';

/** The cookie that ties a callback to the browser that started the sign-in. */
export const SSO_STATE_COOKIE = 'klaxon_sso_state';
const COOKIE_PATH = '/api/v1/auth/oidc';

const TITLES: Record<SsoRefusalKind, string> = {
  denied: 'Sign-in cancelled',
  unreachable: 'Identity provider unreachable',
  invalid: 'Sign-in failed',
  'bad-state': 'Sign-in expired',
  'no-role': 'No Klaxon role',
  'no-user': 'No Klaxon account',
};

/** Reads one cookie from the request's Cookie header. */
function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** Where each client lands after the issuer: the console and the phone app on the relay, the desktop by its link. */
export function handoffLocation(base: string, client: SsoClient, code: string): string {
  if (client === 'desktop') return `klaxon://auth?code=${encodeURIComponent(code)}`;
  return client === 'phone' ? `${base}/m/#sso=${encodeURIComponent(code)}` : `${base}/#/?sso=${encodeURIComponent(code)}`;
}

/**
 * Registers single sign-on, all public (without an issuer configured the OIDC routes answer 404):
 * `GET /api/v1/auth/methods` (password and/or SSO); `GET /api/v1/auth/oidc/start` (302 to the
 * issuer, the state also in an HttpOnly cookie); `GET /api/v1/auth/oidc/callback` (302 back to the
 * console or phone app with a one-time code in the fragment, a page that opens `klaxon://auth?code=…`
 * for the desktop, or a readable error page); `POST /api/v1/auth/oidc/exchange` (code + verifier →
 * login token, like password login).
 */
export function registerSsoRoutes(app: FastifyInstance, deps: { methods: AuthMethods; sso?: SsoSignIn; publicBase: () => string; secureCookie: () => boolean }): void {
  const { sso, publicBase } = deps;
  const methods = AuthMethodsSchema.parse(deps.methods);
  app.get('/api/v1/auth/methods', { config: { public: true } }, async () => methods);

  const fail = (reply: FastifyReply, status: number, title: string, message: string) =>
    reply.code(status).headers(SSO_PAGE_HEADERS).send(ssoErrorPage(title, message, `${publicBase()}/`));
  const cookie = (value: string, maxAge: number) =>
    `${SSO_STATE_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${deps.secureCookie() ? '; Secure' : ''}`;

  const OFF = 'single sign-on is not configured on this relay: sign in with a password';

  app.get('/api/v1/auth/oidc/start', { config: { public: true } }, async (request, reply) => {
    if (!sso) return fail(reply, 404, 'Single sign-on is off', OFF);
    let query;
    try {
      query = parseInput(SsoStartQuerySchema, request.query, 'query');
    } catch (error) {
      if (error instanceof HttpError) return fail(reply, 400, 'Cannot start sign-in', error.message);
      throw error;
    }
    const outcome = await sso.start(query);
    if (outcome.kind === 'refused') {
      request.log.warn({ refusal: outcome.refusal, reason: outcome.message }, 'single sign-on could not start');
      return fail(reply, outcome.refusal === 'unreachable' ? 502 : 500, TITLES[outcome.refusal], outcome.message);
    }
    return reply.header('set-cookie', cookie(outcome.state, 600)).header('cache-control', 'no-store').redirect(outcome.url.href, 302);
  });

  app.get('/api/v1/auth/oidc/callback', { config: { public: true } }, async (request, reply) => {
    if (!sso) return fail(reply, 404, 'Single sign-on is off', OFF);
    const query = new URLSearchParams(request.url.slice(request.url.indexOf('?') + 1 || request.url.length));
    const outcome = await sso.callback(query, cookieOf(request.headers.cookie, SSO_STATE_COOKIE), request.ip ?? null);
    reply.header('set-cookie', cookie('', 0));
    if (outcome.kind === 'refused') {
      request.log.info({ refusal: outcome.refusal, reason: outcome.message }, 'single sign-on refused');
      const status = outcome.refusal === 'unreachable' ? 502 : outcome.refusal === 'bad-state' ? 400 : 403;
      return fail(reply, status, TITLES[outcome.refusal], outcome.message);
    }
    request.log.info({ client: outcome.client }, 'single sign-on succeeded');
    const location = handoffLocation(publicBase(), outcome.client, outcome.code);
    if (outcome.client === 'desktop') return reply.headers(SSO_PAGE_HEADERS).send(desktopHandoffPage(location));
    return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(location, 302);
  });

  app.post('/api/v1/auth/oidc/exchange', { config: { public: true } }, async (request) => {
    if (!sso) throw new HttpError(404, OFF);
    const body = parseInput(SsoExchangeSchema, request.body);
    const response = await sso.exchange(body, request.ip ?? null);
    if (!response) throw new HttpError(401, 'this sign-in code is unknown, used or expired: sign in again');
    request.log.info({ userId: response.user.id }, 'signed in with single sign-on');
    return response;
  });
}

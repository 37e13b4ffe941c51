import { createHash, randomBytes } from 'node:crypto';
import type { OidcConfig } from '../../../shared/config/oidc-config.js';
import type { SsoClient, SsoExchange, SsoStartQuery } from '../../../shared/schemas/sso.js';
import type { LoginResponse } from '../../../shared/schemas/user.js';
import { groupsOf, roleForGroups } from '../../core/sso/role-mapping.js';
import { toPublicUser } from '../accounts/public-user.js';
import type { TokenService } from '../accounts/tokens.js';
import type { AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import { OidcFailure, type OidcFailureKind, type OidcIssuer } from '../ports/oidc-issuer.js';
import type { Store } from '../ports/store.js';
import { resolveSsoUser } from './sso-users.js';

/** How long a person may take at the issuer before the sign-in is forgotten. */
export const PENDING_TTL_MS = 10 * 60_000;
/** How long a hand-off code may wait for its exchange. */
export const HANDOFF_TTL_MS = 2 * 60_000;

/** Why a sign-in did not end with a user: the issuer's failures plus Klaxon's own refusals. */
export type SsoRefusalKind = OidcFailureKind | 'bad-state' | 'no-role' | 'no-user';

/** How `start` ended: go to the issuer (the state goes into a cookie too), or a failure to show. */
export type SsoStartOutcome = { kind: 'redirect'; url: URL; state: string } | { kind: 'refused'; refusal: SsoRefusalKind; message: string };

/** How the callback ended: a one-time code to hand to the client that started, or a refusal to show. */
export type SsoCallbackOutcome = { kind: 'handoff'; client: SsoClient; code: string } | { kind: 'refused'; refusal: SsoRefusalKind; message: string };

/** The single sign-on use-cases the HTTP transport runs. */
export interface SsoSignIn {
  start(query: SsoStartQuery): Promise<SsoStartOutcome>;
  /** `cookieState` is the state the start set in this browser's cookie (absent: another browser). */
  callback(query: URLSearchParams, cookieState: string | undefined, address: string | null): Promise<SsoCallbackOutcome>;
  /** Exchanges a hand-off code and its verifier for a login token, once; undefined when refused. */
  exchange(request: SsoExchange, address: string | null): Promise<LoginResponse | undefined>;
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const random = () => randomBytes(32).toString('base64url');

/**
 * Creates OpenID Connect sign-in: `start` keeps state, nonce and PKCE verifier server-side (by the
 * state's hash) and sends the browser to the issuer; `callback` takes that record once, lets the
 * issuer adapter check the answer, maps groups to a role, finds or creates the user and leaves a
 * one-time hand-off code bound to the client's own S256 challenge; `exchange` trades code and
 * verifier for an ordinary login token. Successes and refusals are audited.
 */
export function createSsoSignIn(deps: {
  store: Store;
  clock: Clock;
  issuer: OidcIssuer;
  config: OidcConfig;
  tokens: Pick<TokenService, 'issue'>;
  audit: AuditTrail;
  /** The callback URL registered at the issuer (read at each use: the relay's own URL is known after listen). */
  redirectUri: () => string;
  /** Called when a sign-in changed a person's role, so that their open sockets are cut. */
  roleChanged?: (userId: string) => void;
}): SsoSignIn {
  const { store, clock, issuer, config, tokens, audit } = deps;

  const refuse = async (refusal: SsoRefusalKind, message: string, address: string | null, details: Record<string, unknown> = {}) => {
    await audit.record({ action: 'auth.sso-refused', actorId: null, address, subject: null, details: { refusal, reason: message, ...details } });
    return { kind: 'refused' as const, refusal, message };
  };

  return {
    async start({ client, challenge }) {
      const now = clock.now();
      await store.deleteExpiredSso(now);
      const state = random();
      const nonce = random();
      const codeVerifier = random();
      try {
        const url = await issuer.authorizationUrl({ redirectUri: deps.redirectUri(), state, nonce, codeChallenge: s256(codeVerifier) });
        await store.insertSsoPending({ stateHash: sha256Hex(state), nonce, codeVerifier, client, challenge, expiresAt: new Date(now.getTime() + PENDING_TTL_MS) });
        return { kind: 'redirect', url, state };
      } catch (error) {
        if (error instanceof OidcFailure) return { kind: 'refused', refusal: error.kind, message: error.message };
        throw error;
      }
    },

    async callback(query, cookieState, address) {
      const state = query.get('state') ?? '';
      const pending = state.length > 0 && state.length <= 256 ? await store.takeSsoPending(sha256Hex(state)) : undefined;
      if (!pending) return refuse('bad-state', 'this sign-in is unknown or was used already: start again', address);
      if (cookieState !== state) return refuse('bad-state', 'this sign-in was started in another browser: start again here', address);
      if (pending.expiresAt.getTime() <= clock.now().getTime()) return refuse('bad-state', 'this sign-in took too long: start again', address);
      const denied = query.get('error');
      if (denied) {
        const kind = denied === 'access_denied' ? 'denied' : 'invalid';
        return refuse(kind, `the identity provider answered "${denied.slice(0, 100)}"`, address);
      }

      let verified: { issuer: string; claims: Record<string, unknown> };
      try {
        verified = await issuer.exchange({ redirectUri: deps.redirectUri(), query, state, nonce: pending.nonce, codeVerifier: pending.codeVerifier });
      } catch (error) {
        if (error instanceof OidcFailure) return refuse(error.kind, error.message, address);
        throw error;
      }
      const subject = typeof verified.claims.sub === 'string' ? verified.claims.sub : '';
      const who = { issuer: verified.issuer, subject };
      const groups = groupsOf(verified.claims[config.groupsClaim]);
      const verdict = roleForGroups(groups, config.roles, config.defaultRole);
      if (verdict.kind === 'refused') {
        return refuse('no-role', 'your account is in no group that Klaxon gives a role to: ask an administrator', address, { ...who, groups: groups.slice(0, 50) });
      }

      const now = clock.now();
      const outcome = await store.transaction((tx) =>
        resolveSsoUser(tx, { ...who, claims: verified.claims, role: verdict.role }, { jitUsers: config.jitUsers, now, audit }),
      );
      if (outcome.kind === 'refused') return refuse('no-user', outcome.reason, address, who);
      if (outcome.roleChanged) deps.roleChanged?.(outcome.user.id);

      const code = random();
      await store.insertSsoHandoff({ codeHash: sha256Hex(code), userId: outcome.user.id, client: pending.client, challenge: pending.challenge, expiresAt: new Date(now.getTime() + HANDOFF_TTL_MS) });
      await audit.record({
        action: 'auth.sso-login',
        actorId: outcome.user.id,
        address,
        subject: { kind: 'user', id: outcome.user.id },
        details: { ...who, client: pending.client, role: verdict.role, group: verdict.group, created: outcome.created },
      });
      return { kind: 'handoff', client: pending.client, code };
    },

    async exchange({ code, verifier }, address) {
      const handoff = await store.takeSsoHandoff(sha256Hex(code));
      if (!handoff || handoff.expiresAt.getTime() <= clock.now().getTime() || s256(verifier) !== handoff.challenge) return undefined;
      const user = await store.getUser(handoff.userId);
      if (!user || (await store.findUserDeactivation(user.id))) return undefined;
      const { token, expiresAt } = await tokens.issue(user.id);
      await audit.record({
        action: 'token.created',
        actorId: user.id,
        address,
        subject: { kind: 'login-token', id: sha256Hex(token).slice(0, 16) },
        details: { kind: 'login', userId: user.id, expiresAt: expiresAt.toISOString(), via: 'sso', client: handoff.client },
      });
      return { token, expiresAt: expiresAt.toISOString(), user: toPublicUser(user) };
    },
  };
}

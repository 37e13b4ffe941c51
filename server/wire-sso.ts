import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { OidcConfig } from '../shared/config/oidc-config.js';
import { createOpenIdIssuer } from './adapters/oidc/openid-issuer.js';
import type { SessionEnds } from './app/accounts/session.js';
import { createTokenService } from './app/accounts/tokens.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { OidcIssuer } from './app/ports/oidc-issuer.js';
import type { Store } from './app/ports/store.js';
import { createSsoSignIn } from './app/sso/sso-sign-in.js';
import type { Settings } from './settings.js';
import { registerSsoRoutes } from './transport/http/routes/sso-routes.js';
import { guardPasswordLogin } from './transport/http/sso-only-guard.js';

/** Single sign-on as wired onto the relay. */
export interface SsoFeatures {
  /** Registers the sign-in methods route, the OIDC routes and the SSO-only guard (before `listen`). */
  register(app: FastifyInstance): void;
  /** Tells the features the relay's own URL, the fallback base when neither redirectBase nor KLAXON_PUBLIC_URL is set. */
  start(url: string): void;
}

/** Reads the client secret from the environment variable or file the config names; throws naming the source. */
export async function readClientSecret(config: OidcConfig, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (config.clientSecretEnv) {
    const value = env[config.clientSecretEnv];
    if (!value) throw new Error(`auth.oidc.clientSecretEnv: the environment variable ${config.clientSecretEnv} is not set`);
    return value;
  }
  const file = config.clientSecretFile!;
  const text = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new Error(`auth.oidc.clientSecretFile: cannot read ${file}`, { cause });
  });
  if (!text.trim()) throw new Error(`auth.oidc.clientSecretFile: ${file} is empty`);
  return text.trim();
}

/**
 * Wires OpenID Connect single sign-on (issue 18, part 6) when the config file has `auth.oidc`: reads
 * the client secret (start fails naming the setting when it is missing), builds the issuer adapter
 * (discovery waits for the first sign-in, so an issuer that is down does not stop the relay) and the
 * sign-in use-cases, and in SSO-only mode guards password login. Without `auth.oidc` only
 * `GET /api/v1/auth/methods` is served (password sign-in).
 */
export async function createSsoFeatures(deps: {
  store: Store;
  clock: Clock;
  audit: AuditTrail;
  settings: Settings;
  ends: SessionEnds;
  oidc: OidcConfig | undefined;
  /** Another issuer adapter (tests); by default openid-client against `oidc.issuer`. */
  issuer?: OidcIssuer;
}): Promise<SsoFeatures> {
  const { store, clock, audit, settings, oidc } = deps;
  let relayUrl = '';
  const base = () => (oidc?.redirectBase ?? settings.publicUrl ?? relayUrl).replace(/\/+$/, '');
  const issuer = oidc && (deps.issuer ?? createOpenIdIssuer({ issuer: oidc.issuer, clientId: oidc.clientId, clientSecret: await readClientSecret(oidc), scopes: oidc.scopes }));
  const sso =
    oidc && issuer
      ? createSsoSignIn({
          store,
          clock,
          issuer,
          config: oidc,
          tokens: createTokenService({ store, clock, ttlSeconds: settings.tokenTtlSeconds }),
          audit,
          redirectUri: () => `${base()}/api/v1/auth/oidc/callback`,
          roleChanged: (userId) => deps.ends.publish({ kind: 'user', userId }),
        })
      : undefined;
  return {
    register(app) {
      const methods = { password: !oidc?.ssoOnly, sso: oidc ? { providerName: oidc.providerName } : null };
      registerSsoRoutes(app, { methods, sso, publicBase: base, secureCookie: () => base().startsWith('https:') });
      if (oidc?.ssoOnly) guardPasswordLogin(app, { store, audit, breakGlassUsers: oidc.breakGlassUsers, providerName: oidc.providerName });
    },
    start(url) {
      relayUrl = url;
    },
  };
}

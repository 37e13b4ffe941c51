import * as oidc from 'openid-client';
import { OidcFailure, type OidcIssuer } from '../../app/ports/oidc-issuer.js';

/** How long (seconds) one request to the issuer may take. */
const TIMEOUT_SECONDS = 10;

/** Settings of the issuer connection. */
export interface OpenIdIssuerOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
}

/** Tells a transport failure (issuer down, timeout, TLS) from a refused or malformed answer. */
function classify(error: unknown, step: string): OidcFailure {
  if (error instanceof OidcFailure) return error;
  if (error instanceof oidc.AuthorizationResponseError) {
    const denied = error.error === 'access_denied' || error.error === 'login_required' || error.error === 'consent_required';
    return new OidcFailure(denied ? 'denied' : 'invalid', `the identity provider answered "${error.error}"`, { cause: error });
  }
  if (error instanceof oidc.ResponseBodyError) return new OidcFailure('invalid', `the identity provider refused the ${step}: "${error.error}"`, { cause: error });
  const code = (error as { code?: unknown }).code;
  if (error instanceof TypeError || code === 'OAUTH_TIMEOUT' || (error instanceof Error && error.name === 'TimeoutError')) {
    return new OidcFailure('unreachable', `the identity provider could not be reached (${step})`, { cause: error });
  }
  return new OidcFailure('invalid', `the identity provider's answer failed a check (${step})`, { cause: error });
}

/**
 * The issuer through `openid-client`: discovery on first use (and again after a failure, so an issuer
 * that was down at start is found later), authorization URLs with PKCE S256, state and nonce, and the
 * code exchange with its checks. Plain-http issuers are allowed only for loopback addresses (tests).
 */
export function createOpenIdIssuer(options: OpenIdIssuerOptions): OidcIssuer {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= (async () => {
      const url = new URL(options.issuer);
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
      const execute = url.protocol === 'http:' && loopback ? [oidc.allowInsecureRequests] : [];
      try {
        const config = await oidc.discovery(url, options.clientId, options.clientSecret, undefined, { execute, timeout: TIMEOUT_SECONDS });
        config.timeout = TIMEOUT_SECONDS;
        return config;
      } catch (error) {
        discovered = undefined;
        throw error instanceof TypeError || (error as { code?: unknown }).code === 'OAUTH_TIMEOUT' || (error as Error).name === 'TimeoutError'
          ? new OidcFailure('unreachable', 'the identity provider could not be reached (discovery)', { cause: error })
          : classify(error, 'discovery');
      }
    })();
    return discovered;
  };

  return {
    async authorizationUrl({ redirectUri, state, nonce, codeChallenge }) {
      const config = await configuration();
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: options.scopes.join(' '),
        response_type: 'code',
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
        state,
        nonce,
      });
    },

    async exchange({ redirectUri, query, state, nonce, codeVerifier }) {
      const config = await configuration();
      const current = new URL(redirectUri);
      for (const [key, value] of query) current.searchParams.append(key, value);
      try {
        const answer = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: codeVerifier,
          expectedState: state,
          expectedNonce: nonce,
          idTokenExpected: true,
        });
        const idClaims = answer.claims();
        if (!idClaims) throw new OidcFailure('invalid', 'the identity provider sent no ID token');
        let claims: Record<string, unknown> = { ...idClaims };
        // Many issuers put groups and profile claims only in userinfo; the ID token's claims win.
        if (config.serverMetadata().userinfo_endpoint) {
          const info = await oidc.fetchUserInfo(config, answer.access_token, idClaims.sub);
          claims = { ...info, ...idClaims };
        }
        return { issuer: config.serverMetadata().issuer, claims };
      } catch (error) {
        throw classify(error, 'code exchange');
      }
    },
  };
}

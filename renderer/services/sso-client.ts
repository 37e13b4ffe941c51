import { type AuthMethods, AuthMethodsSchema } from '../../shared/schemas/sso.js';
import { type LoginResponse, LoginResponseSchema } from '../../shared/schemas/user.js';
import { normaliseRelayUrl, RelayError } from './relay-api.js';

/** Where the console keeps a single sign-on in flight (this tab only): the relay and the verifier. */
export const SSO_PENDING_KEY = 'klaxon.sso-pending';

/** What a tab remembers while the person is at the identity provider. */
interface PendingSso {
  relayUrl: string;
  verifier: string;
}

const base64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A random verifier and its S256 challenge (the relay binds the hand-off code to the challenge). */
export async function verifierPair(crypto: Crypto = globalThis.crypto): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64Url(new Uint8Array(digest)) };
}

/** Asks the relay how people sign in there; a relay without the route (older) has passwords only. */
export async function fetchAuthMethods(relayUrl: string, fetchImpl: typeof fetch = fetch): Promise<AuthMethods> {
  const base = normaliseRelayUrl(relayUrl);
  const response = await fetchImpl(`${base}/api/v1/auth/methods`, { headers: { accept: 'application/json' } });
  if (response.status === 404) return { password: true, sso: null };
  if (!response.ok) throw new RelayError('refused', `The relay answered HTTP ${response.status}`);
  return AuthMethodsSchema.parse(await response.json());
}

/**
 * Starts single sign-on in this tab: keeps the verifier for this tab and sends the tab to the relay's
 * start route, which sends it on to the identity provider. The code comes back in the URL fragment.
 */
export async function startSso(relayUrl: string, client: 'console' | 'phone', deps: { storage: Storage; assign: (url: string) => void }): Promise<void> {
  const base = normaliseRelayUrl(relayUrl);
  const { verifier, challenge } = await verifierPair();
  deps.storage.setItem(SSO_PENDING_KEY, JSON.stringify({ relayUrl: base, verifier } satisfies PendingSso));
  deps.assign(`${base}/api/v1/auth/oidc/start?client=${client}&challenge=${challenge}`);
}

/** The one-time code in a URL fragment the relay sent the tab back with (`#/?sso=…` or `#sso=…`). */
export function ssoCodeOf(hash: string): string | undefined {
  return /[#?&]sso=([A-Za-z0-9_-]{43})(?:&|$)/.exec(hash)?.[1];
}

/**
 * Finishes single sign-on: exchanges the code from the fragment and this tab's verifier for a login
 * token at the relay the sign-in started with. Answers undefined when there is nothing to finish.
 */
export async function finishSso(code: string, deps: { storage: Storage; fetchImpl?: typeof fetch }): Promise<{ relayUrl: string; answer: LoginResponse } | undefined> {
  const kept = deps.storage.getItem(SSO_PENDING_KEY);
  deps.storage.removeItem(SSO_PENDING_KEY);
  if (!kept) throw new RelayError('refused', 'This sign-in was started in another tab or window: sign in again here');
  const { relayUrl, verifier } = JSON.parse(kept) as PendingSso;
  const response = await (deps.fetchImpl ?? fetch)(`${relayUrl}/api/v1/auth/oidc/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ code, verifier }),
  });
  if (response.status === 401) throw new RelayError('unauthorized', 'This sign-in expired or was used already: sign in again');
  if (!response.ok) throw new RelayError('refused', `The relay refused the sign-in (HTTP ${response.status})`);
  return { relayUrl, answer: LoginResponseSchema.parse(await response.json()) };
}

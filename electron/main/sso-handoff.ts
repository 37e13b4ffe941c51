import { createHash, randomBytes } from 'node:crypto';
import type { DesktopSsoResult } from '../../shared/ipc.js';
import { DEEP_LINK_SCHEME } from './deep-link.js';
import type { TokenVault } from './token-vault.js';

/** How long a sign-in started in the system browser may take before its link is refused. */
export const SSO_PENDING_MS = 10 * 60_000;


/** Reads the one-time code of `klaxon://auth?code=…` (a trailing slash, as Windows adds, is allowed); null for anything else. */
export function parseSsoLink(url: string): { code: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== `${DEEP_LINK_SCHEME}:` || parsed.hostname !== 'auth' || parsed.pathname.replace(/\/$/, '') !== '') return null;
  const code = parsed.searchParams.get('code') ?? '';
  return /^[A-Za-z0-9_-]{43}$/.test(code) ? { code } : null;
}

/** Desktop single sign-on in the main process: the system browser signs in, the app exchanges the code. */
export interface DesktopSso {
  /** Opens the relay's sign-in in the system browser with the challenge of a verifier kept here only. */
  start(relayUrl: string): Promise<void>;
  /**
   * Handles a `klaxon://auth?code=…` link: exchanges the code and the kept verifier for a login token,
   * keeps it in the vault and reports the result. Answers false for any other link (for the incident
   * deep links to handle).
   */
  handle(url: string): Promise<boolean>;
}

/**
 * Creates desktop single sign-on. The verifier never leaves this process; the browser sees only its
 * S256 challenge and the one-time code, never the session token. One sign-in is pending at a time; a
 * link that arrives with none pending, too late, or twice is refused.
 */
export function createDesktopSso(deps: {
  openExternal: (url: string) => Promise<void>;
  fetch: typeof fetch;
  vault: Pick<TokenVault, 'save'>;
  now: () => number;
  report: (result: DesktopSsoResult) => void;
}): DesktopSso {
  let pending: { relayUrl: string; verifier: string; startedAt: number } | null = null;
  return {
    async start(relayUrl) {
      const base = new URL(relayUrl);
      if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('the relay address must start with http:// or https://');
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
      pending = { relayUrl: root, verifier, startedAt: deps.now() };
      await deps.openExternal(`${root}/api/v1/auth/oidc/start?client=desktop&challenge=${challenge}`);
    },

    async handle(url) {
      const link = parseSsoLink(url);
      if (!link) return false;
      const started = pending;
      pending = null;
      if (!started || deps.now() - started.startedAt > SSO_PENDING_MS) {
        deps.report({ ok: false, error: 'This sign-in link was not started from this app, or took too long: sign in again' });
        return true;
      }
      try {
        const response = await deps.fetch(`${started.relayUrl}/api/v1/auth/oidc/exchange`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ code: link.code, verifier: started.verifier }),
          signal: AbortSignal.timeout(10_000),
        });
        const body = (await response.json().catch(() => ({}))) as { token?: unknown; error?: unknown };
        if (!response.ok || typeof body.token !== 'string') {
          deps.report({ ok: false, error: typeof body.error === 'string' ? body.error : `The relay refused the sign-in (HTTP ${response.status})` });
          return true;
        }
        deps.vault.save(body.token);
        deps.report({ ok: true, relayUrl: started.relayUrl });
      } catch {
        deps.report({ ok: false, error: `The relay at ${started.relayUrl} is unreachable` });
      }
      return true;
    },
  };
}

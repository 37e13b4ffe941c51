import type { z } from 'zod';
import { type LoginRequest, type LoginResponse, LoginResponseSchema, type User, UserSchema } from '../../shared/schemas/user.js';

/** Why a call to the relay failed, so that views can phrase it and stores can react to it. */
/** `second-factor`: the password was right and the account's authenticator code is missing or wrong. */
export type RelayErrorKind = 'invalid-address' | 'unreachable' | 'unauthorized' | 'second-factor' | 'refused' | 'bad-response';

/** A failed call to the relay; `message` is written for the person at the console. */
export class RelayError extends Error {
  /** Why the call failed. */
  readonly kind: RelayErrorKind;

  /** Creates an error of `kind` with a message for the console user. */
  constructor(kind: RelayErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RelayError';
    this.kind = kind;
  }
}

/** The relay's HTTP API as the console uses it; stores take this interface so tests can fake it. */
export interface RelayApi {
  /** Exchanges a username and password for a bearer token at `relayUrl`. */
  login(relayUrl: string, credentials: LoginRequest): Promise<LoginResponse>;
  /** Returns the user a token belongs to (`GET /api/v1/me`), to resume a kept session. */
  me(relayUrl: string, token: string): Promise<User>;
  /** Revokes a token (`POST /api/v1/auth/logout`); failures are ignored, the console forgets it anyway. */
  logout(relayUrl: string, token: string): Promise<void>;
}

/** How long the console waits for the relay before calling it unreachable. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Normalises what a person typed as the relay address to an origin-like base URL without a trailing
 * slash, or throws a RelayError naming the problem.
 */
export function normaliseRelayUrl(input: string): string {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RelayError('invalid-address', `"${text}" is not a relay address; use one like http://127.0.0.1:7300`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RelayError('invalid-address', 'The relay address must start with http:// or https://');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Reads a relay error body's `message` (or `error`) when it has one. */
async function readErrorMessage(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') {
      const { message, error } = body as { message?: unknown; error?: unknown };
      if (typeof message === 'string' && message) return message;
      if (typeof error === 'string' && error) return error;
    }
  } catch {
    // A body that is not JSON adds nothing to the status line.
  }
  return undefined;
}

/** Reads a refusal's `{ error, field }` body; an unreadable one gives nothing. */
async function readRefusal(response: Response): Promise<{ error?: string; field?: string }> {
  try {
    const body: unknown = await response.json();
    if (!body || typeof body !== 'object') return {};
    const { error, field } = body as { error?: unknown; field?: unknown };
    return { error: typeof error === 'string' ? error : undefined, field: typeof field === 'string' ? field : undefined };
  } catch {
    return {};
  }
}

/** Reads and validates a JSON answer, naming the first field at fault. */
async function readJson<T>(response: Response, base: string, schema: z.ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new RelayError('bad-response', `The relay at ${base} answered with something that is not JSON`, { cause });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.map(String).join('.') || 'body';
    throw new RelayError('bad-response', `The relay at ${base} sent an answer this console does not understand (${field})`);
  }
  return parsed.data;
}

/** Creates the relay API client on top of `fetch` (injectable for tests). */
export function createRelayApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): RelayApi {
  async function call(base: string, path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetchImpl(`${base}${path}`, {
        ...init,
        headers: { accept: 'application/json', ...init.headers },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (cause) {
      throw new RelayError('unreachable', `The relay at ${base} is unreachable`, { cause });
    }
  }

  return {
    async login(relayUrl, credentials) {
      const base = normaliseRelayUrl(relayUrl);
      const response = await call(base, '/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(credentials),
      });
      if (response.status === 401) {
        const refusal = await readRefusal(response);
        if (refusal.field === 'totp') throw new RelayError('second-factor', refusal.error ?? 'Enter the code from your authenticator app');
        throw new RelayError('unauthorized', 'Wrong username or password');
      }
      if (!response.ok) {
        const detail = await readErrorMessage(response);
        throw new RelayError('refused', `The relay refused the sign-in (HTTP ${response.status}${detail ? `: ${detail}` : ''})`);
      }
      return readJson(response, base, LoginResponseSchema);
    },
    async me(relayUrl, token) {
      const base = normaliseRelayUrl(relayUrl);
      const response = await call(base, '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
      if (response.status === 401) throw new RelayError('unauthorized', 'Your session has ended; sign in again');
      if (!response.ok) throw new RelayError('refused', `The relay answered HTTP ${response.status}`);
      return readJson(response, base, UserSchema);
    },
    async logout(relayUrl, token) {
      try {
        await call(normaliseRelayUrl(relayUrl), '/api/v1/auth/logout', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
      } catch {
        // Signing out must work offline too; the token expires on its own.
      }
    },
  };
}

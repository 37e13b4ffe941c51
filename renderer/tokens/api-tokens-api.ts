import { z } from 'zod';
import {
  ApiTokenCreatedSchema,
  ApiTokenListSchema,
  ApiTokenRevokedSchema,
  type ApiToken,
  type ApiTokenCreated,
  type ApiTokenCreateSchema,
} from '../../shared/schemas/api-token.js';
import { RelayRequestError, relaySendJson } from '../services/relay-request.js';

/** Where and as whom to call the relay. */
export interface ApiTokensAuth {
  relayUrl: string;
  token: string;
}

/** A refused or failed call; `field` names the input at fault when the relay said which. */
export class ApiTokensError extends Error {
  /** The dotted path of the field the relay refused, if any. */
  readonly field: string | undefined;

  /** Creates an error with a message for the person at the console. */
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'ApiTokensError';
    this.field = field;
  }
}

/** What the console sends to create a token (the shared create body, as sent). */
export type ApiTokenDraft = z.input<typeof ApiTokenCreateSchema>;

/** The relay's API token endpoints as the Tokens page uses them. */
export interface ApiTokensApi {
  /** `GET /api/v1/tokens`: yours, or every token for admins. */
  list(auth: ApiTokensAuth): Promise<ApiToken[]>;
  /** `POST /api/v1/tokens`: the answer carries the secret, shown this once. */
  create(auth: ApiTokensAuth, draft: ApiTokenDraft): Promise<ApiTokenCreated>;
  /** `POST /api/v1/tokens/:id/revoke`. */
  revoke(auth: ApiTokensAuth, id: string): Promise<ApiToken>;
}

/** Creates the client on `fetch` (injectable for tests); answers are checked with the shared schemas. */
export function createApiTokensApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): ApiTokensApi {
  // The shared authenticated request does the fetch, the refusal text and the answer check; this
  // page's store tells field errors by `ApiTokensError`.
  async function call<T>(auth: ApiTokensAuth, method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    try {
      return await relaySendJson(auth, method, path, body, schema, { fetchImpl, timeoutMs: 10_000 });
    } catch (error) {
      if (error instanceof RelayRequestError) throw new ApiTokensError(error.message, error.field);
      throw error;
    }
  }
  return {
    list: async (auth) => (await call(auth, 'GET', '/api/v1/tokens', ApiTokenListSchema)).tokens,
    create: (auth, draft) => call(auth, 'POST', '/api/v1/tokens', ApiTokenCreatedSchema, draft),
    revoke: async (auth, id) => (await call(auth, 'POST', `/api/v1/tokens/${encodeURIComponent(id)}/revoke`, ApiTokenRevokedSchema)).token,
  };
}

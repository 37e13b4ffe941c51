import { z } from 'zod';

/** A wallboard token as managers see it listed (never the token itself). */
export const WallboardTokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type WallboardTokenView = z.infer<typeof WallboardTokenViewSchema>;

/** Where and as whom to call the relay. */
export interface TokenAuth {
  relayUrl: string;
  token: string;
}

/** The relay's wallboard-token API, for managers. */
export interface WallboardTokenApi {
  list(auth: TokenAuth): Promise<WallboardTokenView[]>;
  /** Creates a token; the answer carries the token text, shown this once. */
  create(auth: TokenAuth, name: string): Promise<WallboardTokenView & { token: string }>;
  revoke(auth: TokenAuth, id: string): Promise<void>;
}

/** Creates the client on `fetch` (injectable for tests). */
export function createWallboardTokenApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): WallboardTokenApi {
  async function call<T>(auth: TokenAuth, method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${auth.relayUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${auth.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new Error(`The relay at ${auth.relayUrl} is unreachable`);
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const message = (json as { error?: unknown } | undefined)?.error;
      throw new Error(typeof message === 'string' ? message : `The relay answered HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new Error('The relay sent an answer this console does not understand');
    return parsed.data;
  }
  return {
    list: async (auth) => (await call(auth, 'GET', '/api/v1/wallboard-tokens', z.object({ tokens: z.array(WallboardTokenViewSchema) }))).tokens,
    create: (auth, name) => call(auth, 'POST', '/api/v1/wallboard-tokens', WallboardTokenViewSchema.extend({ token: z.string() }), { name }),
    async revoke(auth, id) {
      await call(auth, 'POST', `/api/v1/wallboard-tokens/${encodeURIComponent(id)}/revoke`, z.unknown());
    },
  };
}

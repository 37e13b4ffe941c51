import { z } from 'zod';
import { ClientSchema } from '../../shared/schemas/client.js';

/** A client as the relay lists it: the client and which side last set it (the config file or the console). */
export const ClientViewSchema = ClientSchema.extend({ managedBy: z.enum(['file', 'console']) });
export type ClientView = z.infer<typeof ClientViewSchema>;

/** A service the client editor can attach to a client or a process. */
export const ClientServiceOptionSchema = z.object({ id: z.string(), name: z.string(), team: z.string().optional() });
export type ClientServiceOption = z.infer<typeof ClientServiceOptionSchema>;

/** Where and as whom to call the relay. */
export interface ClientsAuth {
  relayUrl: string;
  token: string;
}

/** A refused or failed call; `field` names the input at fault when the relay said which. */
export class ClientsApiError extends Error {
  /** The HTTP status, 0 when the relay could not be reached. */
  readonly status: number;
  /** The dotted path of the field the relay refused, if any. */
  readonly field: string | undefined;

  /** Creates an error with a message for the person at the console. */
  constructor(status: number, message: string, field?: string) {
    super(message);
    this.name = 'ClientsApiError';
    this.status = status;
    this.field = field;
  }
}

/** The relay's client API as the Clients page and the board use it. */
export interface ClientsApi {
  /** `GET /api/v1/clients`. */
  list(auth: ClientsAuth): Promise<ClientView[]>;
  /** `GET /api/v1/services`, for the service pickers. */
  services(auth: ClientsAuth): Promise<ClientServiceOption[]>;
  /** Creates (`POST`) or replaces (`PUT`) a client; the relay checks the body with `ClientSchema`. */
  save(auth: ClientsAuth, client: Record<string, unknown>, mode: 'create' | 'update'): Promise<ClientView>;
  /** `DELETE /api/v1/clients/:id`. */
  remove(auth: ClientsAuth, id: string): Promise<void>;
}

/** Creates the client API on `fetch` (injectable for tests); answers are checked with the shared schemas. */
export function createClientsApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): ClientsApi {
  async function call<T>(auth: ClientsAuth, method: string, path: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${auth.relayUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${auth.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new ClientsApiError(0, `The relay at ${auth.relayUrl} is unreachable`);
    }
    const json: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = json as { error?: unknown; field?: unknown } | undefined;
      const message = typeof error?.error === 'string' ? error.error : refusal(response.status);
      throw new ClientsApiError(response.status, message, typeof error?.field === 'string' ? error.field : undefined);
    }
    if (!schema) return undefined as T;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ClientsApiError(response.status, 'The relay sent an answer this console does not understand');
    return parsed.data;
  }
  const one = z.object({ client: ClientViewSchema });

  return {
    list: async (auth) => (await call(auth, 'GET', '/api/v1/clients', z.object({ clients: z.array(ClientViewSchema) }))).clients,
    services: async (auth) =>
      (await call(auth, 'GET', '/api/v1/services', z.object({ services: z.array(ClientServiceOptionSchema) }))).services,
    async save(auth, client, mode) {
      const path = mode === 'create' ? '/api/v1/clients' : `/api/v1/clients/${encodeURIComponent(String(client.id))}`;
      return (await call(auth, mode === 'create' ? 'POST' : 'PUT', path, one, client)).client;
    },
    async remove(auth, id) {
      await call(auth, 'DELETE', `/api/v1/clients/${encodeURIComponent(id)}`, null);
    },
  };
}

function refusal(status: number): string {
  if (status === 403) return 'Only IR managers and admins can change clients.';
  if (status === 404) return 'No such client: it may have been deleted meanwhile.';
  return `The relay answered HTTP ${status}`;
}

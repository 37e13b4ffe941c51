import { z } from 'zod';
import {
  ConnectWiseConnectionViewSchema,
  IncidentConnectWiseSchema,
  type ConnectWiseConnectionInput,
  type ConnectWiseConnectionView,
  type IncidentConnectWise,
} from '../../shared/schemas/connectwise.js';
import { type ApiAuth, IncidentApiError } from '../board/incident-api.js';

/** The relay's ConnectWise API as the console uses it. */
export interface ConnectWiseApi {
  list(auth: ApiAuth): Promise<ConnectWiseConnectionView[]>;
  /** Creates (`mode: 'create'`) or replaces a connection; keys left out keep the stored ones. */
  save(auth: ApiAuth, input: ConnectWiseConnectionInput, mode: 'create' | 'update'): Promise<ConnectWiseConnectionView>;
  remove(auth: ApiAuth, id: string): Promise<void>;
  /** An incident's sync state. */
  sync(auth: ApiAuth, incidentId: string): Promise<IncidentConnectWise>;
  /** Tries an incident's waiting calls again now. */
  retry(auth: ApiAuth, incidentId: string): Promise<IncidentConnectWise>;
}

/** Creates the ConnectWise client on top of `fetch` (injectable for tests). */
export function createConnectWiseApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): ConnectWiseApi {
  async function call<S extends z.ZodType>(auth: ApiAuth, path: string, schema: S, init: RequestInit = {}): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await fetchImpl(`${auth.relayUrl}${path}`, {
        ...init,
        headers: { accept: 'application/json', authorization: `Bearer ${auth.token}`, ...init.headers },
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      throw new IncidentApiError(0, `The relay at ${auth.relayUrl} is unreachable`);
    }
    const body: unknown = response.status === 204 ? {} : await response.json().catch(() => null);
    if (!response.ok) {
      const error = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
      throw new IncidentApiError(response.status, typeof error === 'string' ? error : `The relay answered HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new IncidentApiError(502, 'The relay sent an answer this console does not understand');
    return parsed.data;
  }
  const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const connections = '/api/v1/connectwise/connections';
  const one = z.object({ connection: ConnectWiseConnectionViewSchema });
  const sync = z.object({ connectwise: IncidentConnectWiseSchema });
  return {
    list: async (auth) => (await call(auth, connections, z.object({ connections: z.array(ConnectWiseConnectionViewSchema) }))).connections,
    save: async (auth, input, mode) =>
      (await call(auth, mode === 'create' ? connections : `${connections}/${encodeURIComponent(input.id)}`, one, json(mode === 'create' ? 'POST' : 'PUT', input))).connection,
    remove: async (auth, id) => void (await call(auth, `${connections}/${encodeURIComponent(id)}`, z.unknown(), { method: 'DELETE' })),
    sync: async (auth, id) => (await call(auth, `/api/v1/incidents/${encodeURIComponent(id)}/connectwise`, sync)).connectwise,
    retry: async (auth, id) => (await call(auth, `/api/v1/incidents/${encodeURIComponent(id)}/connectwise/retry`, sync, json('POST', {}))).connectwise,
  };
}

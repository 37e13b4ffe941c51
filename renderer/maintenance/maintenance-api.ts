import { z } from 'zod';
import { MaintenanceWindowViewSchema, OccurrenceSchema, type MaintenanceWindowView, type Occurrence } from '../../shared/schemas/maintenance.js';

/** Where and as whom to call the relay. */
export interface MaintenanceAuth {
  relayUrl: string;
  token: string;
}

/** A refused or failed call; `field` names the input at fault when the relay said which. */
export class MaintenanceApiError extends Error {
  /** The HTTP status, 0 when the relay could not be reached. */
  readonly status: number;
  /** The dotted path of the field the relay refused, if any. */
  readonly field: string | undefined;

  /** Creates an error with a message for the person at the console. */
  constructor(status: number, message: string, field?: string) {
    super(message);
    this.name = 'MaintenanceApiError';
    this.status = status;
    this.field = field;
  }
}

/** The relay's maintenance-windows API as the Maintenance page uses it. */
export interface MaintenanceApi {
  list(auth: MaintenanceAuth): Promise<MaintenanceWindowView[]>;
  /** Creates (`POST`) or replaces (`PUT /:id`) a window; the relay checks the body with `MaintenanceWindowInputSchema`. */
  save(auth: MaintenanceAuth, body: Record<string, unknown>, id: string | null): Promise<MaintenanceWindowView>;
  /** `POST /:id/end`: ends the running occurrence now. */
  end(auth: MaintenanceAuth, id: string): Promise<MaintenanceWindowView>;
  remove(auth: MaintenanceAuth, id: string): Promise<void>;
  /** The next occurrences of a draft recurrence. */
  preview(auth: MaintenanceAuth, body: Record<string, unknown>): Promise<Occurrence[]>;
}

function refusal(status: number): string {
  if (status === 403) return 'Only IR managers and admins can change maintenance windows.';
  if (status === 404) return 'No such maintenance window: it may have been deleted meanwhile.';
  if (status === 413) return 'The window is too large to save.';
  return `The relay answered HTTP ${status}`;
}

/** Creates the API on `fetch` (injectable for tests); answers are checked with the shared schemas. */
export function createMaintenanceApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): MaintenanceApi {
  async function call<T>(auth: MaintenanceAuth, method: string, path: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T> {
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
      throw new MaintenanceApiError(0, `The relay at ${auth.relayUrl} is unreachable`);
    }
    const json: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = json as { error?: unknown; field?: unknown } | undefined;
      const message = typeof error?.error === 'string' ? error.error : refusal(response.status);
      throw new MaintenanceApiError(response.status, message, typeof error?.field === 'string' ? error.field : undefined);
    }
    if (!schema) return undefined as T;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new MaintenanceApiError(response.status, 'The relay sent an answer this console does not understand');
    return parsed.data;
  }
  const base = '/api/v1/maintenance-windows';
  const one = z.object({ window: MaintenanceWindowViewSchema });
  return {
    list: async (auth) => (await call(auth, 'GET', base, z.object({ windows: z.array(MaintenanceWindowViewSchema) }))).windows,
    save: async (auth, body, id) => (await call(auth, id ? 'PUT' : 'POST', id ? `${base}/${encodeURIComponent(id)}` : base, one, body)).window,
    end: async (auth, id) => (await call(auth, 'POST', `${base}/${encodeURIComponent(id)}/end`, one)).window,
    async remove(auth, id) {
      await call(auth, 'DELETE', `${base}/${encodeURIComponent(id)}`, null);
    },
    preview: async (auth, body) => (await call(auth, 'POST', `${base}/preview`, z.object({ occurrences: z.array(OccurrenceSchema) }), body)).occurrences,
  };
}

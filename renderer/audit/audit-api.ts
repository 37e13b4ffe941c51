import { z } from 'zod';
import { AuditPageSchema, AuditVerifyReportSchema, type AuditPage, type AuditVerifyReport } from '../../shared/schemas/audit.js';

/** Where and as whom to call the relay. */
export interface AuditAuth {
  relayUrl: string;
  token: string;
}

/** The filters of the audit page, as the console's form holds them (empty = not filtered). */
export interface AuditFilters {
  action: string;
  actor: string;
  subjectKind: string;
  subjectId: string;
  /** Local date-times from the form, turned into instants for the query. */
  from: Date | null;
  to: Date | null;
}

/** The relay's audit API, for admins and IR managers. */
export interface AuditApi {
  /** One page of events, newest first; `before` continues after the previous page. */
  list(auth: AuditAuth, filters: AuditFilters, before?: number): Promise<AuditPage>;
  /** Walks every hash chain on the relay and names the first broken row. */
  verify(auth: AuditAuth): Promise<AuditVerifyReport>;
}

/** Builds the query string of `GET /api/v1/audit` from the filters (blank fields are left out). */
export function auditQuery(filters: AuditFilters, before?: number, limit = 100): string {
  const params = new URLSearchParams();
  for (const key of ['action', 'actor', 'subjectKind', 'subjectId'] as const) {
    // A cleared Select sets null.
    const value = (filters[key] ?? '').trim();
    if (value) params.set(key, value);
  }
  if (filters.from) params.set('from', filters.from.toISOString());
  if (filters.to) params.set('to', filters.to.toISOString());
  if (before !== undefined) params.set('before', String(before));
  params.set('limit', String(limit));
  return params.toString();
}

/** Creates the client on `fetch` (injectable for tests). */
export function createAuditApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): AuditApi {
  async function get<T>(auth: AuditAuth, path: string, schema: z.ZodType<T>): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${auth.relayUrl}${path}`, {
        headers: { authorization: `Bearer ${auth.token}` },
        signal: AbortSignal.timeout(30_000),
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
    list: (auth, filters, before) => get(auth, `/api/v1/audit?${auditQuery(filters, before)}`, AuditPageSchema),
    verify: (auth) => get(auth, '/api/v1/audit/verify', AuditVerifyReportSchema),
  };
}

import { z } from 'zod';
import { IndicatorSchema, IntelImportResultSchema, type Indicator, type IndicatorInputSchema, type IntelImportResult } from '../../shared/schemas/intel.js';
import type { IntelFilters } from './intel-filters.js';
import { relayDownload, RelayRequestError, relaySendJson, type RelayAuth, type RelayDownload } from '../services/relay-request.js';

/** What the console sends to create or replace an indicator (the shared input body, as sent). */
export type IndicatorBody = z.input<typeof IndicatorInputSchema>;

/** An import the relay refused: its per-row errors, nothing written. */
export class IntelImportRefused extends Error {
  /** What the relay said about each bad row or object. */
  readonly result: IntelImportResult;

  /** Creates the refusal from the relay's answer. */
  constructor(result: IntelImportResult) {
    super(`Nothing was imported: ${result.errors.length} ${result.errors.length === 1 ? 'entry is' : 'entries are'} not valid`);
    this.name = 'IntelImportRefused';
    this.result = result;
  }
}

/** The relay's intelligence API as the Intelligence page and the incident detail use it. */
export interface IntelApi {
  /** `GET /api/v1/intel/indicators`: the indicators the caller may see that the filters let through (at most `LIST_LIMIT`). */
  list(auth: RelayAuth, filters?: IntelFilters): Promise<Indicator[]>;
  /** `POST` (id null) or `PUT /:id`; a 400 carries the field at fault. */
  save(auth: RelayAuth, body: IndicatorBody, id: string | null): Promise<Indicator>;
  /** `DELETE /:id`. */
  remove(auth: RelayAuth, id: string): Promise<void>;
  /** `POST /api/v1/intel/import` with a STIX 2.1 bundle (JSON) or CSV text; refused imports throw `IntelImportRefused`. */
  importText(auth: RelayAuth, text: string, format: 'stix' | 'csv'): Promise<IntelImportResult>;
  /** `GET /api/v1/intel/export?format=`: the file to save. */
  exportFile(auth: RelayAuth, format: 'stix' | 'csv'): Promise<RelayDownload>;
}

const BASE = '/api/v1/intel';
/** The most indicators one list asks for (the relay's cap); the page says when there may be more. */
export const LIST_LIMIT = 1000;

/** The query string of a list call: the page's filters, so the relay narrows a large database before sending it. */
export function listQuery(filters: IntelFilters | undefined): string {
  const params = new URLSearchParams();
  if (filters?.type) params.set('type', filters.type);
  if (filters?.tag) params.set('tag', filters.tag);
  if (filters?.text.trim()) params.set('q', filters.text.trim());
  if (filters?.liveOnly) params.set('live', 'true');
  params.set('limit', String(LIST_LIMIT));
  return params.toString();
}
const One = z.object({ indicator: IndicatorSchema });
const Many = z.object({ indicators: z.array(IndicatorSchema) });

/** Whether pasted or picked text is a STIX bundle (JSON) rather than CSV. */
export function formatOf(text: string): 'stix' | 'csv' {
  return /^\s*[{[]/.test(text) ? 'stix' : 'csv';
}

/** Creates the client on `fetch` (injectable for tests); answers are checked with the shared schemas. */
export function createIntelApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): IntelApi {
  const options = { fetchImpl, timeoutMs: 15_000 };
  return {
    list: async (auth, filters) => (await relaySendJson(auth, 'GET', `${BASE}/indicators?${listQuery(filters)}`, undefined, Many, options)).indicators,
    save: async (auth, body, id) =>
      (await relaySendJson(auth, id ? 'PUT' : 'POST', id ? `${BASE}/indicators/${encodeURIComponent(id)}` : `${BASE}/indicators`, body, One, options)).indicator,
    remove: (auth, id) => relaySendJson(auth, 'DELETE', `${BASE}/indicators/${encodeURIComponent(id)}`, undefined, null, options),
    async importText(auth, text, format) {
      let response: Response;
      try {
        response = await fetchImpl(`${auth.relayUrl}${BASE}/import`, {
          method: 'POST',
          headers: { accept: 'application/json', authorization: `Bearer ${auth.token}`, 'content-type': format === 'stix' ? 'application/json' : 'text/csv' },
          body: text,
          signal: AbortSignal.timeout(60_000),
        });
      } catch {
        throw new RelayRequestError(0, `The relay at ${auth.relayUrl} is unreachable`);
      }
      const json: unknown = await response.json().catch(() => undefined);
      const result = IntelImportResultSchema.safeParse(json);
      if (response.ok && result.success) return result.data;
      if (response.status === 400 && result.success) throw new IntelImportRefused(result.data);
      const body = json as { error?: unknown; field?: unknown } | undefined;
      const message = typeof body?.error === 'string' ? body.error : response.ok ? 'The relay sent an answer this console does not understand' : `The relay answered HTTP ${response.status}`;
      throw new RelayRequestError(response.status, message, typeof body?.field === 'string' ? body.field : undefined);
    },
    exportFile: (auth, format) => relayDownload(auth, `${BASE}/export?format=${format}`, format === 'stix' ? 'klaxon-intel.stix.json' : 'klaxon-intel.csv', options),
  };
}

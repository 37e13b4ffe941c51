import { z } from 'zod';
import { type Report, ReportSchema } from '../../shared/schemas/report.js';
import { type RelayAuth, type RelayDownload, relayDownload, relayGetJson } from '../services/relay-request.js';

/** One choice of a filter: the id the relay takes and the name people read. */
export interface FilterOption {
  value: string;
  label: string;
}

/** The choices of the Reports page's filters, from the directory, services and clients APIs. */
export interface ReportFilterOptions {
  teams: FilterOption[];
  services: FilterOption[];
  clients: FilterOption[];
  responders: FilterOption[];
}

/** The export formats of a report. */
export type ReportExportFormat = 'csv' | 'json';

/** The relay's report API as the Reports page uses it; the store takes this so tests can fake it. */
export interface ReportApi {
  /** `GET /api/v1/reports/summary?<search>`, checked with the shared `ReportSchema`. */
  summary(auth: RelayAuth, search: string): Promise<Report>;
  /** `GET /api/v1/reports/summary.csv|json?<search>`: the export as a file. */
  download(auth: RelayAuth, search: string, format: ReportExportFormat): Promise<RelayDownload>;
  /** The filters' choices; a list the relay refuses (e.g. for a role) comes back empty. */
  filterOptions(auth: RelayAuth): Promise<ReportFilterOptions>;
}

const Named = z.object({ id: z.string(), name: z.string() });
const DirectorySchema = z.object({ users: z.array(Named), teams: z.array(Named) });
const ServicesSchema = z.object({ services: z.array(Named) });
const ClientsSchema = z.object({ clients: z.array(Named) });

const options = (list: readonly { id: string; name: string }[]): FilterOption[] =>
  list.map((x) => ({ value: x.id, label: x.name })).sort((a, b) => a.label.localeCompare(b.label));

/** Reports can take a while on a long range: a longer wait than the other pages'. */
const REPORT_TIMEOUT_MS = 60_000;

/** Creates the report API client on `fetch` (injectable for tests). */
export function createReportApi(fetchImpl?: typeof fetch): ReportApi {
  const base = { timeoutMs: REPORT_TIMEOUT_MS, ...(fetchImpl ? { fetchImpl } : {}) };
  return {
    summary: (auth, search) => relayGetJson(auth, `/api/v1/reports/summary?${search}`, ReportSchema, base),
    download: (auth, search, format) => relayDownload(auth, `/api/v1/reports/summary.${format}?${search}`, `klaxon-report.${format}`, base),
    async filterOptions(auth) {
      // Each list on its own: one the relay refuses leaves its filter empty, not the page broken.
      const [directory, services, clients] = await Promise.all([
        relayGetJson(auth, '/api/v1/policies/directory', DirectorySchema, base).catch(() => ({ users: [], teams: [] })),
        relayGetJson(auth, '/api/v1/services', ServicesSchema, base).catch(() => ({ services: [] })),
        relayGetJson(auth, '/api/v1/clients', ClientsSchema, base).catch(() => ({ clients: [] })),
      ]);
      return {
        teams: options(directory.teams),
        services: options(services.services),
        clients: options(clients.clients),
        responders: options(directory.users),
      };
    },
  };
}

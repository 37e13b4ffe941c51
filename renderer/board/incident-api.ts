import { z } from 'zod';
import { AlertSchema } from '../../shared/schemas/alert.js';
import { AffectedProcessSchema } from '../../shared/schemas/client.js';
import { IncidentSchema } from '../../shared/schemas/incident.js';
import { PageSchema } from '../../shared/schemas/page.js';
import { TimelineEventSchema } from '../../shared/schemas/timeline.js';
import { RoleSchema } from '../../shared/schemas/user.js';

/** An incident with everything the detail page shows. */
export const IncidentDetailSchema = z.object({
  incident: IncidentSchema,
  timeline: z.array(TimelineEventSchema),
  alerts: z.array(AlertSchema),
  pages: z.array(PageSchema).default([]),
  /** The clients' business processes the incident touches, critical first (empty when none or not known). */
  affectedProcesses: z.array(AffectedProcessSchema).optional(),
});
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;

/** A person as the assignment and paging pickers list them. */
export const DirectoryUserSchema = z.object({ id: z.string(), name: z.string(), role: RoleSchema });
export type DirectoryUser = z.infer<typeof DirectoryUserSchema>;

/** A service as the board names it. */
export const DirectoryServiceSchema = z.object({ id: z.string(), name: z.string(), team: z.string() });
export type DirectoryService = z.infer<typeof DirectoryServiceSchema>;

/** Why a call failed: the relay said no (with its HTTP status), or it could not be reached. */
export class IncidentApiError extends Error {
  /** The HTTP status, or 0 when the relay could not be reached. */
  readonly status: number;

  /** Creates an error with a message written for the person at the console. */
  constructor(status: number, message: string) {
    super(message);
    this.name = 'IncidentApiError';
    this.status = status;
  }

  /** True when the relay refused because of the person's role or need-to-know. */
  get denied(): boolean {
    return this.status === 403;
  }
}

/** Where and as whom to call the relay. */
export interface ApiAuth {
  relayUrl: string;
  token: string;
}

/** Forensic evidence as the console sends it: the file and where it came from. */
export interface EvidenceInput {
  file: Blob;
  fileName: string;
  description: string;
  origin: string;
}

/** The relay's incident detail API as the console uses it; stores take this so tests can fake it. */
export interface IncidentApi {
  detail(auth: ApiAuth, id: string): Promise<IncidentDetail>;
  users(auth: ApiAuth): Promise<DirectoryUser[]>;
  services(auth: ApiAuth): Promise<DirectoryService[]>;
  addNote(auth: ApiAuth, id: string, text: string): Promise<void>;
  addEvidence(auth: ApiAuth, id: string, evidence: EvidenceInput): Promise<void>;
  pagePerson(auth: ApiAuth, id: string, userId: string): Promise<void>;
  escalate(auth: ApiAuth, id: string): Promise<void>;
  acknowledge(auth: ApiAuth, id: string): Promise<void>;
  resolve(auth: ApiAuth, id: string): Promise<void>;
  /** Marks the incident confidential (need-to-know) or not; managers only. */
  setConfidential(auth: ApiAuth, id: string, confidential: boolean): Promise<void>;
}

const TIMEOUT_MS = 60_000;

/** Creates the incident detail API client on top of `fetch` (injectable for tests). */
export function createIncidentApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): IncidentApi {
  async function call(auth: ApiAuth, path: string, init: RequestInit = {}): Promise<unknown> {
    let response: Response;
    try {
      response = await fetchImpl(`${auth.relayUrl}${path}`, {
        ...init,
        headers: { accept: 'application/json', authorization: `Bearer ${auth.token}`, ...init.headers },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new IncidentApiError(0, `The relay at ${auth.relayUrl} is unreachable`);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const message = body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : '';
      throw new IncidentApiError(response.status, message || `The relay answered HTTP ${response.status}`);
    }
    return body;
  }
  const post = (auth: ApiAuth, path: string, body: unknown = {}) =>
    call(auth, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(() => undefined);
  const parse = <T>(schema: z.ZodType<T>, body: unknown): T => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new IncidentApiError(502, 'The relay sent an answer this console does not understand');
    return parsed.data;
  };
  const at = (id: string) => `/api/v1/incidents/${encodeURIComponent(id)}`;

  return {
    detail: async (auth, id) => parse(IncidentDetailSchema, await call(auth, at(id))),
    users: async (auth) => parse(z.object({ users: z.array(DirectoryUserSchema) }), await call(auth, '/api/v1/users')).users,
    services: async (auth) => parse(z.object({ services: z.array(DirectoryServiceSchema) }), await call(auth, '/api/v1/services')).services,
    addNote: (auth, id, text) => post(auth, `${at(id)}/notes`, { text }),
    async addEvidence(auth, id, evidence) {
      const query = new URLSearchParams({ description: evidence.description, origin: evidence.origin, fileName: evidence.fileName });
      await call(auth, `${at(id)}/evidence?${query.toString()}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: evidence.file,
      });
    },
    pagePerson: (auth, id, userId) => post(auth, `${at(id)}/page`, { userId }),
    escalate: (auth, id) => post(auth, `${at(id)}/escalate`),
    acknowledge: (auth, id) => post(auth, `${at(id)}/acknowledge`),
    resolve: (auth, id) => post(auth, `${at(id)}/resolve`),
    setConfidential: (auth, id, confidential) => post(auth, `${at(id)}/confidential`, { confidential }),
  };
}

import { z } from 'zod';
import {
  type PostmortemEdit,
  type PostmortemEditResult,
  PostmortemEditResultSchema,
  type Postmortem,
  PostmortemSchema,
  type PostmortemState,
  type PostmortemSummary,
  PostmortemSummarySchema,
} from '../../shared/schemas/postmortem.js';
import { IncidentConnectWiseSchema } from '../../shared/schemas/connectwise.js';
import { type RelayAuth, type RelayDownload, relayDownload, relayGetJson, relaySendJson } from '../services/relay-request.js';

/** A service as the action-item link picker needs it: its priority rules, integrations and runbook. */
export const LinkableServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  priorityRules: z.array(z.object({ when: z.record(z.string(), z.unknown()).optional(), priority: z.string() })).default([]),
  integrations: z.array(z.object({ id: z.string(), type: z.string() })).default([]),
  runbook: z.string().optional(),
});
export type LinkableService = z.infer<typeof LinkableServiceSchema>;

/** A schedule as the link picker lists it. */
export interface LinkableSchedule {
  id: string;
  name: string;
}

/** The export formats the relay renders. */
export type PostmortemExportFormat = 'md' | 'pdf';

/** The relay's post-mortem API as the console uses it; stores take this interface so tests can fake it. */
export interface PostmortemApi {
  /** `GET /api/v1/postmortems?state=…`: the summaries in those states, newest first. */
  list(auth: RelayAuth, states: readonly PostmortemState[], limit?: number): Promise<PostmortemSummary[]>;
  /** `GET /api/v1/postmortems/:id`. */
  get(auth: RelayAuth, id: string): Promise<Postmortem>;
  /** `GET /api/v1/incidents/:id/postmortem`; null when the incident has none (404). */
  forIncident(auth: RelayAuth, incidentId: string): Promise<Postmortem | null>;
  /** `POST /api/v1/postmortems`: starts one for the incidents (409 when one exists). */
  create(auth: RelayAuth, incidentIds: string[]): Promise<Postmortem>;
  /** `PATCH /api/v1/postmortems/:id`: one field edit; the answer notes a conflict when it overwrote someone. */
  edit(auth: RelayAuth, id: string, edit: PostmortemEdit): Promise<PostmortemEditResult>;
  /** `POST /api/v1/postmortems/:id/comments`. */
  comment(auth: RelayAuth, id: string, body: string): Promise<Postmortem>;
  /** `POST /api/v1/postmortems/:id/transition`: submit for review, send back, sign off. */
  transition(auth: RelayAuth, id: string, to: 'draft' | 'in_review' | 'signed_off'): Promise<Postmortem>;
  /** Fetches an export with the token (`export.md` / `export.pdf`). */
  exportFile(auth: RelayAuth, id: string, format: PostmortemExportFormat): Promise<RelayDownload>;
  /** `POST /api/v1/postmortems/:id/connectwise-note`: adds the post-mortem as a note on the incident's ticket. */
  connectWiseNote(auth: RelayAuth, id: string): Promise<void>;
  /** Whether the incident has a ConnectWise ticket (`GET /api/v1/incidents/:id/connectwise`). */
  hasTicket(auth: RelayAuth, incidentId: string): Promise<boolean>;
  /** `GET /api/v1/services`, for the action-item link picker. */
  services(auth: RelayAuth): Promise<LinkableService[]>;
  /** `GET /api/v1/schedules`, for the action-item link picker. */
  schedules(auth: RelayAuth): Promise<LinkableSchedule[]>;
}

/** Creates the post-mortem API on `fetch` (injectable for tests); answers are checked with the shared schemas. */
export function createPostmortemApi(fetchImpl?: typeof fetch): PostmortemApi {
  const options = fetchImpl ? { fetchImpl } : {};
  const get = <T>(auth: RelayAuth, path: string, schema: z.ZodType<T>) => relayGetJson(auth, path, schema, options);
  const send = <T>(auth: RelayAuth, method: string, path: string, body: unknown, schema: z.ZodType<T> | null) =>
    relaySendJson(auth, method, path, body, schema, options);
  const at = (id: string) => `/api/v1/postmortems/${encodeURIComponent(id)}`;
  const schedulesSchema = z.object({ schedules: z.array(z.object({ schedule: z.object({ id: z.string(), name: z.string() }) })) });

  return {
    async list(auth, states, limit = 200) {
      const query = `?state=${states.join(',')}&limit=${limit}`;
      return (await get(auth, `/api/v1/postmortems${query}`, z.object({ postmortems: z.array(PostmortemSummarySchema) }))).postmortems;
    },
    get: (auth, id) => get(auth, at(id), PostmortemSchema),
    async forIncident(auth, incidentId) {
      try {
        return await get(auth, `/api/v1/incidents/${encodeURIComponent(incidentId)}/postmortem`, PostmortemSchema);
      } catch (error) {
        if ((error as { status?: number }).status === 404) return null;
        throw error;
      }
    },
    create: (auth, incidentIds) => send(auth, 'POST', '/api/v1/postmortems', { incidentIds }, PostmortemSchema),
    edit: (auth, id, edit) => send(auth, 'PATCH', at(id), edit, PostmortemEditResultSchema),
    comment: (auth, id, body) => send(auth, 'POST', `${at(id)}/comments`, { body }, PostmortemSchema),
    transition: (auth, id, to) => send(auth, 'POST', `${at(id)}/transition`, { to }, PostmortemSchema),
    exportFile: (auth, id, format) => relayDownload(auth, `${at(id)}/export.${format}`, `postmortem-${id}.${format}`, options),
    connectWiseNote: (auth, id) => send(auth, 'POST', `${at(id)}/connectwise-note`, {}, null),
    async hasTicket(auth, incidentId) {
      const path = `/api/v1/incidents/${encodeURIComponent(incidentId)}/connectwise`;
      const answer = await get(auth, path, z.object({ connectwise: IncidentConnectWiseSchema }));
      return answer.connectwise.ticketId !== null;
    },
    async services(auth) {
      return (await get(auth, '/api/v1/services', z.object({ services: z.array(LinkableServiceSchema) }))).services;
    },
    async schedules(auth) {
      return (await get(auth, '/api/v1/schedules', schedulesSchema)).schedules.map((s) => ({ id: s.schedule.id, name: s.schedule.name }));
    },
  };
}

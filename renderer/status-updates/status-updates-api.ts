import { z } from 'zod';
import {
  IncidentStatusUpdatesSchema,
  StatusSubscriberSchema,
  StatusTemplateViewSchema,
  StatusUpdateSchema,
  type IncidentStatusUpdates,
  type PostStatusUpdate,
  type StatusStage,
  type StatusSubscriber,
  type StatusSubscriberInput,
  type StatusTemplateEdit,
  type StatusTemplateView,
  type StatusUpdate,
} from '../../shared/schemas/status-update.js';
import { relayFetch, RelayRequestError, type RelayAuth } from '../services/relay-request.js';

/** The relay's status-update API as the console uses it (the incident detail and the Stakeholders page). */
export interface StatusUpdatesApi {
  /** An incident's updates and how many addresses and Teams channels a new one would reach. */
  forIncident(auth: RelayAuth, incidentId: string): Promise<IncidentStatusUpdates>;
  post(auth: RelayAuth, incidentId: string, body: PostStatusUpdate): Promise<StatusUpdate>;
  subscribers(auth: RelayAuth): Promise<StatusSubscriber[]>;
  addSubscriber(auth: RelayAuth, body: StatusSubscriberInput): Promise<StatusSubscriber>;
  removeSubscriber(auth: RelayAuth, id: string): Promise<void>;
  templates(auth: RelayAuth): Promise<StatusTemplateView[]>;
  saveTemplate(auth: RelayAuth, stage: StatusStage, body: StatusTemplateEdit): Promise<StatusTemplateView>;
}

/** Creates the client on `fetch` (injectable for tests); answers are checked with the shared schemas. */
export function createStatusUpdatesApi(fetchImpl?: typeof fetch): StatusUpdatesApi {
  async function call<S extends z.ZodType>(auth: RelayAuth, path: string, schema: S, method = 'GET', body?: unknown): Promise<z.output<S>> {
    const response = await relayFetch(auth, path, { method, body, fetchImpl, timeoutMs: 15_000 });
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new RelayRequestError(response.status, 'The relay sent an answer this console does not understand');
    return parsed.data;
  }
  const incident = (id: string) => `/api/v1/incidents/${encodeURIComponent(id)}/status-updates`;
  return {
    forIncident: (auth, id) => call(auth, incident(id), IncidentStatusUpdatesSchema),
    post: async (auth, id, body) => (await call(auth, incident(id), z.object({ update: StatusUpdateSchema }), 'POST', body)).update,
    subscribers: async (auth) => (await call(auth, '/api/v1/status/subscribers', z.object({ subscribers: z.array(StatusSubscriberSchema) }))).subscribers,
    addSubscriber: async (auth, body) => (await call(auth, '/api/v1/status/subscribers', z.object({ subscriber: StatusSubscriberSchema }), 'POST', body)).subscriber,
    async removeSubscriber(auth, id) {
      await relayFetch(auth, `/api/v1/status/subscribers/${encodeURIComponent(id)}`, { method: 'DELETE', fetchImpl, timeoutMs: 15_000 });
    },
    templates: async (auth) => (await call(auth, '/api/v1/status/templates', z.object({ templates: z.array(StatusTemplateViewSchema) }))).templates,
    saveTemplate: async (auth, stage, body) =>
      (await call(auth, `/api/v1/status/templates/${encodeURIComponent(stage)}`, z.object({ template: StatusTemplateViewSchema }), 'PUT', body)).template,
  };
}

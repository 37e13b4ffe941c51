import { z } from 'zod';
import { RoleSchema } from '../../../shared/schemas/user.js';
import { type ApiAuth, IncidentApiError } from '../incident-api.js';

/** One person on an incident's need-to-know list, as the relay lists them. */
export const NeedToKnowPersonSchema = z.object({
  userId: z.string(),
  name: z.string(),
  role: RoleSchema,
  addedBy: z.string(),
  addedAt: z.string(),
});
export type NeedToKnowPerson = z.infer<typeof NeedToKnowPersonSchema>;

/** An incident's need-to-know list. */
export const NeedToKnowViewSchema = z.object({ incidentId: z.string(), confidential: z.boolean(), people: z.array(NeedToKnowPersonSchema) });
export type NeedToKnowView = z.infer<typeof NeedToKnowViewSchema>;

/** The relay's need-to-know API as the detail page uses it: read the list, add or remove one person. */
export interface NeedToKnowApi {
  list(auth: ApiAuth, incidentId: string): Promise<NeedToKnowView>;
  add(auth: ApiAuth, incidentId: string, userId: string): Promise<NeedToKnowView>;
  remove(auth: ApiAuth, incidentId: string, userId: string): Promise<NeedToKnowView>;
}

/** Creates the need-to-know client on top of `fetch` (injectable for tests). */
export function createNeedToKnowApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): NeedToKnowApi {
  async function call(auth: ApiAuth, path: string, init: RequestInit = {}): Promise<NeedToKnowView> {
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
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
      throw new IncidentApiError(response.status, typeof error === 'string' ? error : `The relay answered HTTP ${response.status}`);
    }
    const parsed = NeedToKnowViewSchema.safeParse(body);
    if (!parsed.success) throw new IncidentApiError(502, 'The relay sent an answer this console does not understand');
    return parsed.data;
  }
  const at = (id: string) => `/api/v1/incidents/${encodeURIComponent(id)}/need-to-know`;
  return {
    list: (auth, id) => call(auth, at(id)),
    add: (auth, id, userId) =>
      call(auth, at(id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) }),
    remove: (auth, id, userId) => call(auth, `${at(id)}/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
  };
}

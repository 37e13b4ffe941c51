import { z } from 'zod';
import { PolicySchema, type Policy } from '../../shared/schemas/policy.js';
import { ConfigSourceSchema } from '../../shared/schemas/config-source.js';
import { PolicyPreviewSchema, type PolicyPreview } from '../../shared/schemas/policy-preview.js';

/** A policy as the relay lists it for the editor. */
export const PolicyViewSchema = PolicySchema.extend({ managedByConfig: z.boolean(), configSource: ConfigSourceSchema.default('console') });
export type PolicyView = z.infer<typeof PolicyViewSchema>;

/** The people, schedules and teams a policy may name. */
export const PolicyDirectorySchema = z.object({
  users: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
  schedules: z.array(z.object({ id: z.string(), name: z.string(), team: z.string() })),
  teams: z.array(z.object({ id: z.string(), name: z.string(), timeZone: z.string() })),
});
export type PolicyDirectory = z.infer<typeof PolicyDirectorySchema>;

/** Where and as whom to call the relay. */
export interface PolicyAuth {
  relayUrl: string;
  token: string;
}

/** A refused or failed call; `field` names the input at fault when the relay said which. */
export class PolicyApiError extends Error {
  /** The HTTP status, 0 when the relay could not be reached. */
  readonly status: number;
  /** The dotted path of the field the relay refused, if any. */
  readonly field: string | undefined;

  /** Creates an error with a message for the person at the console. */
  constructor(status: number, message: string, field?: string) {
    super(message);
    this.name = 'PolicyApiError';
    this.status = status;
    this.field = field;
  }
}

/** The relay's policy API as the editor uses it; the store takes this interface so tests can fake it. */
export interface PolicyApi {
  list(auth: PolicyAuth): Promise<PolicyView[]>;
  directory(auth: PolicyAuth): Promise<PolicyDirectory>;
  /** Creates (`create`) or replaces a policy; the body is checked by the relay with `PolicySchema`. */
  save(auth: PolicyAuth, policy: unknown, mode: 'create' | 'update'): Promise<PolicyView>;
  /** Previews an unsaved draft at the relay's now, with times in `timeZone`. */
  preview(auth: PolicyAuth, policy: Policy, timeZone: string): Promise<PolicyPreview>;
}

/** Creates the policy API client on `fetch` (injectable for tests). */
export function createPolicyApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): PolicyApi {
  async function call<T>(auth: PolicyAuth, method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
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
      throw new PolicyApiError(0, `The relay at ${auth.relayUrl} is unreachable`);
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = json as { error?: unknown; field?: unknown } | undefined;
      const message = typeof error?.error === 'string' ? error.error : `The relay answered HTTP ${response.status}`;
      throw new PolicyApiError(response.status, message, typeof error?.field === 'string' ? error.field : undefined);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new PolicyApiError(response.status, 'The relay sent an answer this console does not understand');
    return parsed.data;
  }

  return {
    list: async (auth) => (await call(auth, 'GET', '/api/v1/policies', z.object({ policies: z.array(PolicyViewSchema) }))).policies,
    directory: (auth) => call(auth, 'GET', '/api/v1/policies/directory', PolicyDirectorySchema),
    async save(auth, policy, mode) {
      const id = (policy as { id?: unknown }).id;
      const path = mode === 'create' ? '/api/v1/policies' : `/api/v1/policies/${encodeURIComponent(String(id))}`;
      return (await call(auth, mode === 'create' ? 'POST' : 'PUT', path, z.object({ policy: PolicyViewSchema }), policy)).policy;
    },
    async preview(auth, policy, timeZone) {
      const path = `/api/v1/policies/${encodeURIComponent(policy.id)}/preview`;
      return (await call(auth, 'POST', path, z.object({ preview: PolicyPreviewSchema }), { policy, timeZone })).preview;
    },
  };
}

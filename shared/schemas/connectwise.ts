import { z } from 'zod';
import { InstantSchema, SlugSchema } from './common.js';
import { PrioritySchema } from './priority.js';

/** A ConnectWise name (board, status, priority, type) as the tenant spells it. */
const CwNameSchema = z.string().trim().min(1).max(100);

/** An environment variable name that holds a secret. */
const EnvNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'use an environment variable name such as CW_PRIVATE_KEY');

/** The ConnectWise Manage site: https only, its origin alone (e.g. https://api-na.myconnectwise.net). */
export const ConnectWiseSiteSchema = z
  .string()
  .trim()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && (url.pathname === '/' || url.pathname === '') && !url.search && !url.username;
    } catch {
      return false;
    }
  }, 'use an https:// origin such as https://api-na.myconnectwise.net')
  .transform((value) => new URL(value).origin);

/** How Klaxon's incidents map onto a ConnectWise service board. */
export const ConnectWiseMappingSchema = z.object({
  /** The service board tickets are created on. */
  board: CwNameSchema,
  /** The board's status names for a new, an acknowledged and a resolved incident. */
  status: z.object({ new: CwNameSchema, acknowledged: CwNameSchema, resolved: CwNameSchema }),
  /** The ConnectWise priority name per Klaxon priority. */
  priority: z.object({ high: CwNameSchema, medium: CwNameSchema, low: CwNameSchema }),
  /** The ticket type name per Klaxon priority (optional). */
  type: z.object({ high: CwNameSchema.optional(), medium: CwNameSchema.optional(), low: CwNameSchema.optional() }).default({}),
  /** Only incidents of this priority or higher create a ticket. */
  fromPriority: PrioritySchema.default('high'),
  /** The company identifier for tickets of incidents without a client company (e.g. the MSP's own). */
  company: CwNameSchema,
});
export type ConnectWiseMapping = z.infer<typeof ConnectWiseMappingSchema>;

const ConnectionFields = {
  id: SlugSchema,
  name: z.string().trim().min(1).max(200).optional(),
  site: ConnectWiseSiteSchema,
  /** The codebase and API path, e.g. `v4_6_release/apis/3.0`. */
  codebase: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/, 'use a path such as v4_6_release/apis/3.0')
    .max(200)
    .default('v4_6_release/apis/3.0'),
  /** The company id people log in with (the MSP's ConnectWise tenant). */
  companyId: z.string().trim().min(1).max(100),
  /** The integration's clientId from developer.connectwise.com (sent as the `clientId` header). */
  clientId: z.string().trim().min(1).max(100),
  /** Clients whose incidents use this connection. */
  clients: z.array(SlugSchema).max(500).default([]),
  /** Services whose incidents use this connection (a service's connection wins over its client's). */
  services: z.array(SlugSchema).max(500).default([]),
  mapping: ConnectWiseMappingSchema,
};

/** A connection as the config file declares it: the API keys come from environment variables. */
export const ConnectWiseConnectionConfigSchema = z.object({
  ...ConnectionFields,
  publicKeyEnv: EnvNameSchema.optional(),
  privateKeyEnv: EnvNameSchema.optional(),
});
export type ConnectWiseConnectionConfig = z.infer<typeof ConnectWiseConnectionConfigSchema>;

/** A secret as the console sends it: written only, never read back. */
const SecretInputSchema = z.string().trim().min(1).max(200);

/**
 * A connection as the console writes it: keys set here (encrypted at rest) or named environment
 * variables; an absent key keeps the one already stored.
 */
export const ConnectWiseConnectionInputSchema = ConnectWiseConnectionConfigSchema.extend({
  publicKey: SecretInputSchema.optional(),
  privateKey: SecretInputSchema.optional(),
});
export type ConnectWiseConnectionInput = z.infer<typeof ConnectWiseConnectionInputSchema>;

/** Where a key is kept, and whether it is there at all (the value itself is never sent back). */
export const ConnectWiseSecretStateSchema = z.object({
  set: z.boolean(),
  from: z.enum(['env', 'console']).nullable(),
});

/** A connection as the API answers it: the keys only say whether they are set. */
export const ConnectWiseConnectionViewSchema = ConnectWiseConnectionConfigSchema.extend({
  publicKey: ConnectWiseSecretStateSchema,
  privateKey: ConnectWiseSecretStateSchema,
  /** Set when ConnectWise refused the keys (401): no calls are made until the connection is saved again. */
  broken: z.object({ at: InstantSchema, reason: z.string() }).nullable(),
  managedBy: z.enum(['file', 'console']),
});
export type ConnectWiseConnectionView = z.infer<typeof ConnectWiseConnectionViewSchema>;

/** Where an incident's ConnectWise ticket stands. */
export const ConnectWiseSyncStateSchema = z.enum(['none', 'pending', 'synced', 'failed']);
export type ConnectWiseSyncState = z.infer<typeof ConnectWiseSyncStateSchema>;

/** An incident's ConnectWise sync as the API answers it. */
export const IncidentConnectWiseSchema = z.object({
  state: ConnectWiseSyncStateSchema,
  reason: z.string().nullable(),
  connectionId: z.string().nullable(),
  ticketId: z.number().int().nullable(),
  ticketUrl: z.string().nullable(),
  /** Calls waiting to be made (or retried). */
  pending: z.number().int().nonnegative(),
  /** When the waiting calls are tried next (after a backoff or a 429's Retry-After). */
  retryAt: InstantSchema.optional(),
});
export type IncidentConnectWise = z.infer<typeof IncidentConnectWiseSchema>;

const PRIORITY_RANK = { high: 3, medium: 2, low: 1 } as const;

/** Tells whether an incident of `priority` creates a ticket under a mapping whose floor is `from`. */
export function reachesPriority(priority: keyof typeof PRIORITY_RANK, from: keyof typeof PRIORITY_RANK): boolean {
  return PRIORITY_RANK[priority] >= PRIORITY_RANK[from];
}

/**
 * Checks a config file's connections: ids declared once, every service they name declared, and each
 * service named by one connection at most. `issue` reports a problem at a path under `connectwise`.
 */
export function checkConnectWiseConfig(
  connections: readonly ConnectWiseConnectionConfig[],
  serviceIds: ReadonlySet<string>,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const ids = new Set<string>();
  const owner = new Map<string, string>();
  connections.forEach((c, i) => {
    if (ids.has(c.id)) issue(['connectwise', i, 'id'], `"${c.id}" is declared twice`);
    ids.add(c.id);
    c.services.forEach((s, j) => {
      if (!serviceIds.has(s)) issue(['connectwise', i, 'services', j], `unknown service "${s}"`);
      else if (owner.has(s) && owner.get(s) !== c.id) issue(['connectwise', i, 'services', j], `the service "${s}" already belongs to the connection "${owner.get(s)}"`);
      owner.set(s, c.id);
    });
    if (!c.publicKeyEnv) issue(['connectwise', i, 'publicKeyEnv'], 'name the environment variable that holds the public key (keys are never written in the file)');
    if (!c.privateKeyEnv) issue(['connectwise', i, 'privateKeyEnv'], 'name the environment variable that holds the private key (keys are never written in the file)');
  });
}

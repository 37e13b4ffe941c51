import { z } from 'zod';
import { requiredParams } from './ingest-common.js';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './json-depth.js';

/** A named reference inside a ConnectWise record, such as `board`, `status` or `priority`. */
const NamedRefSchema = z.looseObject({ id: z.number().int().optional(), name: z.string() });

/** The service ticket a callback carries in its `Entity`, after the JSON text is parsed. */
export const ConnectWiseTicketSchema = z.looseObject({
  id: z.number(requiredParams()).int(),
  summary: z.string(requiredParams()).min(1),
  priority: NamedRefSchema.optional(),
  board: NamedRefSchema.optional(),
  status: NamedRefSchema.optional(),
  company: z
    .looseObject({ id: z.number().int().optional(), identifier: z.string(), name: z.string().optional() })
    .optional(),
  closedFlag: z.boolean().optional(),
  _info: z.looseObject({ lastUpdated: z.string().optional() }).optional(),
});
export type ConnectWiseTicket = z.infer<typeof ConnectWiseTicketSchema>;

// ConnectWise sends the record as JSON text inside the JSON body; a pipe keeps the ticket's own
// issue paths under "Entity" (for example "Entity.priority.name").
const EntityTextSchema = z
  .string()
  .transform((text, ctx) => {
    if (jsonNestsDeeperThan(text)) {
      ctx.addIssue({ code: 'custom', message: `Entity is nested deeper than ${MAX_JSON_DEPTH} levels` });
      return z.NEVER;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Entity must be a ticket written as JSON text' });
      return z.NEVER;
    }
  })
  .pipe(ConnectWiseTicketSchema);

/**
 * A ConnectWise Manage (PSA) callback for a service ticket. `Entity` is the ticket as JSON text,
 * parsed and checked here; ConnectWise sends `null` for a deleted record. Unknown fields are kept.
 */
export const ConnectWiseCallbackSchema = z
  .looseObject({
    Action: z.enum(['added', 'updated', 'deleted']),
    /** The record type; ConnectWise writes "ticket" (any case is accepted). */
    Type: z.string(requiredParams()),
    ID: z.number(requiredParams()).int(),
    MemberId: z.string().optional(),
    /** The ConnectWise tenant's company id (the MSP itself, not the ticket's customer). */
    CompanyId: z.string().optional(),
    FromUrl: z.string().optional(),
    MessageId: z.string().optional(),
    Entity: EntityTextSchema.nullable().optional(),
  })
  .superRefine((callback, ctx) => {
    if (callback.Type.toLowerCase() !== 'ticket') {
      ctx.addIssue({ code: 'custom', path: ['Type'], message: `only ticket callbacks are accepted, not "${callback.Type}"` });
    }
    if (callback.Action !== 'deleted' && !callback.Entity) {
      ctx.addIssue({ code: 'custom', path: ['Entity'], message: `required when Action is "${callback.Action}"` });
    }
  });
export type ConnectWiseCallback = z.infer<typeof ConnectWiseCallbackSchema>;

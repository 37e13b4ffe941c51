import { z } from 'zod';
import { InstantSchema } from './common.js';
import { PrioritySchema } from './priority.js';
import { ChannelSchema } from './user.js';

/** A page's states: queued → sent → delivered (the device got it) → read (the person opened it). */
export const PageStateSchema = z.enum(['queued', 'sent', 'delivered', 'read', 'failed', 'cancelled']);
export type PageState = z.infer<typeof PageStateSchema>;

/** One notification to one person on one channel. */
export const PageSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  /** The escalation page this delivery belongs to (one per person per level entry, or a failover). */
  pageKey: z.string(),
  userId: z.string(),
  channel: ChannelSchema,
  state: PageStateSchema,
  level: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  createdAt: InstantSchema,
  sentAt: InstantSchema.nullable(),
  deliveredAt: InstantSchema.nullable(),
  readAt: InstantSchema.nullable(),
  error: z.string().nullable(),
});
export type Page = z.infer<typeof PageSchema>;

/** What a phone receives for a page on the `/device` socket. */
export const PagePushSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  summary: z.string(),
  priority: PrioritySchema,
  serviceName: z.string(),
  createdAt: InstantSchema,
  attempt: z.number().int().positive(),
});
export type PagePush = z.infer<typeof PagePushSchema>;

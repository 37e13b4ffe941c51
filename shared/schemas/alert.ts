import { z } from 'zod';
import { InstantSchema } from './common.js';
import { SeveritySchema } from './priority.js';
import { IntegrationTypeSchema } from './service.js';

/** What a source asks for with an event. */
export const EventActionSchema = z.enum(['trigger', 'acknowledge', 'resolve']);
export type EventAction = z.infer<typeof EventActionSchema>;

/** A link a source attached to an alert (a dashboard, a runbook, a ticket). */
export const LinkSchema = z.object({
  href: z.string().min(1).max(2048),
  text: z.string().max(1024).optional(),
});
export type Link = z.infer<typeof LinkSchema>;

/**
 * One event from a source after its integration parsed it: the common shape every ingest endpoint
 * produces before dedup.
 */
export const AlertInputSchema = z.object({
  action: EventActionSchema,
  dedupKey: z.string().min(1).max(255),
  summary: z.string().min(1).max(1024),
  severity: SeveritySchema,
  source: z.string().max(1024),
  labels: z.record(z.string(), z.string()).default({}),
  /** The e-mail subject, when the alert came in by mail (priority rules can match it). */
  subject: z.string().optional(),
  links: z.array(LinkSchema).default([]),
  /** A reference in another system, such as a ConnectWise ticket id. */
  externalRef: z.string().max(255).optional(),
  occurredAt: InstantSchema.optional(),
  /** The body as the source sent it, kept for the incident detail. */
  payload: z.unknown(),
});
export type AlertInput = z.infer<typeof AlertInputSchema>;

/** A stored alert, folded into an incident. */
export const AlertSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  serviceId: z.string(),
  integrationType: IntegrationTypeSchema,
  action: EventActionSchema,
  dedupKey: z.string(),
  summary: z.string(),
  severity: SeveritySchema,
  source: z.string(),
  receivedAt: InstantSchema,
  payload: z.unknown(),
});
export type Alert = z.infer<typeof AlertSchema>;

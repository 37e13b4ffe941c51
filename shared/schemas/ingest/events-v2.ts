import { z } from 'zod';
import { SeveritySchema } from '../priority.js';
import { requiredParams, RoutingKeySchema, UrlTextSchema } from './ingest-common.js';
import { TimestampSchema } from './timestamp.js';

/** An image PagerDuty-compatible senders attach to an event (shown with the alert). */
export const EventsV2ImageSchema = z.looseObject({
  src: UrlTextSchema.min(1),
  href: UrlTextSchema.optional(),
  alt: z.string().optional(),
});

/** A link PagerDuty-compatible senders attach to an event. */
export const EventsV2LinkSchema = z.looseObject({
  href: UrlTextSchema.min(1),
  text: z.string().optional(),
});

// PagerDuty's "PD-CEF" fields of an event's `payload`.
const payloadShape = {
  summary: z.string(requiredParams()).min(1).max(1024),
  source: z.string(requiredParams()).min(1).max(1024),
  severity: SeveritySchema,
  timestamp: TimestampSchema.optional(),
  component: z.string().optional(),
  group: z.string().optional(),
  class: z.string().optional(),
  /** Anything JSON the sender wants shown with the alert. */
  custom_details: z.json().optional(),
};

/** The `payload` object a trigger event must carry: summary, source and severity, and optional details. */
export const EventsV2PayloadSchema = z.looseObject(payloadShape, requiredParams('required for a trigger event'));
export type EventsV2Payload = z.infer<typeof EventsV2PayloadSchema>;

// Fields every event action may carry.
const common = {
  routing_key: RoutingKeySchema,
  images: z.array(EventsV2ImageSchema).optional(),
  links: z.array(EventsV2LinkSchema).optional(),
  client: z.string().optional(),
  client_url: UrlTextSchema.optional(),
};

/** A trigger event: opens or updates the alert with its `dedup_key` (the relay makes one when absent). */
export const EventsV2TriggerSchema = z.looseObject({
  ...common,
  event_action: z.literal('trigger'),
  dedup_key: z.string().min(1).max(255).optional(),
  payload: EventsV2PayloadSchema,
});
export type EventsV2Trigger = z.infer<typeof EventsV2TriggerSchema>;

/** An acknowledge or resolve event; PagerDuty's rule: it names the alert by its trigger's `dedup_key`. */
export const EventsV2FollowUpSchema = z.looseObject({
  ...common,
  event_action: z.enum(['acknowledge', 'resolve']),
  dedup_key: z.string(requiredParams('required to acknowledge or resolve')).min(1).max(255),
  payload: z.looseObject(payloadShape).partial().optional(),
});
export type EventsV2FollowUp = z.infer<typeof EventsV2FollowUpSchema>;

/**
 * A PagerDuty Events API v2 event as `POST /v2/enqueue` accepts it: a trigger carries a `payload`;
 * acknowledge and resolve carry the `dedup_key` of the alert they address. Unknown fields are kept.
 */
export const EventsV2EventSchema = z.discriminatedUnion('event_action', [EventsV2TriggerSchema, EventsV2FollowUpSchema]);
export type EventsV2Event = z.infer<typeof EventsV2EventSchema>;

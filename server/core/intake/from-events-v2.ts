import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { EventsV2Event } from '../../../shared/schemas/ingest/events-v2.js';
import { clip, firstText, toLinks, toInstant } from './alert-fields.js';

/**
 * Turns a validated PagerDuty Events API v2 event into its alert. The event's `dedup_key` is used as
 * given; a trigger without one gets `generatedDedupKey`, which the transport makes (and returns to
 * the sender, as PagerDuty does). `component`, `group` and `class` become labels for priority rules;
 * `links` and `client_url` become links. The stored payload is the event without its `routing_key`,
 * which is a secret. Acknowledge and resolve events usually carry no payload: their summary then says
 * what they do, and their severity is "info" (dedup keeps the incident's own).
 */
export function fromEventsV2(event: EventsV2Event, generatedDedupKey: string): AlertInput[] {
  const details = event.payload;
  const dedupKey = event.dedup_key ?? generatedDedupKey;
  const labels: Record<string, string> = {};
  for (const name of ['component', 'group', 'class'] as const) {
    const value = firstText(details?.[name]);
    if (value !== undefined) labels[name] = value;
  }
  const links = toLinks([
    ...(event.links ?? []),
    ...(event.client_url ? [{ href: event.client_url, text: event.client ?? 'Client' }] : []),
  ]);
  const occurredAt = toInstant(details?.timestamp);
  const { routing_key: _secret, ...stored } = event;

  return [
    {
      action: event.event_action,
      dedupKey,
      summary: clip(firstText(details?.summary) ?? `${event.event_action} ${dedupKey}`, 1024),
      severity: details?.severity ?? 'info',
      source: clip(firstText(details?.source, event.client) ?? '', 1024),
      labels,
      links,
      ...(occurredAt === undefined ? {} : { occurredAt }),
      payload: stored,
    },
  ];
}

import { z } from 'zod';

/**
 * A generic webhook body: any JSON object or array. What it means comes from the integration's
 * mapping (see `WebhookMappingSchema`), not from a fixed shape.
 */
export const WebhookBodySchema = z.union(
  [z.record(z.string(), z.json()), z.array(z.json())],
  { error: 'send a JSON object or array' },
);
export type WebhookBody = z.infer<typeof WebhookBodySchema>;

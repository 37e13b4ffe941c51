import type { IntegrationType } from '../../../shared/schemas/service.js';

/**
 * Returns where alerts for an integration of `type` go, with `key` in its place: a relay path for the
 * HTTP integrations (`/v2/enqueue` takes the key as `routing_key` in the body), an address for e-mail.
 * Pass `'{key}'` for the pattern shown before a key is known.
 */
export function integrationEndpoint(type: IntegrationType, key: string): string {
  switch (type) {
    case 'events-v2':
      return `/v2/enqueue (routing_key: ${key})`;
    case 'email':
      return `${key}@<relay SMTP host>`;
    case 'heartbeat':
      return `/heartbeat/${key}`;
    default:
      return `/integrations/${type}/${key}`;
  }
}

import type { StatusSubscriber } from '../../../shared/schemas/status-update.js';

/** The parts of an incident that decide who hears about it. */
export interface StatusAudienceOf {
  serviceId: string;
  /** The incident's client, when it has one. */
  clientId?: string | null;
}

/**
 * The e-mail addresses an incident's status updates go to: subscribers of its service and of its
 * client, each address once (case-insensitive), in the order subscribers were listed.
 */
export function statusRecipients(subscribers: readonly StatusSubscriber[], incident: StatusAudienceOf): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of subscribers) {
    const follows = s.scope === 'service' ? s.scopeId === incident.serviceId : !!incident.clientId && s.scopeId === incident.clientId;
    const key = s.email.toLowerCase();
    if (follows && !seen.has(key)) {
      seen.add(key);
      out.push(s.email);
    }
  }
  return out;
}

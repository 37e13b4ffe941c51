import type { AlertInput } from '../../../shared/schemas/alert.js';
import { heartbeatDedupKey } from '../../core/heartbeat/heartbeat-deadline.js';

/** The source heartbeat alerts name (the relay itself noticed the silence). */
export const HEARTBEAT_SOURCE = 'klaxon heartbeat';

/** The alert that opens (or folds into) a heartbeat's incident when its deadline passed without a ping. */
export function missedAlert(integrationId: string, summary: string, details: Record<string, unknown>): AlertInput {
  return {
    action: 'trigger',
    dedupKey: heartbeatDedupKey(integrationId),
    summary,
    severity: 'error',
    source: HEARTBEAT_SOURCE,
    labels: { heartbeat: integrationId },
    links: [],
    payload: details,
  };
}

/** The alert that resolves a heartbeat's open incident once pings return. */
export function pingsReturnedAlert(integrationId: string): AlertInput {
  return {
    action: 'resolve',
    dedupKey: heartbeatDedupKey(integrationId),
    summary: 'pings returned',
    severity: 'info',
    source: HEARTBEAT_SOURCE,
    labels: { heartbeat: integrationId },
    links: [],
    payload: null,
  };
}

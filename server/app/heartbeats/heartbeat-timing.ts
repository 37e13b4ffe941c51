import type { IntegrationRecord } from '../ports/store.js';
import type { HeartbeatTiming } from '../../core/heartbeat/heartbeat-deadline.js';

/** A heartbeat integration's timing from its settings (the config requires an interval; grace defaults to 0). */
export function timingOf(integration: Pick<IntegrationRecord, 'settings'>): HeartbeatTiming {
  return { intervalSeconds: integration.settings.interval ?? 0, graceSeconds: integration.settings.grace ?? 0 };
}

import type { ConfigInput } from '../../shared/config/config-schema.js';

/** The secret key of the test config's Acme heartbeat, and of the example's own RMM heartbeat. */
export const HEARTBEAT_KEYS = { acme: 'hb-acme-agent', example: 'hb-rmm-agent' } as const;

/** The Acme heartbeat integration's id (`<service>:heartbeat:0`), as the heartbeat list names it. */
export const ACME_HEARTBEAT_ID = 'acme-rmm:heartbeat:0';

/**
 * Edits a parsed test config for heartbeat tests: a service "RMM agent" that belongs to the client
 * Acme Corp, with a heartbeat integration of `interval` and `grace`, whose incidents page at once.
 */
export function acmeHeartbeat(doc: ConfigInput, interval: string, grace: string): void {
  (doc.services ??= []).push({
    id: 'acme-rmm',
    name: 'RMM agent',
    team: 'noc',
    policy: 'noc-default',
    integrations: [{ type: 'heartbeat', key: HEARTBEAT_KEYS.acme, interval, grace }],
    priorityRules: [{ priority: 'high' }],
  });
  const acme = doc.clients?.find((c) => c.id === 'acme');
  if (!acme) throw new Error('the example config has no client acme');
  acme.services = ['acme-rmm'];
}

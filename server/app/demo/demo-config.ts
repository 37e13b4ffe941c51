import path from 'node:path';
import { projectRoot } from '../../project-root.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import type { Client } from '../../../shared/schemas/client.js';
import type { Config } from '../../../shared/config/config-schema.js';
import { applyConfig, type ApplyReport } from '../config/apply-config.js';
import { startSyntheticAlertStream } from './demo-alert-stream.js';
import { loadConfigFile } from '../config/load-config-file.js';

/** The demo team: the documented example config, which the relay must accept as it is. */
export const DEMO_CONFIG_PATH = path.join(projectRoot(), 'shared', 'config', 'klaxon.example.yaml');

/**
 * The demo's second client (the example config declares the first, Acme): a small business map on
 * the shared RMM service, recognised by the `group` label the synthetic alert stream sends.
 */
export const DEMO_EXTRA_CLIENT: Client = {
  id: 'globex',
  name: 'Globex Logistics',
  contacts: [{ name: 'Sam Globex', role: 'Operations lead', email: 'sam@globex.example' }],
  holidays: [],
  services: [],
  processes: [
    { id: 'dispatch', name: 'Truck dispatch', criticality: 'critical', services: ['rmm'] },
    { id: 'mail', name: 'E-mail', criticality: 'important', services: ['rmm'] },
  ],
  match: { labels: { group: '(?i)^globex$' }, emailDomains: ['globex.example'] },
};

/** The demo's config: the documented example plus `DEMO_EXTRA_CLIENT`. */
export async function loadDemoConfig(): Promise<Config> {
  const config = await loadConfigFile(DEMO_CONFIG_PATH);
  return { ...config, clients: [...config.clients, DEMO_EXTRA_CLIENT] };
}

/**
 * Applies the demo team (users ann, bob, cara, dan with the example's passwords, service `rmm`) and
 * two clients with small business maps: the example's Acme and `DEMO_EXTRA_CLIENT`.
 */
export async function applyDemoConfig(store: Store, clock: Clock, config?: Config): Promise<ApplyReport> {
  return applyConfig(store, config ?? (await loadDemoConfig()), clock);
}

/** A running synthetic alert stream; `stop` ends it at shutdown. */
export interface DemoAlertStream {
  stop(): Promise<void> | void;
}

/** What a demo alert stream may use. */
export interface DemoAlertStreamContext {
  store: Store;
  clock: Clock;
  log: Log;
  /** The relay's own URL, to post alerts through the real ingest routes. */
  url: string;
}

/** Starts the synthetic alert stream of `KLAXON_DEMO=1` (see `startSyntheticAlertStream`). */
export function startDemoAlertStream(context: DemoAlertStreamContext): DemoAlertStream {
  return startSyntheticAlertStream(context);
}

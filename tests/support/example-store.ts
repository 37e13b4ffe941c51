import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { type Config, ConfigSchema } from '../../shared/config/config-schema.js';
import { createStore } from '../../server/adapters/store/create-store.js';
import { applyConfig } from '../../server/app/config/apply-config.js';
import type { Clock } from '../../server/app/ports/clock.js';
import type { Store } from '../../server/app/ports/store.js';

/** The documented example config, parsed (the team, users, schedule, policy and service of the docs). */
export function exampleConfig(): Config {
  const file = new URL('../../shared/config/klaxon.example.yaml', import.meta.url);
  return ConfigSchema.parse(parse(readFileSync(file, 'utf8')));
}

/**
 * Opens a real SQLite store in a temporary folder with the example config applied (or `config`),
 * for app-layer tests; `cleanup` closes it and removes the folder.
 */
export async function openExampleStore(clock: Clock, config: Config = exampleConfig()): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-app-'));
  const store = await createStore(path.join(dir, 'klaxon.db'));
  await applyConfig(store, config, clock);
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

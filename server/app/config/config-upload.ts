import type { CommandResult } from '../../../shared/schemas/command.js';
import type { AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import { applyConfig, type ApplyReport } from './apply-config.js';
import { ConfigError, parseConfigText, type ConfigIssue } from './load-config-file.js';

/** Why an uploaded config was not applied: every wrong field, as a relay start would list them. */
export interface ConfigUploadRefusal {
  message: string;
  issues: readonly ConfigIssue[];
}

/**
 * Applies a config file sent to the running relay (`klaxon config apply`, `POST /api/v1/config/apply`):
 * parsed and checked by the loader a start uses (`parseConfigText`, the shared `ConfigSchema`), then
 * written by the same `applyConfig` a start runs — one transaction, audited as `config.applied` with
 * the admin as actor. A file with any wrong field changes nothing.
 */
export function createConfigUpload(deps: { store: Store; clock: Clock; audit: AuditTrail }) {
  return {
    async apply(by: { actorId: string; address?: string | null }, fileName: string, text: string): Promise<CommandResult<ApplyReport> | { ok: false; refusal: ConfigUploadRefusal }> {
      let config;
      try {
        config = parseConfigText(fileName, text);
      } catch (error) {
        if (error instanceof ConfigError) return { ok: false, refusal: { message: error.message, issues: error.issues } };
        throw error;
      }
      return { ok: true, value: await applyConfig(deps.store, config, deps.clock, deps.audit, by) };
    },
  };
}

/** The config upload, as `createConfigUpload` builds it. */
export type ConfigUpload = ReturnType<typeof createConfigUpload>;

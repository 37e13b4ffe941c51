import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { IntegrationType } from '../../../shared/schemas/service.js';
import { type Bucket, type RateRule, takeTokens } from '../../core/intake/rate-limit.js';
import type { Admission } from './admission.js';
import { hashIntegrationKey } from '../config/integration-key.js';
import type { Clock } from '../ports/clock.js';
import type { IntegrationRecord, Store } from '../ports/store.js';
import { createGroupCommit } from '../incidents/group-commit.js';
import { ingestAlerts, type IngestDeps, type IngestResult } from './ingest-alerts.js';

/** What the intake service needs: ingest's dependencies and the per-key rate rule. */
export interface IntakeServiceDeps extends IngestDeps {
  store: Store;
  clock: Clock;
  rate: RateRule;
}

/** How many keys' buckets are kept at most; the least recently used are forgotten (they refill anyway). */
const MAX_BUCKETS = 10_000;

/**
 * The intake service the transports call: finds an integration by its secret key (hashed, and only
 * for the right integration type), limits each key's rate, and ingests parsed alerts.
 */
export function createIntakeService(deps: IntakeServiceDeps) {
  const buckets = new Map<string, Bucket>();
  // Every transport's ingests share one group commit: requests arriving together share one fsync.
  const ingestDeps: IngestDeps = { ...deps, group: deps.group ?? createGroupCommit(deps) };
  return {
    /** The integration a key opens, when it exists and is of `type`. */
    async findIntegration(type: IntegrationType, key: string): Promise<IntegrationRecord | undefined> {
      const found = await deps.store.findIntegrationByKeyHash(hashIntegrationKey(key));
      return found?.type === type ? found : undefined;
    },

    /** The rate rule every key's bucket follows (for the transports' refusal texts). */
    rate: deps.rate,

    /**
     * Takes one token per alert of a request for an integration, all or none; answers how long to
     * wait when the key floods, or that the batch is larger than the burst and can never be taken
     * whole (each relay keeps its own buckets).
     */
    admit(integration: IntegrationRecord, alerts = 1): Admission {
      const decision = takeTokens(buckets.get(integration.id), deps.rate, alerts, deps.clock.now().getTime());
      buckets.delete(integration.id);
      buckets.set(integration.id, decision.bucket);
      if (buckets.size > MAX_BUCKETS) buckets.delete(buckets.keys().next().value!);
      if (decision.allowed) return { allowed: true };
      return decision.overBurst
        ? { allowed: false, overBurst: true }
        : { allowed: false, overBurst: false, retryAfterSeconds: decision.retryAfterSeconds, available: decision.available };
    },

    /**
     * Commits the alerts (one transaction, possibly shared with other requests'); resolves only once
     * they are durable, and rejects, with nothing of them stored, when they could not be.
     */
    ingest(integration: IntegrationRecord, alerts: readonly AlertInput[]): Promise<IngestResult[]> {
      return ingestAlerts(ingestDeps, integration, alerts);
    },
  };
}

/** The intake service, as `createIntakeService` builds it. */
export type IntakeService = ReturnType<typeof createIntakeService>;

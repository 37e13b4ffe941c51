import { afterDowntime, deadlineAfter, missedSummary, onDeadline } from '../../core/heartbeat/heartbeat-deadline.js';
import { commitAndPublish, type CommitDeps } from '../incidents/change-set.js';
import type { IntakeService } from '../intake/intake-service.js';
import type { JobHandler } from '../jobs/job-runner.js';
import type { Clock } from '../ports/clock.js';
import type { IntegrationRecord } from '../ports/store.js';
import { missedAlert, pingsReturnedAlert } from './heartbeat-alerts.js';
import { deadlineJob } from './heartbeat-jobs.js';
import { timingOf } from './heartbeat-timing.js';
import { createPingBatcher } from './ping-batcher.js';

/** The settings key where a relay that stops cleanly notes when (its node row is forgotten then). */
export const RELAY_STOPPED_KEY = 'heartbeats.relay-stopped-at';

/**
 * How far ahead of its last beat a relay node's `alive_until` lies: the job runner's default vouch
 * (`aliveForMs`). A node killed -9 was last seen alive that long before its `alive_until`.
 */
export const NODE_VOUCH_MS = 5_000;

/** What the heartbeat monitor needs: the store and feed, the clock, and ingest (missed heartbeats are alerts). */
export interface HeartbeatMonitorDeps extends CommitDeps {
  clock: Clock;
  intake: Pick<IntakeService, 'ingest'>;
  /** How far ahead of its last beat a node vouches to be alive (default `NODE_VOUCH_MS`). */
  nodeVouchMs?: number;
}

/** Heartbeat monitors at work: pings, deadline jobs, and the check after the relay was down. */
export interface HeartbeatMonitor {
  /** Records a ping of a heartbeat integration; resolves once it is committed. */
  ping(integration: IntegrationRecord): Promise<void>;
  /** The handler of `deadlineJob` rows. */
  readonly deadlineHandler: JobHandler;
  /**
   * Run at start, before the job runner: deadlines that passed while no relay was alive become
   * `relay-down` with a fresh deadline from now, instead of opening incidents. Returns how many.
   */
  recoverAfterDowntime(): Promise<number>;
  /** Run at a clean stop: notes when the relay stopped, for the next start's check. */
  noteStopped(): Promise<void>;
}

/**
 * Creates the heartbeat monitor. A ping of a heartbeat that is `ok` costs one row update, shared
 * with the pings that arrive with it; the first ping, or one that ends a silence, also schedules the
 * deadline row and resolves the open incident through ingest ("pings returned"). A missed deadline
 * opens an incident through ingest too (dedup key `heartbeat:<integration id>`), so priority rules,
 * clients and escalation apply as for any alert.
 */
export function createHeartbeatMonitor(deps: HeartbeatMonitorDeps): HeartbeatMonitor {
  const { store, clock } = deps;
  const batcher = createPingBatcher(store);
  // The full paths of one heartbeat run one after the other on this relay.
  const chains = new Map<string, Promise<unknown>>();
  const serially = <T>(id: string, work: () => Promise<T>): Promise<T> => {
    const run = (chains.get(id) ?? Promise.resolve()).catch(() => undefined).then(work);
    chains.set(id, run);
    void run.finally(() => chains.get(id) === run && chains.delete(id)).catch(() => undefined);
    return run;
  };

  const clientNameOf = async (serviceId: string): Promise<string | null> => {
    // A service belongs to the first client (in list order) that lists it.
    const owner = (await store.listClients()).find((r) => r.client.services.includes(serviceId));
    return owner?.client.name ?? null;
  };

  const fullPing = async (integration: IntegrationRecord, now: Date) => {
    const current = await store.getHeartbeat(integration.id);
    let resolved: string | null = null;
    if (current?.state === 'late') {
      const [result] = await deps.intake.ingest(integration, [pingsReturnedAlert(integration.id)]);
      if (result?.outcome === 'resolved') resolved = result.incidentId;
    }
    const deadlineAt = deadlineAfter(now, timingOf(integration));
    await commitAndPublish(deps, now, async (changes) => {
      await changes.tx.saveHeartbeat({
        integrationId: integration.id,
        serviceId: integration.serviceId,
        state: 'ok',
        lastPingAt: now,
        deadlineAt,
        incidentId: null,
        updatedAt: now,
      });
      await changes.schedule(deadlineJob.make(integration.id, deadlineAt));
      if (resolved) await changes.timeline(resolved, 'note.added', { type: 'system', id: null }, { text: 'pings returned' });
    });
  };

  const deadlineHandler: JobHandler = async (job, now) => {
    const id = deadlineJob.integrationOf(job);
    if (!id) return;
    const heartbeat = await store.getHeartbeat(id);
    if (!heartbeat) return;
    const integration = (await store.listIntegrations(heartbeat.serviceId)).find((i) => i.id === id && i.type === 'heartbeat');
    if (!integration) {
      // The config no longer declares it.
      await store.deleteHeartbeat(id);
      return;
    }
    const outcome = onDeadline(heartbeat, now);
    if (outcome.kind === 'none') return;
    if (outcome.kind === 'wait') {
      await commitAndPublish(deps, now, (changes) => changes.schedule(deadlineJob.make(id, outcome.until)));
      return;
    }
    await serially(id, async () => {
      const service = await store.getService(heartbeat.serviceId);
      const summary = missedSummary(service?.name ?? heartbeat.serviceId, await clientNameOf(heartbeat.serviceId), outcome.silentSeconds);
      const details = {
        lastPingAt: heartbeat.lastPingAt?.toISOString() ?? null,
        deadlineAt: heartbeat.deadlineAt?.toISOString() ?? null,
        ...timingOf(integration),
      };
      const [result] = await deps.intake.ingest(integration, [missedAlert(id, summary, details)]);
      const marked = await store.markHeartbeatLate(id, heartbeat.deadlineAt!, result?.incidentId ?? null, now);
      // A ping came while the incident opened: the silence is over already.
      if (!marked) await deps.intake.ingest(integration, [pingsReturnedAlert(id)]);
    });
  };

  return {
    async ping(integration) {
      const now = clock.now();
      const deadlineAt = deadlineAfter(now, timingOf(integration));
      if (await batcher.record(integration.id, now, deadlineAt)) return;
      // Pings of a burst that queued behind the full path find the heartbeat ok by then: cheap again.
      await serially(integration.id, async () => {
        if (!(await batcher.record(integration.id, now, deadlineAt))) await fullPing(integration, now);
      });
    },
    deadlineHandler,
    async recoverAfterDowntime() {
      const startedAt = clock.now();
      const stopped = await store.getSetting(RELAY_STOPPED_KEY);
      const nodes = await store.lastRelayAliveUntil();
      // A node's last beat, not the instant it vouched for: a relay killed -9 was not alive after it.
      const lastBeat = nodes ? nodes.getTime() - (deps.nodeVouchMs ?? NODE_VOUCH_MS) : undefined;
      const known = [lastBeat, stopped === undefined ? undefined : Number(stopped)].filter((t): t is number => Number.isFinite(t));
      const lastAlive = known.length ? new Date(Math.max(...known)) : undefined;
      // Another relay sharing PostgreSQL is alive: it has been listening all along. (A relay on SQLite
      // is alone on its database: a node row vouching for now is its own previous run, killed.)
      if (store.engine === 'postgres' && nodes && nodes.getTime() >= startedAt.getTime()) return 0;
      if (lastAlive && lastAlive.getTime() >= startedAt.getTime()) return 0;
      const integrations = new Map((await store.listIntegrations()).map((i) => [i.id, i]));
      return commitAndPublish(deps, startedAt, async (changes) => {
        let count = 0;
        for (const heartbeat of await changes.tx.listHeartbeats()) {
          const integration = integrations.get(heartbeat.integrationId);
          if (!integration) continue;
          const outcome = afterDowntime(heartbeat, timingOf(integration), lastAlive, startedAt);
          if (outcome.kind === 'keep') continue;
          await changes.tx.saveHeartbeat({ ...heartbeat, state: 'relay-down', deadlineAt: outcome.deadlineAt, updatedAt: startedAt });
          await changes.schedule(deadlineJob.make(heartbeat.integrationId, outcome.deadlineAt));
          count += 1;
        }
        return count;
      });
    },
    async noteStopped() {
      await store.setSetting(RELAY_STOPPED_KEY, String(clock.now().getTime()));
    },
  };
}

import { sendBurst, type BurstResult } from './alert-burst.js';
import { awaitVerdict, type KillVerdict } from './kill-verdict.js';
import { startRelayCluster } from './relay-cluster.js';
import type { RelayExit } from '../../support/relay-process.js';
import { watchTakeover, type Takeover } from './takeover.js';

/** The kill -9 scenario's knobs (the CI test runs it small, the bench big). */
export interface KillScenarioOptions {
  relays: number;
  alerts: number;
  concurrency: number;
  pgServerUrl: string;
  redisUrl: string;
  /** The two level delays, e.g. `['1s', '1s']`, so that escalations fall due during the burst. */
  delays: [string, string];
  /** How long to wait for everything to arrive after the burst, in ms (a deadline, not a target). */
  settleDeadlineMs: number;
  /** Every n-th request is a malformed event (0 = none). */
  malformedEvery?: number;
  /** Progress lines (the bench prints them; the test keeps quiet). */
  log?: (line: string) => void;
}

/** What a run of the scenario came to. */
export interface KillScenarioResult {
  burst: BurstResult;
  /** How the killed relay ended (SIGKILL expected). */
  exit: RelayExit;
  /** How many alerts had been accepted when the relay was killed. */
  acceptedAtKill: number;
  takeover: Takeover;
  verdict: KillVerdict;
  /** From the kill until the verdict settled (or the deadline), in ms. */
  settledMs: number;
  /** Phone reconnects after the kill (the killed relay's phones found a survivor). */
  reconnects: number;
  /** The relays' stderr lines, for a failure message. */
  stderr: string[];
}

/**
 * Runs the scale-out kill scenario: `relays` relays on PostgreSQL + Redis with phones on them; a
 * burst of alerts round-robin over them whose escalations (bob, then cara, then the failover
 * e-mail) fall due during the burst; the first relay is killed with SIGKILL once half the burst is
 * accepted; then waits until every accepted alert is stored, escalated through every step, every
 * page reached a phone of its person and every failover e-mail the mail server — or the deadline.
 */
export async function runKillScenario(options: KillScenarioOptions): Promise<KillScenarioResult> {
  const log = options.log ?? (() => undefined);
  const cluster = await startRelayCluster(options);
  try {
    const victim = cluster.relays[0]!;
    log(`${options.relays} relays up (startup ${cluster.relays.map((r) => `${r.startupMs} ms`).join(', ')}); phones connected`);
    let killing: Promise<{ exit: RelayExit; killedAt: number; takeover: Promise<Takeover> }> | undefined;
    let acceptedAtKill = 0;
    const burst = await sendBurst({
      alerts: options.alerts,
      concurrency: options.concurrency,
      aliveUrls: cluster.aliveUrls,
      prefix: `kill-${Date.now().toString(36)}`,
      malformedEvery: options.malformedEvery ?? 0,
      onAccepted: (count) => {
        if (killing || count < Math.floor(options.alerts / 2)) return;
        acceptedAtKill = count;
        killing = (async () => {
          const killedAt = Date.now();
          const exiting = victim.kill9();
          // The load balancer's health check drops it at once; requests already in flight fail and go elsewhere.
          cluster.markDead(victim);
          const exit = await exiting;
          log(`relay ${victim.port} killed with SIGKILL after ${count} alerts accepted`);
          return { exit, killedAt, takeover: watchTakeover(cluster.databaseUrl, killedAt, options.relays, options.settleDeadlineMs) };
        })();
      },
    });
    log(`burst: ${burst.accepted.length} accepted, ${burst.unanswered.length} unanswered, ${burst.retried} re-sent in ${(burst.ms / 1000).toFixed(1)} s`);
    if (!killing) throw new Error('the burst ended before half of it was accepted: no relay was killed');
    const { exit, killedAt, takeover } = await killing;
    let lastProgress = 0;
    const verdict = await awaitVerdict(cluster.databaseUrl, burst.accepted, cluster.phones, cluster.mail, options.settleDeadlineMs, (v) => {
      if (Date.now() - lastProgress < 2_000) return;
      lastProgress = Date.now();
      log(
        `+${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill: lost ${v.lost.length}, steps missing ${v.stepsSkipped.length}, ` +
          `pages ${v.pages} (${v.pagesUndelivered.length} not on a phone yet), failover mails ${v.failoverMails}/${v.accepted}`,
      );
    });
    const settledMs = Date.now() - killedAt;
    return {
      burst,
      exit,
      acceptedAtKill,
      takeover: await takeover,
      verdict,
      settledMs,
      reconnects: cluster.phones.reduce((sum, p) => sum + p.reconnects, 0),
      stderr: cluster.relays.flatMap((r) => r.stderr),
    };
  } finally {
    await cluster.dispose();
  }
}

import { describe, expect, it } from 'vitest';
import { runKillScenario } from '../bench/support/kill-scenario.js';

const PG = process.env.KLAXON_TEST_PG_URL;
const REDIS = process.env.KLAXON_TEST_REDIS_URL;
const suite = PG && REDIS ? describe : describe.skip;

/** A generous deadline for everything to arrive after the kill: a dead node's leases run out after 5 s. */
const SETTLE_MS = 60_000;
/** Small enough to stay near a minute on a busy two-core machine; the bench runs the long form. */
const ALERTS = 90;

suite(PG && REDIS ? 'three relays on PostgreSQL + Redis, one killed with -9 mid-burst' : 'scale-out kill -9 (set KLAXON_TEST_PG_URL and KLAXON_TEST_REDIS_URL to run)', () => {
  it('loses no accepted alert, skips no escalation step, gets every page to a phone and lets the survivors take over', { timeout: 180_000 }, async () => {
    const result = await runKillScenario({
      relays: 3,
      alerts: ALERTS,
      concurrency: 12,
      pgServerUrl: PG!,
      redisUrl: REDIS!,
      delays: ['1s', '1s'],
      settleDeadlineMs: SETTLE_MS,
      malformedEvery: 15,
    });
    const { verdict, burst, takeover } = result;
    console.info(
      `[scale-out-kill] accepted ${verdict.accepted} (${result.acceptedAtKill} before the kill), lost ${verdict.lost.length}, ` +
        `steps skipped ${verdict.stepsSkipped.length}, pages ${verdict.pages} (undelivered ${verdict.pagesUndelivered.length}, duplicates ${verdict.duplicates}), ` +
        `failover mails ${verdict.failoverMails}, ${takeover.leasedAtDeath} leases taken over in ${takeover.ms} ms, settled ${result.settledMs} ms after the kill`,
    );
    expect(result.exit.signal).toBe('SIGKILL');
    // The misuse in the storm: malformed events are refused with a 400, whichever relay gets them.
    expect(burst.malformed.statuses).toEqual(Array(burst.malformed.sent).fill(400));
    expect(burst.malformed.sent).toBeGreaterThan(0);
    // Every alert was answered 2xx by some relay (the load balancer sends a failed one elsewhere).
    expect(burst.unanswered).toEqual([]);
    expect(verdict.accepted).toBe(ALERTS);
    expect(verdict.lost).toEqual([]);
    expect(verdict.stepsSkipped).toEqual([]);
    expect(verdict.stepsDoubled).toBe(0);
    expect(verdict.pagesMissing).toEqual([]);
    expect(verdict.pages).toBe(2 * verdict.accepted);
    expect(verdict.pagesUndelivered).toEqual([]);
    // Need-to-know holds across relays: dan, whom no level pages, heard nothing.
    expect(verdict.strayPages).toBe(0);
    expect(verdict.failoverMails).toBe(verdict.accepted);
    // The killed relay's phones found a survivor, and the survivors took over its leased jobs.
    expect(result.reconnects).toBeGreaterThanOrEqual(2);
    expect(takeover.deadNode).toBeDefined();
    if (takeover.leasedAtDeath > 0) expect(takeover.ms).toBeGreaterThan(0);
  });
});

/**
 * Scale-out kill benchmark (the long form of tests/integration/scale-out-kill.test.ts): `--relays N`
 * (3) relay processes on a throw-away PostgreSQL database and one Redis, phones for bob, cara and dan
 * on them; a burst of `--alerts N` Events v2 triggers round-robin over the relays (`--concurrency`
 * in flight) whose escalations (bob after 0 s, cara after `--delay`, then the failover e-mail) fall
 * due during the burst; the first relay is killed with SIGKILL once half the burst is accepted.
 * Prints alerts accepted and lost, escalation steps skipped, pages delivered and duplicated (the
 * phone drops those by id), failover e-mails, and how long the survivors took to take over the dead
 * relay's leased jobs. The baseline column is what the promise allows (0 lost, 0 skipped).
 *
 *   npx tsx tests/bench/scale-out-kill.ts [--size short|long] [--relays N] [--alerts N] [--concurrency N] [--delay 1s]
 *     [--pg URL] [--redis URL]   (default: KLAXON_TEST_PG_URL / KLAXON_TEST_REDIS_URL, else the local servers)
 */
import { parseArgs } from 'node:util';
import { runKillScenario } from './support/kill-scenario.js';
import { printReport } from './support/report.js';

const { values: flags } = parseArgs({
  options: {
    size: { type: 'string', default: process.env.KLAXON_BENCH_SIZE ?? 'short' },
    relays: { type: 'string' },
    alerts: { type: 'string' },
    concurrency: { type: 'string' },
    delay: { type: 'string', default: '1s' },
    pg: { type: 'string' },
    redis: { type: 'string' },
  },
  strict: false,
});
const long = flags.size === 'long';
const RELAYS = Number(flags.relays ?? 3);
const ALERTS = Number(flags.alerts ?? (long ? 1000 : 300));
const CONCURRENCY = Number(flags.concurrency ?? (long ? 32 : 16));
const DELAY = String(flags.delay);
const PG = String(flags.pg ?? process.env.KLAXON_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const REDIS = String(flags.redis ?? process.env.KLAXON_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

const started = Date.now();
const result = await runKillScenario({
  relays: RELAYS,
  alerts: ALERTS,
  concurrency: CONCURRENCY,
  pgServerUrl: PG,
  redisUrl: REDIS,
  delays: [DELAY, DELAY],
  settleDeadlineMs: long ? 240_000 : 120_000,
  malformedEvery: 50,
  log: (line) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`),
});
const { verdict, burst, takeover } = result;
const fine = { unit: '' };
printReport(`scale-out: ${RELAYS} relays on PostgreSQL + Redis, ${ALERTS} alerts (${CONCURRENCY} in flight), one relay killed -9 after ${result.acceptedAtKill} accepted`, [
  { measure: 'alerts accepted (2xx)', klaxon: verdict.accepted, ...fine },
  { measure: 'alerts unanswered after re-sends', baseline: 0, klaxon: burst.unanswered.length, ...fine },
  { measure: 'requests re-sent to a survivor', klaxon: burst.retried, ...fine },
  { measure: 'accepted alerts lost', baseline: 0, klaxon: verdict.lost.length, ...fine },
  { measure: 'escalation steps skipped', baseline: 0, klaxon: verdict.stepsSkipped.length, ...fine },
  { measure: 'escalation steps recorded twice', baseline: 0, klaxon: verdict.stepsDoubled, ...fine },
  { measure: 'pages (rows)', baseline: 2 * verdict.accepted, klaxon: verdict.pages, ...fine },
  { measure: 'pages that reached no phone of their person', baseline: 0, klaxon: verdict.pagesUndelivered.length, ...fine },
  { measure: 'pages still not marked delivered', baseline: 0, klaxon: verdict.pagesNotMarkedDelivered, ...fine },
  { measure: 'duplicate page arrivals (dropped by id)', klaxon: verdict.duplicates, ...fine },
  { measure: 'pages on a phone they were not for', baseline: 0, klaxon: verdict.strayPages, ...fine },
  { measure: 'failover e-mails (one per incident)', baseline: verdict.accepted, klaxon: verdict.failoverMails, ...fine },
  { measure: 'failover e-mails sent twice', klaxon: verdict.failoverMailDuplicates, ...fine },
  { measure: "dead relay's leased jobs at the kill", klaxon: takeover.leasedAtDeath, ...fine },
  { measure: 'kill → its leases taken over', klaxon: takeover.ms, unit: 'ms' },
  { measure: 'kill → everything arrived', klaxon: result.settledMs, unit: 'ms' },
  { measure: 'burst wall time', klaxon: burst.ms, unit: 'ms' },
]);
const ok =
  burst.unanswered.length === 0 &&
  verdict.lost.length === 0 &&
  verdict.stepsSkipped.length === 0 &&
  verdict.pagesMissing.length === 0 &&
  verdict.pagesUndelivered.length === 0 &&
  verdict.strayPages === 0 &&
  verdict.failoverMails === verdict.accepted;
process.stdout.write(ok ? 'verdict: nothing lost, nothing skipped, every page delivered\n' : 'verdict: FAILED (see the rows above)\n');
if (!ok) {
  process.stdout.write(`lost: ${verdict.lost.slice(0, 5).join(', ')}\nskipped: ${verdict.stepsSkipped.slice(0, 5).join(', ')}\nundelivered: ${verdict.pagesUndelivered.slice(0, 5).join(', ')}\n`);
  process.stdout.write(`relay stderr (last lines):\n${result.stderr.slice(-20).join('\n')}\n`);
  process.exitCode = 1;
}

import { KEYS } from '../../support/test-config.js';

/** What a burst of Events v2 triggers came to. */
export interface BurstResult {
  /** The dedup keys of the alerts a relay answered 2xx (each must be stored, whatever happens next). */
  accepted: string[];
  /** Alerts no relay answered 2xx for, after the retries (they may or may not be stored). */
  unanswered: string[];
  /** Requests that failed on the wire (a relay killed under them) and were sent again elsewhere. */
  retried: number;
  /** The malformed events sent among the good ones, and what each was answered. */
  malformed: { sent: number; statuses: number[] };
  /** Wall time of the whole burst, in ms. */
  ms: number;
}

/** How to send a burst. */
export interface BurstOptions {
  /** How many alerts (one trigger each, each its own incident). */
  alerts: number;
  /** How many requests are in flight at once. */
  concurrency: number;
  /** The relays a load balancer would send to now; the burst asks again before each request. */
  aliveUrls: () => string[];
  /** Prefix of the dedup keys, unique per run. */
  prefix: string;
  /** Called once after each 2xx with the number accepted so far (e.g. to kill a relay half-way). */
  onAccepted?: (count: number) => void;
  /** Every `malformedEvery`-th request is an invalid event (misuse in the middle of the storm); 0 = none. */
  malformedEvery?: number;
}

/** How many relays an alert is tried on before it counts as unanswered. */
const TRIES = 4;

function trigger(dedupKey: string): string {
  return JSON.stringify({
    routing_key: KEYS.eventsV2,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: { summary: `Core switch storm ${dedupKey}`, source: 'scale-out-kill', severity: 'critical' },
  });
}

/** An event with a severity the Events v2 schema does not know: the relay must refuse it with a 400. */
function malformed(dedupKey: string): string {
  return JSON.stringify({
    routing_key: KEYS.eventsV2,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: { summary: 'not an event', source: 'scale-out-kill', severity: 'apocalyptic' },
  });
}

/**
 * Sends `alerts` Events v2 triggers round-robin over the relays alive, `concurrency` at a time, as
 * monitoring tools behind a load balancer would: a request that fails on the wire (connection
 * refused or reset by a dying relay) or gets a 5xx is sent again to the next relay. Only a 2xx
 * counts as accepted: the durability promise is about those.
 */
export async function sendBurst(options: BurstOptions): Promise<BurstResult> {
  const accepted: string[] = [];
  const unanswered: string[] = [];
  const statuses: number[] = [];
  let retried = 0;
  let next = 0;
  let malformedSent = 0;
  const started = performance.now();

  const post = (url: string, body: string) =>
    fetch(`${url}/v2/enqueue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(30_000) });

  const sendOne = async (i: number) => {
    const dedupKey = `${options.prefix}-${i}`;
    const every = options.malformedEvery ?? 0;
    if (every > 0 && i % every === every - 1) {
      malformedSent++;
      let status = 0;
      // A relay killed under the request answers nothing: the next one must still refuse it.
      for (let t = 0; t < TRIES && status === 0; t++) {
        const alive = options.aliveUrls();
        const response = await post(alive[(i + t) % alive.length]!, malformed(`${dedupKey}-bad`)).catch(() => undefined);
        status = response?.status ?? 0;
        await response?.body?.cancel();
      }
      statuses.push(status);
    }
    for (let t = 0; t < TRIES; t++) {
      const alive = options.aliveUrls();
      const url = alive[(i + t) % alive.length]!;
      const response = await post(url, trigger(dedupKey)).catch(() => undefined);
      await response?.body?.cancel();
      if (response && response.status >= 200 && response.status < 300) {
        accepted.push(dedupKey);
        options.onAccepted?.(accepted.length);
        return;
      }
      if (response && response.status < 500) break;
      retried++;
    }
    unanswered.push(dedupKey);
  };

  const worker = async () => {
    while (next < options.alerts) await sendOne(next++);
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.alerts) }, worker));
  return { accepted, unanswered, retried, malformed: { sent: malformedSent, statuses }, ms: performance.now() - started };
}

import type { AuditEvent, AuditTrail } from '../ports/audit.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Store } from '../ports/store.js';

/** One request made with an API token, as the audit trail records it. */
export interface TokenUse {
  tokenId: string;
  /** Who the token acted as (the owner, or the service account). */
  actorId: string;
  method: string;
  /** The route pattern (`/api/v1/incidents/:id/acknowledge`), never the raw URL with its query. */
  route: string;
  status: number;
  address?: string | null;
  /** A write (anything but GET/HEAD/OPTIONS): recorded before the answer goes out. */
  write: boolean;
}

/** What the recorder needs; the timings have defaults. */
export interface TokenUsageDeps {
  store: Pick<Store, 'transaction'>;
  clock: Clock;
  audit: AuditTrail;
  /** How long a read's record may wait to be written with others (default 1 s). */
  flushAfterMs?: number;
  /** How many waiting records make a flush at once (default 100). */
  batchSize?: number;
  /** How often a token's last-used time is written at most (default one minute). */
  lastUsedEveryMs?: number;
  /** Told when a background flush failed (its records are lost; the relay logs it). */
  onError?: (error: unknown) => void;
}

/** Records every use of an API token in the audit trail, cheaply. */
export interface TokenUsage {
  /**
   * Records a use. A write is written at once together with everything waiting, and the promise
   * settles when it is committed; a read waits (at most `flushAfterMs`, or until `batchSize` records
   * wait) and its promise settles at once.
   */
  record(use: TokenUse): Promise<void>;
  /** Writes everything waiting now, in one transaction. */
  flush(): Promise<void>;
  /** Cancels the timer and writes what waits (on relay close). */
  close(): Promise<void>;
}

/**
 * Creates the write-behind recorder of API token uses: each use becomes an `api-token.used` audit
 * event (token id, method, route, status, time of use); reads are batched into one transaction per
 * second, writes are committed before their answer is sent. A token's `last_used_at` rides along in
 * the same transaction, at most once a minute per token.
 */
export function createTokenUsage(deps: TokenUsageDeps): TokenUsage {
  const flushAfterMs = deps.flushAfterMs ?? 1000;
  const batchSize = deps.batchSize ?? 100;
  const lastUsedEveryMs = deps.lastUsedEveryMs ?? 60_000;
  let waiting: AuditEvent[] = [];
  let touches = new Map<string, Date>();
  const lastTouched = new Map<string, number>();
  let timer: TimerHandle | undefined;

  const flush = async () => {
    timer?.cancel();
    timer = undefined;
    const events = waiting;
    const touched = [...touches].map(([id, at]) => ({ id, at }));
    waiting = [];
    touches = new Map();
    if (!events.length && !touched.length) return;
    await deps.store.transaction(async (tx) => {
      for (const event of events) await deps.audit.record(event, tx);
      if (touched.length) await tx.touchApiTokens(touched);
    });
  };
  const background = () => {
    flush().catch((error: unknown) => deps.onError?.(error));
  };

  return {
    async record(use) {
      const now = deps.clock.now();
      waiting.push({
        action: 'api-token.used',
        actorId: use.actorId,
        address: use.address ?? null,
        subject: { kind: 'api-token', id: use.tokenId },
        details: { method: use.method, route: use.route, status: use.status, at: now.toISOString() },
      });
      const last = lastTouched.get(use.tokenId);
      if (last === undefined || now.getTime() - last >= lastUsedEveryMs) {
        lastTouched.set(use.tokenId, now.getTime());
        touches.set(use.tokenId, now);
      }
      if (use.write) return flush();
      if (waiting.length >= batchSize) background();
      else timer ??= deps.clock.setTimer(new Date(now.getTime() + flushAfterMs), background);
    },
    flush,
    async close() {
      await flush();
    },
  };
}

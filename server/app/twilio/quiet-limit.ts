import type { ChannelSender } from '../escalation/page-sender.js';
import type { StoreSession } from '../ports/store.js';

/** A token bucket keyed by contact (the adapters' `createContactRateLimit` fits). */
export interface KeyedLimiter {
  take(key: string): { allowed: true } | { allowed: false; retryAfterMs: number };
  giveBack(key: string): void;
}

/**
 * Puts a person's quiet limit in front of the SMS or voice sender: at most `maxPerHour` SMS and calls
 * (together) per phone number per hour — the person's own `contacts.phone.maxPerHour`, else the
 * relay's default. A page over the limit fails on that channel with the reason (not retried: the
 * person asked not to be reached more often), so their other channels and the escalation go on. A
 * send that failed reached nobody and does not count: a provider failing for a while must not use up
 * the hour, so that the retry that would get through is refused. `limiterFor(n)` answers one shared
 * limiter per hourly limit.
 */
export function withQuietLimit(
  sender: ChannelSender,
  deps: { store: Pick<StoreSession, 'getContacts'>; defaultPerHour: number; limiterFor: (perHour: number) => KeyedLimiter },
): ChannelSender {
  return async (page, incident, user, attempt) => {
    const phone = (await deps.store.getContacts(user.id))?.phone;
    if (!phone) return sender(page, incident, user, attempt);
    const perHour = phone.maxPerHour ?? deps.defaultPerHour;
    const limiter = deps.limiterFor(perHour);
    const key = `phone ${phone.number}`;
    const decision = limiter.take(key);
    if (!decision.allowed) {
      // Whole seconds first: the bucket's float arithmetic can add a millisecond (30 min must not read 31).
      return { status: 'failed', retryable: false, error: `quiet limit: at most ${perHour} SMS and calls per hour to this number; next in ${Math.max(1, Math.ceil(Math.floor(decision.retryAfterMs / 1000) / 60))} min` };
    }
    try {
      const outcome = await sender(page, incident, user, attempt);
      if (outcome.status === 'failed') limiter.giveBack(key);
      return outcome;
    } catch (error) {
      limiter.giveBack(key);
      throw error;
    }
  };
}

/**
 * The sends on a channel whose provider answer (and so whose receipt) is still to come. A provider
 * may call back about a message before the relay has written the receipt that ties it to its page:
 * a call that fails at once, or a status callback overtaking the answer to the send. Whoever reads
 * a callback's receipt and finds none waits for these sends, then looks again.
 */
export interface SendsInFlight {
  /** Counts `send` (the provider call and the receipt's write) as in flight until it settles. */
  track<T>(send: Promise<T>): Promise<T>;
  /** Resolves once every send in flight now has settled (each ends by its own timeout). */
  settled(): Promise<void>;
}

/** Creates the tracker. */
export function createSendsInFlight(): SendsInFlight {
  const running = new Set<Promise<unknown>>();
  return {
    track(send) {
      running.add(send);
      const forget = () => void running.delete(send);
      send.then(forget, forget);
      return send;
    },
    async settled() {
      await Promise.allSettled([...running]);
    },
  };
}

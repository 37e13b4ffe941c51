/**
 * A set of keys that remembers at most `max` of them, forgetting the oldest first. The outcome
 * metrics use it to count each transition once without their memory growing with the store.
 */
export interface BoundedMemory {
  /** Remembers `key`; true when it was not remembered yet (the caller counts), false when it was. */
  remember(key: string): boolean;
  /** How many keys are remembered now. */
  readonly size: number;
}

/** Creates a bounded memory of at most `max` keys. */
export function createBoundedMemory(max: number): BoundedMemory {
  const keys = new Set<string>();
  return {
    remember(key) {
      if (keys.has(key)) return false;
      keys.add(key);
      if (keys.size > max) {
        const oldest = keys.values().next();
        if (!oldest.done) keys.delete(oldest.value);
      }
      return true;
    },
    get size() {
      return keys.size;
    },
  };
}

import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useServices } from '../services/services.js';
import type { LinkEvent, RelayLink } from '../services/socket.js';

/** How the console's link to the relay stands. */
export type ConnectionState = 'live' | 'reconnecting' | 'offline';

/**
 * Reconnection attempts after which the console says "Offline" rather than "Reconnecting…"; with the
 * socket's 1 s doubling backoff this is about seven seconds after the link dropped.
 */
export const OFFLINE_AFTER_ATTEMPTS = 3;

/**
 * The state of the link to the relay, driven by the socket's events: `live` while connected,
 * `reconnecting` right after a drop (and before the first connect), `offline` once several attempts
 * have failed, the relay refused us, or the link was closed. `offlineSince` is when the link dropped.
 */
export const useConnectionStore = defineStore('connection', () => {
  const { now } = useServices();

  const state = ref<ConnectionState>('offline');
  const offlineSince = ref<Date | null>(null);
  /** False until the first successful connect, so the banner can say "Connecting…" at start. */
  const everConnected = ref(false);
  /** Why the relay refused the link, when it did. */
  const refusal = ref<string | null>(null);
  let detach: (() => void) | null = null;

  function apply(event: LinkEvent): void {
    switch (event.type) {
      case 'connected':
        state.value = 'live';
        offlineSince.value = null;
        everConnected.value = true;
        refusal.value = null;
        break;
      case 'disconnected':
        offlineSince.value ??= now();
        state.value = event.willRetry ? 'reconnecting' : 'offline';
        break;
      case 'retrying':
        offlineSince.value ??= now();
        state.value = event.attempt >= OFFLINE_AFTER_ATTEMPTS ? 'offline' : 'reconnecting';
        break;
      case 'refused':
        offlineSince.value ??= now();
        state.value = 'offline';
        refusal.value = event.message;
        break;
    }
  }

  /** Follows `link` from now on (replacing any link followed before); returns the detach function. */
  function follow(link: RelayLink): () => void {
    detach?.();
    state.value = link.socket.connected ? 'live' : 'reconnecting';
    offlineSince.value = null;
    everConnected.value = link.socket.connected;
    refusal.value = null;
    const unsubscribe = link.onEvent(apply);
    detach = () => {
      unsubscribe();
      detach = null;
    };
    return detach;
  }

  /** Stops following the link and marks the console offline from now. */
  function stop(): void {
    detach?.();
    state.value = 'offline';
    offlineSince.value ??= now();
  }

  return { state, offlineSince, everConnected, refusal, follow, stop };
});

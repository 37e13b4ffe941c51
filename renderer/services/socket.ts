import { io, type Socket } from 'socket.io-client';
import type { ConsoleClientToServerEvents, ConsoleServerToClientEvents } from '../../shared/socket-events.js';

/** The typed Socket.IO client of the `/console` namespace. */
export type ConsoleSocket = Socket<ConsoleServerToClientEvents, ConsoleClientToServerEvents>;

/** What happened to the link to the relay, in the words the connection store needs. */
export type LinkEvent =
  | { type: 'connected' }
  /** The link dropped; `willRetry` is false when this console closed it itself. */
  | { type: 'disconnected'; reason: string; willRetry: boolean }
  /** A reconnection attempt is starting (1, 2, 3 …). */
  | { type: 'retrying'; attempt: number }
  /** The relay refused the connection (e.g. the token expired); the client will not retry. */
  | { type: 'refused'; message: string };

/** A live link to the relay's `/console` namespace. */
export interface RelayLink {
  /** The socket, for stores that send commands or listen to pushes. */
  readonly socket: ConsoleSocket;
  /** Subscribes to link events; returns the unsubscribe function. */
  onEvent(listener: (event: LinkEvent) => void): () => void;
  /** Closes the link for good. */
  close(): void;
}

/** Opens a link; stores and views take this type so tests can give them a fake. */
export type OpenRelayLink = (relayUrl: string, token: string) => RelayLink;

/** Reconnection backoff: 1 s, doubling with jitter, at most 30 s apart, forever. */
const RECONNECT = { reconnectionDelay: 1_000, reconnectionDelayMax: 30_000, randomizationFactor: 0.5 } as const;

/**
 * Connects to `${relayUrl}/console` with the login token and reconnects with backoff until closed.
 */
export const openRelayLink: OpenRelayLink = (relayUrl, token) => {
  const socket: ConsoleSocket = io(`${relayUrl.replace(/\/+$/, '')}/console`, {
    auth: { token },
    reconnection: true,
    reconnectionAttempts: Infinity,
    ...RECONNECT,
  });
  const listeners = new Set<(event: LinkEvent) => void>();
  const emit = (event: LinkEvent): void => {
    for (const listener of listeners) listener(event);
  };

  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  socket.on('connect', () => emit({ type: 'connected' }));
  socket.on('disconnect', (reason) => {
    // A relay that shuts down disconnects its sockets itself, and Socket.IO does not retry after
    // that: retry anyway. If the relay no longer accepts the token, the retry is refused.
    const serverSide = reason === 'io server disconnect';
    emit({ type: 'disconnected', reason, willRetry: socket.active || (serverSide && !closed) });
    if (serverSide && !closed) retryTimer = setTimeout(() => socket.connect(), RECONNECT.reconnectionDelay);
  });
  socket.on('connect_error', (error) => {
    // socket.active is false only when the relay's middleware refused us; then no retry follows.
    if (!socket.active) emit({ type: 'refused', message: error.message });
  });
  socket.io.on('reconnect_attempt', (attempt) => emit({ type: 'retrying', attempt }));

  return {
    socket,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      listeners.clear();
      socket.disconnect();
    },
  };
};

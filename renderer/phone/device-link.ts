import { io, type Socket } from 'socket.io-client';
import type { CommandResult } from '../../shared/schemas/command.js';
import type { PagePush } from '../../shared/schemas/page.js';
import type { DeviceClientToServerEvents, DeviceServerToClientEvents } from '../../shared/socket-events.js';

/** The typed Socket.IO client of the `/device` namespace. */
export type DeviceSocket = Socket<DeviceServerToClientEvents, DeviceClientToServerEvents>;

/** Where the phone's link to the relay stands. */
export type LinkState = 'connecting' | 'live' | 'offline' | 'refused';

/** A command the phone sends, by event name. */
export type DeviceCommand = 'page:read' | 'incident:acknowledge' | 'incident:resolve' | 'incident:escalate' | 'incident:snooze';

/** The phone's live link to the relay. */
export interface DeviceLink {
  /** Subscribes to pages; `delivered` must be called for each (the relay records delivery). */
  onPage(listener: (page: PagePush, delivered: () => void) => void): () => void;
  onState(listener: (state: LinkState) => void): () => void;
  /** Sends a command; while offline it waits in the socket's buffer and goes out on reconnect. */
  command(event: DeviceCommand, payload: { id: string } | { incidentId: string; duration?: number }): Promise<CommandResult>;
  /** Watches one incident (null: none) and calls `listener` when it changes; kept across reconnects. */
  watch(incidentId: string | null, listener: () => void): void;
  close(): void;
}

/** Opens a link with a device token; views and stores take this type so tests can fake it. */
export type OpenDeviceLink = (token: string) => DeviceLink;

/** How long a command waits for the relay's answer once sent. */
const COMMAND_TIMEOUT_MS = 20_000;

/**
 * Connects to `${base}/device` and reconnects by itself with backoff (1 s doubling to 15 s). The
 * browser's `offline` event drops the link at once and `online` reconnects at once, so a phone that
 * switches networks gets the pages it missed (the relay replays unread pages on connect) without
 * waiting for the backoff.
 */
export function openDeviceLink(base: string, win: Window): OpenDeviceLink {
  return (token) => {
    const socket: DeviceSocket = io(`${base}/device`, {
      auth: { token },
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 15_000,
    });
    const pageListeners = new Set<(page: PagePush, delivered: () => void) => void>();
    const stateListeners = new Set<(state: LinkState) => void>();
    const setState = (state: LinkState) => stateListeners.forEach((l) => l(state));
    let watched: { incidentId: string; listener: () => void } | null = null;
    const sendWatch = () => socket.emit('incident:watch', { incidentId: watched?.incidentId ?? null }, () => {});
    socket.on('incident:changed', ({ incidentId }) => {
      if (watched?.incidentId === incidentId) watched.listener();
    });

    socket.on('page', (page, delivered) => pageListeners.forEach((l) => l(page, typeof delivered === 'function' ? delivered : () => {})));
    socket.on('connect', () => {
      setState('live');
      // A new connection has no watch yet; what changed while offline shows on the refetch.
      if (watched) {
        sendWatch();
        watched.listener();
      }
    });
    socket.on('disconnect', () => setState('offline'));
    socket.on('connect_error', (error) => setState(error.message === 'unauthorized' ? 'refused' : 'offline'));
    socket.io.on('reconnect_attempt', () => setState('connecting'));
    const offline = () => socket.disconnect();
    const online = () => {
      if (!socket.connected) socket.connect();
    };
    win.addEventListener('offline', offline);
    win.addEventListener('online', online);

    return {
      onPage(listener) {
        pageListeners.add(listener);
        return () => pageListeners.delete(listener);
      },
      onState(listener) {
        stateListeners.add(listener);
        return () => stateListeners.delete(listener);
      },
      command(event, payload) {
        return new Promise((resolve) => {
          const done = (error: Error | null, result?: CommandResult) =>
            resolve(error || !result ? { ok: false, error: { code: 'unavailable', message: 'the relay did not answer; try again' } } : result);
          (socket.timeout(COMMAND_TIMEOUT_MS) as unknown as { emit(e: string, p: unknown, cb: typeof done): void }).emit(event, payload, done);
        });
      },
      watch(incidentId, listener) {
        watched = incidentId ? { incidentId, listener } : null;
        if (socket.connected) sendWatch();
      },
      close() {
        win.removeEventListener('offline', offline);
        win.removeEventListener('online', online);
        socket.close();
      },
    };
  };
}

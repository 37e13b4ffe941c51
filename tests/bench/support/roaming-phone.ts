import { io as connect, type Socket } from 'socket.io-client';
import type { PagePush } from '../../../shared/schemas/page.js';

/**
 * A phone app on the relay's `/device` namespace that, like the real one behind a load balancer,
 * finds another relay when its relay goes away, and keeps every page it got by id: a page that
 * comes again (a replay after the reconnect, or a re-send after a crash) is counted as a duplicate
 * and dropped, as the phone app drops it.
 */
export interface RoamingPhone {
  /** The person whose phone it is. */
  readonly userId: string;
  /** How many times each page id came (1 = once). */
  readonly received: ReadonlyMap<string, number>;
  /** Which relay it is connected to now (undefined while it looks for one). */
  readonly relayUrl: string | undefined;
  /** How many times it connected again after its relay went away. */
  readonly reconnects: number;
  /** Resolves once it is connected (again) to a relay. */
  connected(): Promise<void>;
  close(): void;
}

/** How long a phone waits before trying the next relay, in ms (the app's reconnect back-off). */
const RETRY_MS = 200;

/**
 * Connects a phone with device token `deviceToken` to `firstUrl`; when that connection drops, it
 * tries the relays `aliveUrls()` names (the load balancer's view) in turn until one takes it.
 * Every page is acknowledged (= delivered), duplicates included, as the app does.
 */
export function roamingPhone(userId: string, deviceToken: string, firstUrl: string, aliveUrls: () => string[]): RoamingPhone {
  const received = new Map<string, number>();
  let socket: Socket | undefined;
  let relayUrl: string | undefined;
  let closed = false;
  let reconnects = 0;
  let attempt = 0;
  let ready: Promise<void>;

  const open = (url: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = connect(`${url}/device`, { auth: { token: deviceToken }, transports: ['websocket'], reconnection: false, forceNew: true });
      s.on('page', (push: PagePush, delivered?: () => void) => {
        received.set(push.id, (received.get(push.id) ?? 0) + 1);
        delivered?.();
      });
      s.once('connect', () => {
        socket = s;
        relayUrl = url;
        s.once('disconnect', () => {
          relayUrl = undefined;
          if (!closed) {
            reconnects++;
            ready = roam(url);
          }
        });
        resolve();
      });
      s.once('connect_error', (error) => {
        s.close();
        reject(error);
      });
    });

  const roam = async (lost: string): Promise<void> => {
    while (!closed) {
      const candidates = aliveUrls().filter((url) => url !== lost);
      const url = candidates[attempt++ % Math.max(1, candidates.length)];
      if (url) {
        try {
          await open(url);
          return;
        } catch {
          // That relay is not taking connections (yet): try the next one after the back-off.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  };

  ready = open(firstUrl);
  return {
    userId,
    received,
    get relayUrl() {
      return relayUrl;
    },
    get reconnects() {
      return reconnects;
    },
    connected: () => ready,
    close() {
      closed = true;
      socket?.close();
    },
  };
}

import { io as connect, type Socket } from 'socket.io-client';
import type { CommandResult } from '../../shared/schemas/command.js';
import type { PagePush } from '../../shared/schemas/page.js';

/** A page as a test phone got it, with when it arrived (`Date.now()`). */
export interface ReceivedPage extends PagePush {
  receivedAt: number;
}

/** A phone signed in on the relay's `/device` namespace that acknowledges (= delivered) every page. */
export interface TestPhone {
  readonly socket: Socket;
  /** Every page event received, replays and repeats included, in order. */
  readonly pages: ReceivedPage[];
  /** Resolves with the first page (already received or still to come) that `match` accepts. */
  waitForPage(match: (page: ReceivedPage) => boolean, timeoutMs: number): Promise<ReceivedPage>;
  /** Sends `page:read` and resolves with the relay's answer. */
  read(pageId: string): Promise<CommandResult>;
  close(): void;
}

/** Signs `username` in over HTTP and returns the login token. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login of ${username} answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * Registers a phone for the person of login token `token` (as the phone app does after a password
 * sign-in) and returns its device token.
 */
export async function registerPhone(baseUrl: string, token: string, name = 'Test phone'): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/devices`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 200) throw new Error(`registering a phone answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * Connects a phone to `baseUrl`'s `/device` namespace and waits until it is connected; a login token
 * is first turned into a device token (`/device` takes device tokens only). The page listener is in
 * place before the connection, so replayed pages are not missed.
 */
export async function connectPhone(baseUrl: string, token: string): Promise<TestPhone> {
  const deviceToken = token.startsWith('kxd_') ? token : await registerPhone(baseUrl, token);
  const socket = connect(`${baseUrl}/device`, { auth: { token: deviceToken }, transports: ['websocket'], reconnection: false });
  const pages: ReceivedPage[] = [];
  const waiters = new Set<(page: ReceivedPage) => void>();
  socket.on('page', (push: PagePush, delivered?: () => void) => {
    const page = { ...push, receivedAt: Date.now() };
    pages.push(page);
    delivered?.();
    waiters.forEach((waiter) => waiter(page));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    socket,
    pages,
    waitForPage(match, timeoutMs) {
      const seen = pages.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching page within ${timeoutMs} ms (got ${pages.map((p) => p.id).join(', ') || 'none'})`));
        }, timeoutMs);
        const waiter = (page: ReceivedPage) => {
          if (!match(page)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(page);
        };
        waiters.add(waiter);
      });
    },
    read: (pageId) => socket.timeout(15_000).emitWithAck('page:read', { id: pageId }) as Promise<CommandResult>,
    close: () => void socket.close(),
  };
}

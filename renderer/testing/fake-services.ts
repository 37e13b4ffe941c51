import { createPinia, setActivePinia } from 'pinia';
import { createApp } from 'vue';
import type { DeepLink, HostBridge, HostSettings } from '../../shared/ipc.js';
import type { LoginRequest, LoginResponse, User } from '../../shared/schemas/user.js';
import type { RelayApi } from '../services/relay-api.js';
import { type ConsoleServices, ServicesKey } from '../services/services.js';
import type { ConsoleSocket, LinkEvent, RelayLink } from '../services/socket.js';

/** A host bridge that keeps everything in memory, for store tests. */
export interface FakeHost extends HostBridge {
  settings: HostSettings;
  token: string | null;
}

/** Creates an in-memory host bridge. */
export function createFakeHost(): FakeHost {
  const host: FakeHost = {
    kind: 'browser',
    settings: { relayUrl: 'http://127.0.0.1:7300', soundMuted: false },
    token: null,
    async getSettings() {
      return host.settings;
    },
    async saveSettings(settings) {
      host.settings = { ...host.settings, ...settings };
      return host.settings;
    },
    async saveToken(token) {
      host.token = token;
    },
    async loadToken() {
      return host.token;
    },
    async clearToken() {
      host.token = null;
    },
    setUnreadHighCount() {},
    notify() {},
    onDeepLink(_listener: (link: DeepLink) => void) {
      return () => {};
    },
  };
  return host;
}

/** A relay link whose events the test fires by hand. */
export interface FakeLink extends RelayLink {
  fire(event: LinkEvent): void;
  listenerCount(): number;
}

/** Creates a fake relay link, connected or not. */
export function createFakeLink(connected = false): FakeLink {
  const listeners = new Set<(event: LinkEvent) => void>();
  return {
    socket: { connected } as ConsoleSocket,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
    },
    fire(event) {
      for (const listener of listeners) listener(event);
    },
    listenerCount: () => listeners.size,
  };
}

/** A relay API whose answers the test chooses; it records logouts. */
export interface FakeApi extends RelayApi {
  loggedOut: string[];
}

/** Creates a relay API whose login answers with `login` and `me` with `me` (both functions of the request). */
export function createFakeApi(
  login: (relayUrl: string, request: LoginRequest) => Promise<LoginResponse>,
  me: (relayUrl: string, token: string) => Promise<User> = async () => {
    throw new Error('me not faked');
  },
): FakeApi {
  const api: FakeApi = {
    loggedOut: [],
    login,
    me,
    async logout(_relayUrl, token) {
      api.loggedOut.push(token);
    },
  };
  return api;
}

/**
 * Installs a fresh Pinia on a bare app that provides `services`, and makes it the active Pinia:
 * the stores' setup functions then find the services through inject().
 */
export function installTestPinia(services: ConsoleServices): void {
  const pinia = createPinia();
  createApp({}).provide(ServicesKey, services).use(pinia);
  setActivePinia(pinia);
}

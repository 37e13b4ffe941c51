import { describe, expect, it } from 'vitest';
import type { DeepLink } from '../../shared/ipc.js';
import { BrowserHostKeys, createBrowserHost } from './browser-host.js';
import { defaultRelayUrl } from './host.js';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('createBrowserHost', () => {
  it('returns the schema defaults when nothing (or garbage) is stored', async () => {
    const settingsStorage = memoryStorage();
    const host = createBrowserHost({ settingsStorage, tokenStorage: memoryStorage() });
    expect(await host.getSettings()).toEqual({ relayUrl: 'http://127.0.0.1:7300', soundMuted: false });
    settingsStorage.data.set(BrowserHostKeys.settings, '{not json');
    expect((await host.getSettings()).relayUrl).toBe('http://127.0.0.1:7300');
  });

  it('merges and validates saved settings', async () => {
    const host = createBrowserHost({ settingsStorage: memoryStorage(), tokenStorage: memoryStorage() });
    expect(await host.saveSettings({ soundMuted: true })).toEqual({ relayUrl: 'http://127.0.0.1:7300', soundMuted: true });
    await expect(host.saveSettings({ relayUrl: 'not a url' })).rejects.toThrow();
  });

  it('keeps the token in the session storage only', async () => {
    const settingsStorage = memoryStorage();
    const tokenStorage = memoryStorage();
    const host = createBrowserHost({ settingsStorage, tokenStorage });
    await host.saveToken('secret');
    expect(await host.loadToken()).toBe('secret');
    expect(tokenStorage.data.get(BrowserHostKeys.token)).toBe('secret');
    expect([...settingsStorage.data.values()].join()).not.toContain('secret');
    await host.clearToken();
    expect(await host.loadToken()).toBeNull();
  });

  it('notifies only with permission, and a click opens the incident', () => {
    const shown: Array<{ title: string; onclick: (() => void) | null }> = [];
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      onclick: (() => void) | null = null;
      constructor(readonly title: string) {
        shown.push(this);
      }
    }
    const host = createBrowserHost({
      settingsStorage: memoryStorage(),
      tokenStorage: memoryStorage(),
      notifications: FakeNotification as unknown as typeof Notification,
    });
    const links: DeepLink[] = [];
    const unsubscribe = host.onDeepLink((link) => links.push(link));
    host.notify({ title: 'P1', body: 'disk full', incidentId: 'inc-1' });
    expect(shown).toHaveLength(0);
    FakeNotification.permission = 'granted';
    host.notify({ title: 'P1', body: 'disk full', incidentId: 'inc-1' });
    shown[0]?.onclick?.();
    expect(links).toEqual([{ kind: 'incident', id: 'inc-1' }]);
    unsubscribe();
    shown[0]?.onclick?.();
    expect(links).toHaveLength(1);
  });
});

describe('defaultRelayUrl', () => {
  it('uses the page origin when the relay served the page', () => {
    expect(defaultRelayUrl({ protocol: 'http:', origin: 'http://noc:7300' }, 'http://saved:1')).toBe('http://noc:7300');
  });

  it('uses the saved address inside the desktop app', () => {
    expect(defaultRelayUrl({ protocol: 'app:', origin: 'app://console' }, 'http://saved:1')).toBe('http://saved:1');
  });
});

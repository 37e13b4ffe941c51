import { createPinia, setActivePinia } from 'pinia';
import { createApp } from 'vue';
import { beforeEach, describe, expect, it } from 'vitest';
import { CLOCK_PREFS_KEY, parseClockPrefs, resolveZone } from './clock-prefs.js';
import { type ClockServices, ClockServicesKey } from './clock-services.js';
import { useClockStore } from './use-clock-store.js';

function harness(saved?: string) {
  const items = new Map<string, string>(saved ? [[CLOCK_PREFS_KEY, saved]] : []);
  let current = new Date('2026-03-08T06:30:00Z');
  const ticks: (() => void)[] = [];
  const services: ClockServices = {
    storage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) },
    now: () => current,
    browserZone: () => 'Asia/Kolkata',
    every: (_ms, fn) => {
      ticks.push(fn);
      return () => ticks.splice(ticks.indexOf(fn), 1);
    },
  };
  const pinia = createPinia();
  createApp({}).provide(ClockServicesKey, services).use(pinia);
  setActivePinia(pinia);
  return {
    items,
    ticks,
    advance: (ms: number) => {
      current = new Date(current.getTime() + ms);
      ticks.forEach((fn) => fn());
    },
  };
}

describe('clock settings', () => {
  it('reads saved settings and falls back for what is missing or unknown', () => {
    expect(parseClockPrefs(null)).toEqual({ zone: 'auto', hourCycle: 24 });
    expect(parseClockPrefs('{"zone":"Pacific/Chatham","hourCycle":12}')).toEqual({ zone: 'Pacific/Chatham', hourCycle: 12 });
    expect(parseClockPrefs('{"zone":"Mars/Base","hourCycle":13}')).toEqual({ zone: 'auto', hourCycle: 24 });
    expect(parseClockPrefs('not json')).toEqual({ zone: 'auto', hourCycle: 24 });
  });

  it('uses the team zone on team pages only when automatic', () => {
    expect(resolveZone({ zone: 'auto' }, 'Asia/Kolkata', 'America/New_York')).toBe('America/New_York');
    expect(resolveZone({ zone: 'auto' }, 'Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(resolveZone({ zone: 'browser' }, 'Asia/Kolkata', 'America/New_York')).toBe('Asia/Kolkata');
    expect(resolveZone({ zone: 'Pacific/Chatham' }, 'Asia/Kolkata', 'America/New_York')).toBe('Pacific/Chatham');
    expect(resolveZone({ zone: 'auto' }, 'Asia/Kolkata', 'Not/AZone')).toBe('Asia/Kolkata');
  });
});

describe('useClockStore', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness('{"zone":"browser","hourCycle":12}');
  });

  it('starts from the saved settings', () => {
    const clock = useClockStore();
    expect(clock.prefs).toEqual({ zone: 'browser', hourCycle: 12 });
    expect(clock.zone).toBe('Asia/Kolkata');
  });

  it('keeps a change for next time and applies it at once', () => {
    const clock = useClockStore();
    clock.setPrefs({ zone: 'America/New_York', hourCycle: 24 });
    expect(clock.zone).toBe('America/New_York');
    expect(clock.zoneFor('Europe/Berlin')).toBe('America/New_York');
    expect(JSON.parse(h.items.get(CLOCK_PREFS_KEY) ?? '{}')).toEqual({ zone: 'America/New_York', hourCycle: 24 });
  });

  it('refuses a zone that does not exist', () => {
    const clock = useClockStore();
    clock.setPrefs({ zone: 'Nowhere/Land' });
    expect(clock.prefs.zone).toBe('auto');
  });

  it('ticks each second, once however often it is started', () => {
    const clock = useClockStore();
    clock.start();
    expect(h.ticks).toHaveLength(1);
    h.advance(1000);
    expect(clock.now.toISOString()).toBe('2026-03-08T06:30:01.000Z');
    clock.halt();
    expect(h.ticks).toHaveLength(0);
  });
});

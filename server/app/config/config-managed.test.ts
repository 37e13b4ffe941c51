import { describe, expect, it } from 'vitest';
import { configSource, configSources, entryDigest, forgetDeclaredEntries, markConsoleEdit, recordDeclared, settleEntry } from './config-managed.js';

const settings = () => {
  const map = new Map<string, string>();
  return { getSetting: async (k: string) => map.get(k), setSetting: async (k: string, v: string) => void map.set(k, v) };
};
const at = new Date('2026-12-01T06:00:00Z');

describe('the config-managed entries', () => {
  it('keeps a console edit while the digest stays, and lets a changed entry win', async () => {
    const store = settings();
    const digest = entryDigest({ id: 'noc', name: 'NOC' });
    expect(entryDigest({ name: 'NOC', id: 'noc', extra: undefined })).toBe(digest);
    expect(await settleEntry(store, 'team', 'noc', digest, false)).toEqual({ write: true, replacesConsoleEdit: false });
    await recordDeclared(store, 'team', ['noc']);
    expect(await configSource(store, 'team', 'noc')).toBe('file');

    await markConsoleEdit(store, 'team', 'noc', 'ada', at);
    expect(await configSource(store, 'team', 'noc')).toBe('edited');
    expect(await settleEntry(store, 'team', 'noc', digest, true)).toEqual({ write: false });
    expect(await configSource(store, 'team', 'noc')).toBe('edited');

    expect(await settleEntry(store, 'team', 'noc', entryDigest({ id: 'noc', name: 'NOC 2' }), true)).toEqual({ write: true, replacesConsoleEdit: true });
    expect(await configSource(store, 'team', 'noc')).toBe('file');
  });

  it('marks nothing on console-made objects, and forgets what a file declared on a start without one', async () => {
    const store = settings();
    await markConsoleEdit(store, 'user', 'eve', 'ada', at);
    expect(await store.getSetting('config.entry:user:eve')).toBeUndefined();
    await settleEntry(store, 'user', 'bob', 'd1', false);
    await recordDeclared(store, 'user', ['bob']);
    expect(await configSources(store, 'user', ['bob', 'eve'])).toEqual(new Map([['bob', 'file'], ['eve', 'console']]));
    await forgetDeclaredEntries(store);
    expect(await configSource(store, 'user', 'bob')).toBe('console');
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalJson, fitDedupKey, stableDedupKey } from './dedup-key.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });

  it('drops undefined fields like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });
});

describe('stableDedupKey', () => {
  it('is the same for the same value whatever the key order, and differs otherwise', () => {
    const a = stableDedupKey('am', { alertname: 'InstanceDown', instance: 'db1' });
    expect(a).toBe(stableDedupKey('am', { instance: 'db1', alertname: 'InstanceDown' }));
    expect(a).not.toBe(stableDedupKey('am', { instance: 'db2', alertname: 'InstanceDown' }));
    expect(a).toMatch(/^am-[0-9a-f]{32}$/);
  });
});

describe('fitDedupKey', () => {
  it('keeps a key that fits, hashes a long one, and drops an empty one', () => {
    expect(fitDedupKey(' srv01/mysql ', 'x')).toBe('srv01/mysql');
    expect(fitDedupKey('k'.repeat(300), 'x')).toMatch(/^x-[0-9a-f]{32}$/);
    expect(fitDedupKey('   ', 'x')).toBeUndefined();
    expect(fitDedupKey(undefined, 'x')).toBeUndefined();
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, parseSecretKey, SecretKeyMissingError } from './secret-box.js';

describe('the secret box (AES-256-GCM)', () => {
  const box = createSecretBox(randomBytes(32));

  it('opens what it sealed, for the same context only', () => {
    const sealed = box.seal('private-key-1', 'connectwise:a:privateKey');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('private-key-1');
    expect(box.open(sealed, 'connectwise:a:privateKey')).toBe('private-key-1');
    expect(() => box.open(sealed, 'connectwise:b:privateKey')).toThrow();
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c'));
  });

  it('refuses an altered value and another key', () => {
    const sealed = box.seal('value', 'c');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([...parts.slice(0, 3), flipped.toString('base64url')].join('.'), 'c')).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'c')).toThrow();
  });

  it('without a key, refuses to seal with a message naming KLAXON_SECRET_KEY', () => {
    const none = createSecretBox(undefined);
    expect(none.ready).toBe(false);
    expect(() => none.seal('x', 'c')).toThrow(SecretKeyMissingError);
    expect(() => none.seal('x', 'c')).toThrow(/KLAXON_SECRET_KEY/);
  });

  it('reads a 32-byte key as hex or base64, and nothing shorter', () => {
    expect(parseSecretKey('ab'.repeat(32))).toHaveLength(32);
    expect(parseSecretKey(randomBytes(32).toString('base64'))).toHaveLength(32);
    expect(() => parseSecretKey('abcd')).toThrow(/32 bytes/);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './history-cursor.js';

describe('history cursor', () => {
  it('round-trips as opaque URL-safe text', () => {
    const cursor = { sort: 'relevance' as const, key: [5, 1_893_456_000_000], id: 'inc-1' };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it('refuses text it did not make', () => {
    const bad = [
      'not a cursor',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from(JSON.stringify(['loudest', [1], 'x'])).toString('base64url'),
      Buffer.from(JSON.stringify(['newest', [{}], 'x'])).toString('base64url'),
      Buffer.from(JSON.stringify(['newest', [1], ''])).toString('base64url'),
    ];
    for (const text of bad) expect(decodeCursor(text)).toBeUndefined();
  });
});

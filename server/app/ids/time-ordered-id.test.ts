import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './time-ordered-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('makes UUIDs of version 7 whose first 48 bits are the time in milliseconds', () => {
    const at = Date.parse('2026-12-01T21:30:00.123Z') + 10_000;
    const id = timeOrderedId(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts ids in the order they were made, also many within one millisecond and when the clock steps back', () => {
    const base = Date.parse('2026-12-01T21:31:00Z') + 10_000;
    const ids: string[] = [];
    // 10,000 in one millisecond run the 12-bit counter out more than once: it carries into the next.
    for (let i = 0; i < 10_000; i++) ids.push(timeOrderedId(base));
    ids.push(timeOrderedId(base + 1), timeOrderedId(base - 5_000), timeOrderedId(base + 60_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('keeps 62 random bits, so ids made in the same millisecond by other relays do not collide', () => {
    const at = Date.parse('2026-12-01T21:32:00Z') + 10_000;
    const tails = new Set(Array.from({ length: 1_000 }, () => timeOrderedId(at + 100_000).slice(19)));
    expect(tails.size).toBe(1_000);
  });
});

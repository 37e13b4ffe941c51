import { describe, expect, it } from 'vitest';
import { createBoundedMemory } from './bounded-memory.js';

describe('createBoundedMemory', () => {
  it('remembers a key once and forgets the oldest beyond its size', () => {
    const memory = createBoundedMemory(2);
    expect(memory.remember('a')).toBe(true);
    expect(memory.remember('a')).toBe(false);
    memory.remember('b');
    memory.remember('c');
    expect(memory.size).toBe(2);
    expect(memory.remember('b')).toBe(false);
    expect(memory.remember('a')).toBe(true);
  });
});

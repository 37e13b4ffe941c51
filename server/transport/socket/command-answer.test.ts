import { describe, expect, it } from 'vitest';
import { commandArgs } from './command-answer.js';

describe('commandArgs', () => {
  it('finds the callback only when the last argument is a function', () => {
    const ack = () => undefined;
    expect(commandArgs([{ id: 'p' }, ack])).toEqual({ input: { id: 'p' }, ack });
    expect(commandArgs([ack])).toEqual({ input: undefined, ack });
    expect(commandArgs([{ id: 'p' }])).toEqual({ input: { id: 'p' }, ack: undefined });
    expect(commandArgs([{ id: 'p' }, 42])).toEqual({ input: { id: 'p' }, ack: undefined });
    expect(commandArgs([])).toEqual({ input: undefined, ack: undefined });
  });
});

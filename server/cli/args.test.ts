import { describe, expect, it } from 'vitest';
import { integerFlag, listFlag, parseCommandArgs, positional, requiredFlag } from './args.js';
import { CliError, EXIT } from './exit-codes.js';

const usage = (fn: () => unknown): CliError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a usage error');
};

describe('parseCommandArgs', () => {
  it('takes positionals, the command\'s flags and the global ones in any order', () => {
    const args = parseCommandArgs(['inc-1', '--json', 'inc-2', '--limit', '5', '--relay=http://r:1'], { limit: { type: 'string' } });
    expect(args.positionals).toEqual(['inc-1', 'inc-2']);
    expect(args.flags).toMatchObject({ json: true, limit: '5', relay: 'http://r:1' });
  });

  it('refuses an unknown flag as a usage error naming it', () => {
    const error = usage(() => parseCommandArgs(['--colour', 'red'], {}));
    expect(error.code).toBe(EXIT.usage);
    expect(error.field).toBe('--colour');
    expect(error.message).toContain('--colour');
  });

  it('refuses a flag without its value', () => {
    const error = usage(() => parseCommandArgs(['--limit'], { limit: { type: 'string' } }));
    expect(error.code).toBe(EXIT.usage);
    expect(error.message).toContain('--limit');
  });

  it('collects a repeatable flag, also comma-separated', () => {
    const args = parseCommandArgs(['--service', 'rmm', '--service', 'db,web'], { service: { type: 'string', multiple: true } });
    expect(listFlag(args, 'service')).toEqual(['rmm', 'db', 'web']);
  });
});

describe('flag readers', () => {
  const args = (flags: Record<string, string>, positionals: string[] = []) => ({ flags, positionals });

  it('reads a whole number in range, or the fallback', () => {
    expect(integerFlag(args({}), 'limit', 50, 1, 1000)).toBe(50);
    expect(integerFlag(args({ limit: '7' }), 'limit', 50, 1, 1000)).toBe(7);
    for (const bad of ['0', '1001', '2.5', 'ten']) expect(usage(() => integerFlag(args({ limit: bad }), 'limit', 50, 1, 1000)).field).toBe('--limit');
  });

  it('names a missing required flag or positional', () => {
    expect(usage(() => requiredFlag(args({}), 'user')).message).toBe('--user is required');
    expect(usage(() => requiredFlag(args({ user: '  ' }), 'user')).message).toBe('--user needs a value');
    expect(usage(() => positional(args({}), 0, 'ID')).field).toBe('ID');
    expect(positional(args({}, ['inc-1']), 0, 'ID')).toBe('inc-1');
  });
});

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './exit-codes.js';

/** The flags every command takes. */
export const GLOBAL_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  relay: { type: 'string' },
  token: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** A command's own flags, in `node:util` `parseArgs` form. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** A parsed command line: positional arguments and flag values (strings, booleans, or lists of strings). */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean | string[] | undefined>;
}

/**
 * Parses a command's arguments (everything after the command words) with its own flags plus the
 * global ones. Unknown flags and flags missing their value are usage errors naming the flag.
 */
export function parseCommandArgs(argv: readonly string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals: true, strict: true });
    return { positionals, flags: values as ParsedArgs['flags'] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(-{1,2}[\w-]+)/.exec(message)?.[1];
    // Node's messages end with advice for `node` itself ("To specify a positional argument…"); keep the first sentence.
    throw usageError(message.split('\n')[0]!.replace(/\. To specify.*$/, ''), flag);
  }
}

/** The string value of `--name`, or undefined; a usage error when it is given empty. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw usageError(`--${name} needs a value`, `--${name}`);
  return value;
}

/** The value of a required `--name`, a usage error when absent. */
export function requiredFlag(args: ParsedArgs, name: string): string {
  const value = stringFlag(args, name);
  if (value === undefined) throw usageError(`--${name} is required`, `--${name}`);
  return value;
}

/** Every value of a repeatable `--name` (also comma-separated), possibly none. */
export function listFlag(args: ParsedArgs, name: string): string[] {
  const value = args.flags[name];
  const values = value === undefined ? [] : Array.isArray(value) ? value : [String(value)];
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** A whole number from `--name` between `min` and `max`, or `fallback` when absent. */
export function integerFlag(args: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const text = stringFlag(args, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw usageError(`--${name} must be a whole number from ${min} to ${max}`, `--${name}`);
  return value;
}

/** The positional argument at `index`, a usage error naming `what` when it is missing. */
export function positional(args: ParsedArgs, index: number, what: string): string {
  const value = args.positionals[index];
  if (value === undefined || value.trim() === '') throw usageError(`give ${what}`, what);
  return value;
}

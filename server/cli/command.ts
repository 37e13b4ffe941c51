import type { OptionSpec, ParsedArgs } from './args.js';
import type { ExitCode } from './exit-codes.js';

/** What a command reaches the world through; tests pass their own. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  /** Writes a line (or lines) to stdout. */
  out(text: string): void;
  /** Writes a line (or lines) to stderr. */
  err(text: string): void;
  now(): Date;
  fetcher: typeof fetch;
  /** Asks for a secret on the terminal (or reads a line of stdin when it is not one). */
  readSecret(prompt: string): Promise<string>;
}

/** One `klaxon` command: the words that name it, its flags, help text and what it does. */
export interface Command {
  /** The command words, e.g. `['incidents', 'list']`. */
  words: readonly string[];
  /** The synopsis after `klaxon`, e.g. `incidents list [--status open|resolved|any]`. */
  usage: string;
  /** One line saying what it does. */
  summary: string;
  /** More help: what each flag means, examples. */
  details?: string;
  options: OptionSpec;
  /** Runs the command; answers its exit code (0 when it returns nothing) or throws a `CliError`. */
  run(context: CliContext, args: ParsedArgs): Promise<ExitCode | void>;
}

/** Prints `value` as JSON when `--json` was given, otherwise the human text `human()` makes. */
export function emit(context: CliContext, args: ParsedArgs, value: unknown, human: () => string): void {
  context.out(args.flags.json ? JSON.stringify(value, null, 2) : human());
}

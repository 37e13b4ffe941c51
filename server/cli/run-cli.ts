import { parseCommandArgs } from './args.js';
import type { CliContext, Command } from './command.js';
import { CliError, EXIT, type ExitCode } from './exit-codes.js';
import { commandHelp, groupHelp, overviewHelp } from './help.js';

/** Finds the command whose words start `argv` (the longest match), and the arguments after them. */
export function findCommand(commands: readonly Command[], argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  let best: { command: Command; rest: string[] } | undefined;
  for (const command of commands) {
    const matches = command.words.every((word, i) => argv[i] === word);
    if (matches && (!best || command.words.length > best.command.words.length)) best = { command, rest: argv.slice(command.words.length) };
  }
  return best;
}

/** The text of a failure on stderr: the command, the message, and the field when the message does not name it. */
export function errorText(words: readonly string[], error: CliError): string {
  const named = error.field !== undefined && new RegExp(`(^|[^\\w.-])${error.field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w.-])`).test(error.message);
  const field = error.field && !named ? ` (field: ${error.field})` : '';
  return `klaxon${words.length ? ` ${words.join(' ')}` : ''}: ${error.message}${field}`;
}

/**
 * Runs one `klaxon` command line and answers its exit code. Usage errors print the command's help
 * hint; relay refusals print the relay's message and field; nothing is thrown.
 */
export async function runCli(commands: readonly Command[], argv: readonly string[], context: CliContext): Promise<ExitCode> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    (first === undefined ? context.err : context.out)(overviewHelp(commands));
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  const found = findCommand(commands, argv);
  if (!found) {
    if (commands.some((c) => c.words[0] === first)) {
      const wantsHelp = argv.includes('--help') || argv.includes('-h');
      (wantsHelp ? context.out : context.err)(groupHelp(first, commands));
      if (!wantsHelp) context.err(`\nklaxon: "${argv.slice(0, 2).join(' ')}" is not a command`);
      return wantsHelp ? EXIT.ok : EXIT.usage;
    }
    context.err(`klaxon: unknown command "${first}"; run klaxon --help`);
    return EXIT.usage;
  }
  const { command, rest } = found;
  try {
    const args = parseCommandArgs(rest, command.options);
    if (args.flags.help) {
      context.out(commandHelp(command));
      return EXIT.ok;
    }
    return (await command.run(context, args)) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof CliError) {
      context.err(errorText(command.words, error));
      if (error.code === EXIT.usage) context.err(`Usage: klaxon ${command.usage}  (klaxon ${command.words.join(' ')} --help)`);
      return error.code;
    }
    context.err(`klaxon ${command.words.join(' ')}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.refused;
  }
}

import type { Command } from './command.js';
import { table } from './format.js';

/** The flags every command takes, as help shows them. */
const GLOBAL_HELP = [
  '  --json         print the relay\'s JSON answer instead of text (for scripts)',
  '  --relay URL    the relay to call (else KLAXON_RELAY, else the stored one)',
  '  --token T      the API token to send (else KLAXON_TOKEN, else the stored one)',
  '  -h, --help     this help',
].join('\n');

const EXIT_HELP = 'Exit codes: 0 ok, 1 refused or not found, 2 usage error, 3 auth error (401/403), 4 relay unreachable, 5 validation failed.';

/** `klaxon --help`: every command with its one-line summary. */
export function overviewHelp(commands: readonly Command[]): string {
  return [
    'klaxon — the Klaxon relay from the command line',
    '',
    'Usage: klaxon <command> [arguments] [flags]',
    '',
    table(['COMMAND', 'WHAT IT DOES'], commands.map((c) => [c.words.join(' '), c.summary])),
    '',
    'Flags of every command:',
    GLOBAL_HELP,
    '',
    EXIT_HELP,
    'Run klaxon <command> --help for one command.',
  ].join('\n');
}

/** `klaxon <command> --help`: its synopsis, summary, details and the global flags. */
export function commandHelp(command: Command): string {
  return [`Usage: klaxon ${command.usage}`, '', command.summary, ...(command.details ? ['', command.details] : []), '', 'Flags of every command:', GLOBAL_HELP, '', EXIT_HELP].join('\n');
}

/** The help for a group of commands (`klaxon incidents --help`): the commands under `word`. */
export function groupHelp(word: string, commands: readonly Command[]): string {
  const members = commands.filter((c) => c.words[0] === word);
  return [`Commands under klaxon ${word}:`, '', table(['COMMAND', 'WHAT IT DOES'], members.map((c) => [c.usage, c.summary])), '', EXIT_HELP].join('\n');
}

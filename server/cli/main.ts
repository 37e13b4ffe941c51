import { createInterface } from 'node:readline';
import type { CliContext } from './command.js';
import { COMMANDS } from './commands.js';
import { runCli } from './run-cli.js';

/** Reads one line from stdin: a prompt without echo on a terminal, the first line of piped input otherwise. */
function readSecret(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const terminal = process.stdin.isTTY === true;
    const lines = createInterface({ input: process.stdin, output: terminal ? process.stderr : undefined, terminal });
    if (terminal) {
      process.stderr.write(prompt);
      // Echo nothing of what is typed: the token never shows on screen or in scrollback.
      (lines as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => {};
    }
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      if (terminal) process.stderr.write('\n');
      lines.close();
      resolve(line);
    });
    lines.once('close', () => {
      if (!answered) resolve('');
    });
  });
}

/** The real world: process streams, environment, system clock and fetch. */
const context: CliContext = {
  env: process.env,
  out: (text) => void process.stdout.write(`${text}\n`),
  err: (text) => void process.stderr.write(`${text}\n`),
  now: () => new Date(),
  fetcher: fetch,
  readSecret,
};

// Set the exit code rather than exit(): stdout is flushed before the process ends, even when piped.
process.exitCode = await runCli(COMMANDS, process.argv.slice(2), context);

import { emit, type Command } from '../command.js';
import { CliError, EXIT, exitCodeOfStatus, usageError, type ExitCode } from '../exit-codes.js';
import { answerError } from '../relay-client.js';
import { errorText } from '../run-cli.js';
import { connect } from '../session.js';

/** The incident commands that act on one or more incidents, each through its own API route. */
const ACTIONS = {
  ack: { route: 'acknowledge', done: 'acknowledged', summary: 'acknowledge incidents (stops their escalation)' },
  resolve: { route: 'resolve', done: 'resolved', summary: 'resolve incidents' },
  escalate: { route: 'escalate', done: 'escalated', summary: 'escalate incidents to their next level now' },
} as const;

/** What happened to one incident of the command. */
export interface ActionOutcome {
  id: string;
  ok: boolean;
  status: number;
  answer: unknown;
}

/**
 * The exit code of several outcomes: 0 when all succeeded, else the code of the first failure (so a
 * refused token is 3 even when another incident was merely not found).
 */
export function outcomeExitCode(outcomes: readonly ActionOutcome[]): ExitCode {
  const failed = outcomes.find((o) => !o.ok);
  return failed ? exitCodeOfStatus(failed.status) : EXIT.ok;
}

function actionCommand(word: keyof typeof ACTIONS): Command {
  const action = ACTIONS[word];
  return {
    words: ['incidents', word],
    usage: `incidents ${word} ID…`,
    summary: action.summary,
    details: `Calls POST /api/v1/incidents/:id/${action.route} for each ID in turn; one refusal does not stop the others. The exit code is that of the first failure.`,
    options: {},
    async run(context, args) {
      if (args.positionals.length === 0) throw usageError('give at least one incident ID', 'ID');
      const client = connect(context, args);
      const outcomes: ActionOutcome[] = [];
      for (const id of args.positionals) {
        const answer = await client.send('POST', `/api/v1/incidents/${encodeURIComponent(id)}/${action.route}`);
        const ok = answer.status >= 200 && answer.status < 300;
        outcomes.push({ id, ok, status: answer.status, answer: answer.body });
        if (!ok && !args.flags.json) {
          context.err(errorText(['incidents', word, id], answerError(answer)));
        }
      }
      const done = outcomes.filter((o) => o.ok).map((o) => `${action.done} ${o.id}`);
      if (args.flags.json || done.length > 0) emit(context, args, { results: outcomes }, () => done.join('\n'));
      const code = outcomeExitCode(outcomes);
      // Errors were printed per incident already; the CliError only carries the exit code.
      if (code !== EXIT.ok && args.flags.json) throw new CliError(code, `${outcomes.filter((o) => !o.ok).length} of ${outcomes.length} refused`);
      return code;
    },
  };
}

/** `klaxon incidents ack|resolve|escalate ID…`. */
export const incidentActionCommands: Command[] = (Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]).map(actionCommand);

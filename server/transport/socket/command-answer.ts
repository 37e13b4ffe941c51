import type { Socket } from 'socket.io';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Log } from '../../adapters/log/create-logger.js';
import { REFUSED_EVENT } from './socket-rate-limit.js';

/** A socket event's arguments as the relay reads them: the input, and the callback if the last one is a function. */
export interface CommandArgs {
  input: unknown;
  ack: ((result: unknown) => void) | undefined;
}

/**
 * Splits an event's arguments: a client may send the input and a callback, only a callback, only the
 * input, or anything at all (a non-function "callback" is not one).
 */
export function commandArgs(args: unknown[]): CommandArgs {
  const last = args[args.length - 1];
  const ack = typeof last === 'function' ? (last as (result: unknown) => void) : undefined;
  return { input: ack && args.length === 1 ? undefined : args[0], ack };
}

const UNAVAILABLE = { ok: false, error: { code: 'unavailable', message: 'the relay could not do that; try again' } } as const;

/**
 * Carries out a socket command and answers it: through its callback when it has one; without one the
 * command is carried out all the same and a refusal is told with a `command:refused` event, so that
 * nothing is refused silently. A failure of the relay answers `unavailable` and is logged.
 */
export function answerCommand<T>(
  socket: Pick<Socket, 'emit'>,
  event: string,
  ack: CommandArgs['ack'],
  work: () => Promise<CommandResult<T>>,
  log: { log: Log; userId: string },
): void {
  const settle = (result: CommandResult<T>) => {
    if (ack) ack(result);
    else if (!result.ok) socket.emit(REFUSED_EVENT, { event, error: result.error });
  };
  work().then(settle, (error: unknown) => {
    log.log.error({ err: error, userId: log.userId, event }, 'socket command failed');
    settle(UNAVAILABLE);
  });
}

/**
 * The listener of one command, made once for every socket of a namespace: Socket.IO calls a
 * listener with its socket as `this`, so a phone's connection costs a listener entry per command,
 * not a set of closures (thousands of phones stay connected all day). `work` gets the socket, whose
 * `data.user` is the signed-in person, and the input.
 */
export function commandListener<T>(
  event: string,
  work: (socket: Socket, input: unknown) => Promise<CommandResult<T>>,
  log: Log,
): (this: Socket, ...args: unknown[]) => void {
  return function (this: Socket, ...args: unknown[]) {
    const { input, ack } = commandArgs(args);
    answerCommand(this, event, ack, () => work(this, input), { log, userId: (this.data as { user: { id: string } }).user.id });
  };
}

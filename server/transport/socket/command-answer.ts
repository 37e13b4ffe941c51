import type { CommandResult } from '../../../shared/schemas/command.js';
import type { CommandFailure } from '../../../shared/socket-events.js';
import type { Log } from '../../adapters/log/create-logger.js';

/** The one socket a command came from, as far as answering it goes. */
export interface CommandSocket {
  emit(event: 'command:failed', failure: CommandFailure): unknown;
}

const UNAVAILABLE = { code: 'unavailable' as const, message: 'the relay could not do that; try again' };

/**
 * Carries out one socket command and answers it. With an acknowledgement callback the result goes
 * there; without one the command is carried out all the same (DESIGN.md: "a command without one is
 * carried out all the same") and a refusal or failure is sent back as a `command:failed` event, so it
 * is never silently dropped. A payload-less `emit(name, callback)` hands the callback as the first
 * argument; it is taken as the callback. Errors are logged without the payload.
 */
export function answerCommand<T>(
  context: { socket: CommandSocket; command: string; log: Log; userId: string },
  input: unknown,
  ack: unknown,
  work: (input: unknown) => Promise<CommandResult<T>>,
): void {
  const [payload, callback] = typeof input === 'function' && ack === undefined ? [undefined, input] : [input, ack];
  const reply = (result: CommandResult<T>) => {
    if (typeof callback === 'function') callback(result);
    else if (!result.ok) context.socket.emit('command:failed', { command: context.command, error: result.error });
  };
  let running: Promise<CommandResult<T>>;
  try {
    running = work(payload);
  } catch (error) {
    running = Promise.reject(error);
  }
  running.then(reply, (error: unknown) => {
    context.log.error({ err: error, userId: context.userId, command: context.command }, 'socket command failed');
    reply({ ok: false, error: UNAVAILABLE });
  });
}

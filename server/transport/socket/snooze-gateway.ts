import type { z } from 'zod';
import type { CommandResult } from '../../../shared/schemas/command.js';
import { DeviceSnoozeCommandSchema, SnoozeCommandSchema, UnsnoozeCommandSchema } from '../../../shared/schemas/snooze.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { Requester } from '../../app/incidents/incident-actions.js';
import type { SnoozeService } from '../../app/snooze/snooze-service.js';
import { answerCommand, commandArgs } from './command-answer.js';
import type { ConsoleNamespace, DeviceNamespace } from './create-socket-server.js';
import type { SocketData } from './socket-auth.js';

/** Parses a command with its shared schema; a wrong field answers `invalid` naming it. */
function parse<S extends z.ZodType>(schema: S, input: unknown): { ok: true; value: z.output<S> } | CommandResult<never> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'command';
  return { ok: false, error: { code: 'invalid', message: `${field}: ${issue.message}`, field } };
}

/**
 * The console socket's snooze commands: `incident:snooze` `{ incidentIds, duration | until }` and
 * `incident:unsnooze` `{ incidentIds }`, validated with the shared schemas and carried out by the
 * snooze service (role, need-to-know, acknowledged); the acknowledgement is done or refused with why.
 * On `/device` (phones) it takes `incident:snooze` `{ incidentId, duration }` only.
 */
export function attachSnoozeGateway(ns: ConsoleNamespace | DeviceNamespace, deps: { snooze: SnoozeService; log: Log }): void {
  (ns as ConsoleNamespace).on('connection', (socket) => {
    const user = (socket.data as SocketData).user;
    const who: Requester = { userId: user.id, role: user.role, address: socket.handshake.address };
    const on = (event: string, handler: (...args: unknown[]) => void) => (socket as unknown as { on(e: string, h: (...a: unknown[]) => void): void }).on(event, handler);
    const command = <S extends z.ZodType>(event: string, schema: S, run: (value: z.output<S>) => Promise<CommandResult<unknown>>) =>
      on(event, (...args) => {
        const { input, ack } = commandArgs(args);
        answerCommand(socket, event, ack, async () => {
          const parsed = parse(schema, input);
          if (!parsed.ok) return parsed;
          const result = await run(parsed.value);
          return result.ok ? { ok: true as const, value: undefined } : result;
        }, { log: deps.log, userId: user.id });
      });
    if (ns.name === '/device') {
      // A phone snoozes the incident of the page it shows, for a duration (the same checks as the console).
      command('incident:snooze', DeviceSnoozeCommandSchema, (c) => deps.snooze.snooze(who, [c.incidentId], { duration: c.duration }));
      return;
    }
    command('incident:snooze', SnoozeCommandSchema, (c) => deps.snooze.snooze(who, c.incidentIds, c));
    command('incident:unsnooze', UnsnoozeCommandSchema, (c) => deps.snooze.unsnooze(who, c.incidentIds));
  });
}

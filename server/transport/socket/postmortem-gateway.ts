import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Postmortem } from '../../../shared/schemas/postmortem.js';
import { PostmortemEditCommandSchema } from '../../../shared/socket-events.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { PostmortemActor, PostmortemService } from '../../app/postmortems/postmortem-service.js';
import type { Store } from '../../app/ports/store.js';
import { can } from '../../core/access/permissions.js';
import { answerCommand, commandArgs } from './command-answer.js';
import { userRoom } from './console-fan-out.js';
import type { ConsoleNamespace } from './create-socket-server.js';
import type { SocketData } from './socket-auth.js';

/**
 * The console socket's post-mortem command: `postmortem:edit` `{ id, edit }`, validated with the
 * shared schema (a wrong field answers `invalid` naming it) and carried out by the post-mortem
 * service, which checks the role and need-to-know and answers `CommandResult<PostmortemEditResult>`.
 */
export function attachPostmortemGateway(ns: ConsoleNamespace, deps: { postmortems: PostmortemService; log: Log }): void {
  ns.on('connection', (socket) => {
    const user = (socket.data as SocketData).user;
    const who: PostmortemActor = { userId: user.id, role: user.role, address: socket.handshake.address };
    const on = (event: string, handler: (...args: unknown[]) => void) => (socket as unknown as { on(e: string, h: (...a: unknown[]) => void): void }).on(event, handler);
    on('postmortem:edit', (...args) => {
      const { input, ack } = commandArgs(args);
      answerCommand(socket, 'postmortem:edit', ack, async (): Promise<CommandResult<unknown>> => {
        const parsed = PostmortemEditCommandSchema.safeParse(input);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const field = issue.path.map(String).join('.') || 'command';
          return { ok: false, error: { code: 'invalid', message: `${field}: ${issue.message}`, field } };
        }
        return deps.postmortems.edit(who, parsed.data.id, parsed.data.edit);
      }, { log: deps.log, userId: user.id });
    });
  });
}

/**
 * Pushes a changed post-mortem as `postmortem:updated` to the consoles whose people may see it: every
 * console when none of its incidents is confidential; otherwise only the consoles (their `user:<id>`
 * rooms) of admins and IR managers and of the people on the need-to-know list of every confidential one.
 */
export function createPostmortemPush(ns: ConsoleNamespace, store: Pick<Store, 'listUsers' | 'listNeedToKnow'>, onError: (error: unknown) => void) {
  return (postmortem: Postmortem, incidents: readonly Incident[]): void => {
    const confidential = incidents.filter((i) => i.confidential);
    if (!confidential.length) {
      ns.emit('postmortem:updated', postmortem);
      return;
    }
    void (async () => {
      const managers = (await store.listUsers()).filter((u) => can(u.role, 'see-confidential')).map((u) => u.id);
      const lists = await Promise.all(confidential.map(async (i) => new Set((await store.listNeedToKnow(i.id)).map((e) => e.userId))));
      const listed = [...lists[0]!].filter((userId) => lists.every((list) => list.has(userId)));
      const rooms = [...new Set([...managers, ...listed])].map(userRoom);
      if (rooms.length) ns.to(rooms).emit('postmortem:updated', postmortem);
    })().catch(onError);
  };
}

import type { Namespace, Socket } from 'socket.io';
import type { SessionEnd, SessionEnds } from '../../app/accounts/session.js';
import type { SocketData } from './socket-auth.js';
import type { Clock } from '../../app/ports/clock.js';
import { refuseEvent } from './socket-rate-limit.js';

/** The room of every socket opened with one token (by the token's SHA-256, never the token). */
export const tokenRoom = (tokenHash: string): string => `token:${tokenHash}`;
/** The room of every socket of one person, in each namespace. */
export const personRoom = (userId: string): string => `user:${userId}`;

/**
 * Keeps a socket's session honest: the socket joins its token's and its person's rooms (so that a
 * sign-out, revocation, role change or deactivation on any relay cuts it), is disconnected when its
 * login token expires (on the relay's clock), and any event that arrives after the expiry is refused.
 */
export function watchSession(socket: Socket, { user, session }: SocketData, clock: Clock): void {
  void socket.join([tokenRoom(session.tokenHash), personRoom(user.id)]);
  const expiresAt = session.expiresAt;
  if (!expiresAt) return;
  const timer = clock.setTimer(expiresAt, () => socket.disconnect(true));
  socket.on('disconnect', () => timer.cancel());
  socket.use((packet, next) => {
    if (clock.now().getTime() < expiresAt.getTime()) return next();
    refuseEvent(socket, packet, { code: 'unauthorized', message: 'your sign-in expired; sign in again' }, () => true);
    socket.disconnect(true);
  });
}

/**
 * Cuts open sockets when sessions end: every socket of the ended token, or every socket of the
 * person, in each namespace. `disconnectSockets` goes through the Socket.IO adapter, so with Redis
 * it reaches the sockets on every relay. Returns the function that stops listening.
 */
export function cutEndedSessions(namespaces: Namespace[], ends: SessionEnds): () => void {
  return ends.subscribe((end: SessionEnd) => {
    const room = end.kind === 'token' ? tokenRoom(end.tokenHash) : personRoom(end.userId);
    for (const namespace of namespaces) namespace.in(room).disconnectSockets(true);
  });
}

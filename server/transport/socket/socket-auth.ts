import type { Socket } from 'socket.io';
import type { User } from '../../../shared/schemas/user.js';
import type { Accounts } from '../../app/accounts/accounts.js';

/** What the relay keeps on each authenticated socket. */
export interface SocketData {
  user: User;
}

/**
 * Returns a namespace middleware that reads `socket.handshake.auth.token`, sets `socket.data.user`
 * for a valid user token, and fails the connection with `new Error('unauthorized')` otherwise (the
 * client sees it as `connect_error`).
 */
export function authenticateSocket(accounts: Accounts): (socket: Socket, next: (error?: Error) => void) => void {
  return (socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const token = auth && typeof auth === 'object' && 'token' in auth ? auth.token : undefined;
    if (typeof token !== 'string' || token === '') return next(new Error('unauthorized'));
    accounts.authenticate(token).then(
      (user) => {
        if (!user) return next(new Error('unauthorized'));
        (socket.data as SocketData).user = user;
        next();
      },
      // A store failure is not the client's fault, but the connection cannot be let in either.
      () => next(new Error('unavailable')),
    );
  };
}

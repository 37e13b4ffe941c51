import type { Socket } from 'socket.io';
import type { User } from '../../../shared/schemas/user.js';
import type { Accounts } from '../../app/accounts/accounts.js';
import type { Session } from '../../app/accounts/session.js';

/**
 * What the relay keeps on each authenticated socket, and no more (thousands of phones stay connected
 * all day): who it is — the gateways go by id and role — and the token it was opened with (its hash
 * names the socket's room for sign-out and revocation; a login token's expiry cuts the socket).
 */
export interface SocketData {
  user: Pick<User, 'id' | 'role'>;
  session: Pick<Session, 'tokenHash' | 'expiresAt'>;
}

/** What a socket's handshake `auth` becomes once its token has been checked. */
const CHECKED: Record<string, never> = Object.freeze({});

/**
 * Returns a namespace middleware that reads `socket.handshake.auth.token`, sets `socket.data.user`
 * and `socket.data.session` for a valid token of the `kind` the namespace takes, and fails the
 * connection with `new Error('unauthorized')` otherwise (the client sees it as `connect_error`).
 * `/console` takes login tokens only (a phone's device token must not open the board); `/device`
 * takes device tokens only (a phone signed in with a password first turns its login token into a
 * device token with `POST /api/v1/devices`, so every phone on the relay is a revocable device).
 */
export function authenticateSocket(accounts: Accounts, kind: Session['kind']): (socket: Socket, next: (error?: Error) => void) => void {
  return (socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const token = auth && typeof auth === 'object' && 'token' in auth ? auth.token : undefined;
    if (typeof token !== 'string' || token === '') return next(new Error('unauthorized'));
    accounts.session(token).then(
      (session) => {
        if (!session || session.kind !== kind) return next(new Error('unauthorized'));
        (socket.data as SocketData).user = { id: session.user.id, role: session.user.role };
        (socket.data as SocketData).session = { tokenHash: session.tokenHash, expiresAt: session.expiresAt };
        // The bearer token is not kept on the socket once it has been checked (nor its memory, per phone).
        socket.handshake.auth = CHECKED;
        next();
      },
      // A store failure is not the client's fault, but the connection cannot be let in either.
      () => next(new Error('unavailable')),
    );
  };
}

import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import type {
  ConsoleClientToServerEvents,
  ConsoleServerToClientEvents,
  DeviceClientToServerEvents,
  DeviceServerToClientEvents,
} from '../../../shared/socket-events.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { Metrics } from '../../adapters/metrics/create-metrics.js';
import type { Accounts } from '../../app/accounts/accounts.js';
import { DESKTOP_ORIGIN } from '../http/desktop-cors.js';
import { authenticateSocket, type SocketData } from './socket-auth.js';
import { createSocketRateLimiter, type SocketRateLimiter } from './socket-rate-limit.js';
import { cutEndedSessions, watchSession } from './socket-sessions.js';
import type { Clock } from '../../app/ports/clock.js';

/** The `/console` namespace, typed with the console event maps. */
export type ConsoleNamespace = Namespace<ConsoleClientToServerEvents, ConsoleServerToClientEvents, Record<string, never>, SocketData>;
/** The `/device` namespace, typed with the phone event maps. */
export type DeviceNamespace = Namespace<DeviceClientToServerEvents, DeviceServerToClientEvents, Record<string, never>, SocketData>;

/** The relay's Socket.IO gateway: the server and its two authenticated namespaces. */
export interface SocketServer {
  readonly io: Server;
  readonly console: ConsoleNamespace;
  readonly device: DeviceNamespace;
  /** Disconnects every socket (at shutdown, before the HTTP server waits for open connections). */
  disconnectAll(): void;
  /** Closes Socket.IO; the HTTP server is closed by Fastify. */
  close(): Promise<void>;
}

/** Largest Socket.IO message accepted, matching the HTTP body limit's order of magnitude. */
const MAX_MESSAGE_BYTES = 512 * 1024;

/**
 * Attaches Socket.IO to the HTTP server that Fastify listens on (one port for both), with the
 * `/console` (login tokens) and `/device` (device tokens) namespaces; each requires `auth: { token }`
 * and refuses others with `connect_error` "unauthorized". Every socket is rate-limited, sits in its
 * token's and person's rooms and is cut when its session ends or expires. The default namespace `/`
 * is refused outright, since nothing uses it.
 */
export function createSocketServer(deps: {
  httpServer: HttpServer;
  accounts: Accounts;
  metrics: Metrics;
  log: Log;
  /** The relay's clock: login tokens' expiry cuts sockets on it. */
  clock: Clock;
  /** Limits the events each socket and each person sends (default: the standard limits on a monotonic clock). */
  rateLimiter?: SocketRateLimiter;
}): SocketServer {
  const limiter = deps.rateLimiter ?? createSocketRateLimiter({ now: () => performance.now() });
  const io = new Server(deps.httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // The desktop console's pages come from Electron's app:// protocol; browsers use the relay's own origin.
    cors: { origin: [DESKTOP_ORIGIN] },
  });
  io.use((_socket, next) => next(new Error('unauthorized')));

  const consoleNs = io.of('/console') as unknown as ConsoleNamespace;
  const deviceNs = io.of('/device') as unknown as DeviceNamespace;
  const namespaces = [consoleNs, deviceNs] as Namespace[];
  const stopCutting = cutEndedSessions(namespaces, deps.accounts.ends);
  for (const namespace of namespaces) {
    namespace.use(authenticateSocket(deps.accounts, namespace === (deviceNs as Namespace) ? 'device' : 'login'));
    const labels = { namespace: namespace.name };
    // One listener for every socket of the namespace: Socket.IO calls it with the socket as `this`.
    const disconnected = function (this: Socket, reason: string) {
      const userId = (this.data as SocketData).user.id;
      deps.metrics.socketConnections.dec(labels);
      limiter.detach(userId);
      deps.log.debug({ namespace: namespace.name, userId, socketId: this.id, reason }, 'socket disconnected');
    };
    namespace.on('connection', (socket) => {
      deps.metrics.socketConnections.inc(labels);
      const user = (socket.data as SocketData).user;
      limiter.attach(socket, user.id);
      watchSession(socket, socket.data as SocketData, deps.clock);
      deps.log.debug({ namespace: namespace.name, userId: user.id, socketId: socket.id }, 'socket connected');
      socket.on('disconnect', disconnected);
    });
  }

  return {
    io,
    console: consoleNs,
    device: deviceNs,
    disconnectAll() {
      for (const namespace of [consoleNs, deviceNs] as Namespace[]) namespace.disconnectSockets(true);
    },
    close: () => {
      stopCutting();
      return io.close().catch(() => undefined);
    },
  };
}

import { io as connect, type Socket } from 'socket.io-client';
import { randomUUID } from 'node:crypto';
import type { PagePush } from '../../../shared/schemas/page.js';
import type { Log } from '../../adapters/log/create-logger.js';
import { hashToken } from '../accounts/tokens.js';
import { newDeviceToken } from '../devices/device-tokens.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import type { DemoCommands } from './demo-commands.js';
import type { PhoneProfile } from './phone-behaviour.js';
import type { Random } from './seeded-random.js';
import { createSimulatedPerson, type SimulatedPerson } from './simulated-person.js';

/** The name of a simulated phone, as the console's device list shows it. */
export const SIMULATED_PHONE_NAME = 'Demo phone (simulated)';

/** What the simulated phones need. */
export interface SimulatedPhonesDeps {
  store: Store;
  clock: Clock;
  log: Log;
  /** The relay's own URL: the phones connect to its `/device` namespace like the phone app. */
  url: string;
  commands: DemoCommands;
  random: Random;
  /** Whose phones to simulate, and how each person handles pages. */
  profiles: Readonly<Record<string, PhoneProfile>>;
}

/** The running simulated phones. */
export interface SimulatedPhones {
  /** The user ids whose phones are connected. */
  readonly connected: readonly string[];
  /** Disconnects every phone and drops the reads and acknowledgements still to come. */
  stop(): void;
}

/** Registers a fresh device for `userId` (revoking earlier simulated ones) and answers its token. */
async function registerPhone(store: Store, clock: Clock, userId: string): Promise<string> {
  const now = clock.now();
  for (const old of await store.listDevices(userId)) {
    if (old.name === SIMULATED_PHONE_NAME && old.revokedAt === null) await store.updateDevice(old.id, { revokedAt: now });
  }
  const token = newDeviceToken();
  await store.insertDevice({ id: randomUUID(), userId, name: SIMULATED_PHONE_NAME, tokenHash: hashToken(token), createdAt: now, lastSeenAt: null, revokedAt: null });
  return token;
}

/**
 * Gives the demo team phones: for each person of `profiles` who exists, a registered device that
 * connects to the relay's `/device` namespace as the phone app does, so pages go out through the
 * real paging path and are marked delivered. Each page is read — and its incident sometimes
 * acknowledged — after a human-like delay drawn from the seeded `random`, on the injected clock,
 * through the same commands the phone gateway runs; the timeline marks these as simulated.
 */
export async function startSimulatedPhones(deps: SimulatedPhonesDeps): Promise<SimulatedPhones> {
  const { store, clock, log, commands } = deps;
  const sockets: Socket[] = [];
  const people: SimulatedPerson[] = [];
  const connected: string[] = [];

  for (const [userId, profile] of Object.entries(deps.profiles)) {
    const user = await store.getUser(userId);
    if (!user) continue;
    const token = await registerPhone(store, clock, userId);
    const socket = connect(`${deps.url}/device`, { auth: { token }, transports: ['websocket'] });
    const simulated = createSimulatedPerson({
      person: { userId, role: user.role },
      profile,
      clock,
      random: deps.random,
      commands,
      incident: (id) => store.getIncident(id),
      onError: (error) => log.warn({ err: error }, 'demo: a simulated phone command failed'),
    });
    people.push(simulated);
    socket.on('page', (push: PagePush, delivered?: () => void) => {
      delivered?.();
      simulated.onPage(push);
    });
    socket.on('connect_error', (error: Error) => log.warn({ userId, err: error.message }, 'demo: a simulated phone cannot connect'));
    sockets.push(socket);
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      socket.once('connect', done);
      socket.once('connect_error', done);
    });
    if (socket.connected) connected.push(userId);
  }
  log.info({ phones: connected }, 'demo: simulated phones connected');
  return {
    connected,
    stop() {
      for (const person of people) person.stop();
      for (const socket of sockets) socket.disconnect();
    },
  };
}

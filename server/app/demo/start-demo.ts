import type { Log } from '../../adapters/log/create-logger.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import type { DemoAlertStream, DemoAlertStreamContext } from './demo-config.js';
import { startDemoAlertStream } from './demo-config.js';
import type { DemoCommands } from './demo-commands.js';
import { seedDemoHistory } from './demo-history.js';
import { playDemoScenario } from './demo-scenario.js';
import { DEMO_PHONE_PROFILES } from './phone-behaviour.js';
import { seededRandom } from './seeded-random.js';
import { startSimulatedPhones } from './simulated-phones.js';

/** The store setting that says the demo history and scenario were written (once per database). */
export const DEMO_SEEDED_SETTING = 'demo.seededAt';

/** The default seed: the demo behaves the same way on every machine. */
export const DEMO_SEED = 16;

/** What the demo needs from the relay. */
export interface DemoContext {
  store: Store;
  clock: Clock;
  log: Log;
  /** The relay's own URL (phones and alerts use the real routes). */
  url: string;
  commands: DemoCommands;
  seed?: number;
  /** The synthetic alert stream; the real one by default (tests pass their own or none). */
  alertStream?: (context: DemoAlertStreamContext) => DemoAlertStream;
}

/**
 * Starts the `KLAXON_DEMO=1` living NOC: phones for the demo team that read and acknowledge pages
 * like people do; on a database's first demo start, a week of back-dated history and the live
 * scenario (incidents in every state); then the synthetic alert stream. A failing seed is logged
 * and the relay runs on. `stop` disconnects the phones and ends the stream.
 */
export async function startDemo(context: DemoContext): Promise<DemoAlertStream> {
  const { store, clock, log } = context;
  const random = seededRandom(context.seed ?? DEMO_SEED);
  const phones = await startSimulatedPhones({ ...context, random, profiles: DEMO_PHONE_PROFILES });
  try {
    if (!(await store.getSetting(DEMO_SEEDED_SETTING))) {
      const history = await seedDemoHistory(store, clock.now(), random);
      const live = await playDemoScenario(context);
      await store.setSetting(DEMO_SEEDED_SETTING, clock.now().toISOString());
      log.info({ history, live: live.size }, 'demo: history and live incidents seeded');
    }
  } catch (error) {
    log.warn({ err: error }, 'demo: seeding the history failed; the relay runs on without it');
  }
  const stream = (context.alertStream ?? startDemoAlertStream)(context);
  return {
    async stop() {
      phones.stop();
      await stream.stop();
    },
  };
}

import type { Incident } from '../../../shared/schemas/incident.js';
import type { PagePush } from '../../../shared/schemas/page.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { DemoCommands, DemoPerson } from './demo-commands.js';
import { reactToPage, type PhoneProfile } from './phone-behaviour.js';
import type { Random } from './seeded-random.js';
import { runSimulated } from './simulated-actor.js';

/** One simulated person holding a phone: pages in, reads and acknowledgements out, on the clock. */
export interface SimulatedPerson {
  /** A page reached the phone (first delivery, repeat or replay: the person reacts once per id). */
  onPage(push: PagePush): void;
  /** Drops every read and acknowledgement still to come. */
  stop(): void;
}

/** What a simulated person needs. */
export interface SimulatedPersonDeps {
  person: DemoPerson;
  profile: PhoneProfile;
  clock: Clock;
  random: Random;
  commands: DemoCommands;
  /** The incident as it stands (a person does not acknowledge what is no longer triggered). */
  incident: (id: string) => Promise<Incident | undefined>;
  /** Where a failed command is reported. */
  onError: (error: unknown) => void;
}

/**
 * Creates a simulated person: for each new page it draws a reaction (see `reactToPage`), then at
 * the drawn instants — timers on the injected clock — reads the page and acknowledges its incident
 * (if still triggered), through the phone gateway's commands, as a simulated actor.
 */
export function createSimulatedPerson(deps: SimulatedPersonDeps): SimulatedPerson {
  const { person, clock, commands } = deps;
  const seen = new Set<string>();
  const timers = new Set<TimerHandle>();
  let stopped = false;

  const later = (at: Date, work: () => Promise<unknown>) => {
    const timer = clock.setTimer(at, () => {
      timers.delete(timer);
      if (!stopped) runSimulated(work).catch(deps.onError);
    });
    timers.add(timer);
  };

  return {
    onPage(push) {
      if (stopped || seen.has(push.id)) return;
      seen.add(push.id);
      const { readAt, acknowledgeAt } = reactToPage(deps.profile, clock.now(), deps.random);
      if (!readAt) return;
      later(readAt, async () => {
        const read = await commands.escalator.pageRead(person.userId, push.id);
        if (!read.ok || !acknowledgeAt) return;
        later(acknowledgeAt, async () => {
          if ((await deps.incident(push.incidentId))?.status === 'triggered') await commands.actions.acknowledge(person, [push.incidentId]);
        });
      });
    },
    stop() {
      stopped = true;
      for (const timer of timers) timer.cancel();
      timers.clear();
    },
  };
}

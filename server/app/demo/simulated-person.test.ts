import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { PagePush } from '../../../shared/schemas/page.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import type { DemoCommands } from './demo-commands.js';
import { DEMO_PHONE_PROFILES, reactToPage, type PhoneProfile } from './phone-behaviour.js';
import { seededRandom } from './seeded-random.js';
import { isSimulated } from './simulated-actor.js';
import { createSimulatedPerson } from './simulated-person.js';

const T0 = new Date('2026-12-01T06:00:00Z');
const secondsAfter = (at: Date | null) => (at ? (at.getTime() - T0.getTime()) / 1000 : null);
const push = (id: string, incidentId = `inc-${id}`): PagePush => ({ id, incidentId, summary: 'x', priority: 'high', serviceName: 'RMM', createdAt: T0.toISOString(), attempt: 1 });

/** Commands that record who did what, when, and whether as a simulated actor. */
function recordingCommands(clock: { now(): Date }) {
  const calls: string[] = [];
  const at = () => `${(clock.now().getTime() - T0.getTime()) / 1000}s`;
  const commands = {
    escalator: {
      pageRead: async (userId: string, pageId: string) => {
        calls.push(`${at()} read ${pageId} by ${userId}${isSimulated() ? ' (simulated)' : ''}`);
        return { ok: true as const, value: undefined };
      },
      escalateNow: async () => ({ ok: true as const, value: undefined }),
    },
    actions: {
      acknowledge: async (who: { userId: string }, ids: readonly string[]) => {
        calls.push(`${at()} ack ${ids.join()} by ${who.userId}${isSimulated() ? ' (simulated)' : ''}`);
        return { ok: true as const, value: { changed: 1 } };
      },
    },
  } as unknown as DemoCommands;
  return { calls, commands };
}

describe('reactToPage', () => {
  const always: PhoneProfile = { readShare: 1, acknowledgeShare: 1, readAfterSeconds: [10, 100], acknowledgeAfterSeconds: [20, 20] };

  it('draws the same reaction from the same seed, within the profile\'s bounds', () => {
    const a = reactToPage(always, T0, seededRandom(7));
    const b = reactToPage(always, T0, seededRandom(7));
    expect(a).toEqual(b);
    expect(secondsAfter(a.readAt)).toBeGreaterThanOrEqual(10);
    expect(secondsAfter(a.readAt)).toBeLessThanOrEqual(100);
    expect(secondsAfter(a.acknowledgeAt)).toBe(secondsAfter(a.readAt)! + 20);
  });

  it('never reads with a read share of 0, and never acknowledges with an acknowledge share of 0', () => {
    expect(reactToPage({ ...always, readShare: 0 }, T0, seededRandom(1))).toEqual({ readAt: null, acknowledgeAt: null });
    const noAck = reactToPage({ ...always, acknowledgeShare: 0 }, T0, seededRandom(1));
    expect(noAck.readAt).not.toBeNull();
    expect(noAck.acknowledgeAt).toBeNull();
  });

  it('leaves some of Dan\'s pages unread over many pages, and reads most of Bob\'s before the 5-minute escalation', () => {
    const random = seededRandom(16);
    const dan = Array.from({ length: 200 }, () => reactToPage(DEMO_PHONE_PROFILES.dan!, T0, random));
    const bob = Array.from({ length: 200 }, () => reactToPage(DEMO_PHONE_PROFILES.bob!, T0, random));
    const unread = dan.filter((r) => !r.readAt).length;
    expect(unread).toBeGreaterThan(40);
    expect(unread).toBeLessThan(110);
    expect(bob.filter((r) => r.readAt && secondsAfter(r.readAt)! < 300).length).toBeGreaterThan(160);
  });
});

describe('createSimulatedPerson', () => {
  it('reads each page once after its drawn delay on the manual clock, then acknowledges a still-triggered incident, as a simulated actor', async () => {
    const clock = createManualClock(T0);
    const { calls, commands } = recordingCommands(clock);
    const profile: PhoneProfile = { readShare: 1, acknowledgeShare: 1, readAfterSeconds: [60, 60], acknowledgeAfterSeconds: [30, 30] };
    const status = new Map<string, Incident['status']>([['inc-p1', 'triggered'], ['inc-p2', 'acknowledged']]);
    const person = createSimulatedPerson({
      person: { userId: 'dan', role: 'responder' },
      profile,
      clock,
      random: seededRandom(3),
      commands,
      incident: async (id) => ({ status: status.get(id) }) as Incident,
      onError: (error) => calls.push(`error ${String(error)}`),
    });
    person.onPage(push('p1'));
    person.onPage(push('p1')); // a repeat of the same page: no second reaction
    clock.advance(20_000);
    person.onPage(push('p2'));
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    clock.advance(39_000);
    await settle();
    expect(calls).toEqual([]);
    clock.advance(1_000);
    await settle();
    expect(calls).toEqual(['60s read p1 by dan (simulated)']);
    clock.advance(20_000);
    await settle();
    expect(calls).toEqual(['60s read p1 by dan (simulated)', '80s read p2 by dan (simulated)']);
    clock.advance(10_000);
    await settle();
    await settle();
    // p1's incident is still triggered at 90 s: acknowledged; p2's was acknowledged by someone else: left alone.
    expect(calls).toEqual(['60s read p1 by dan (simulated)', '80s read p2 by dan (simulated)', '90s ack inc-p1 by dan (simulated)']);
    clock.advance(60_000);
    await settle();
    expect(calls).toHaveLength(3);
  });

  it('drops the reads still to come when stopped', async () => {
    const clock = createManualClock(T0);
    const { calls, commands } = recordingCommands(clock);
    const person = createSimulatedPerson({
      person: { userId: 'bob', role: 'triage-analyst' },
      profile: { readShare: 1, acknowledgeShare: 0, readAfterSeconds: [30, 30], acknowledgeAfterSeconds: [1, 1] },
      clock,
      random: seededRandom(3),
      commands,
      incident: async () => undefined,
      onError: () => undefined,
    });
    person.onPage(push('p1'));
    person.stop();
    person.onPage(push('p2'));
    clock.advance(120_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([]);
    expect(clock.pending()).toBe(0);
  });
});

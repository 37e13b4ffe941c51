import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import { makeIncident, makePage } from '../../adapters/store/contract/fixtures.js';
import type { DeviceNamespace } from './create-socket-server.js';
import { createPhoneLine, phoneRoom } from './device-fan-out.js';

/** A device namespace with the given person rooms of this relay, recording each emit as [room, event, payload]. */
function namespace(rooms: Record<string, string[]>, failFor?: string) {
  const emits: [string, string, Record<string, unknown>][] = [];
  const ns = {
    adapter: { rooms: new Map(Object.entries(rooms).map(([user, sockets]) => [phoneRoom(user), new Set(sockets)])) },
    to: (room: string) => ({
      timeout: () => ({
        emit: (event: string, payload: Record<string, unknown>) => {
          if (room === failFor) throw new Error('cannot encode the page');
          emits.push([room, event, payload]);
        },
      }),
    }),
  };
  return { ns: ns as unknown as DeviceNamespace, emits };
}

const incident: Incident = { ...makeIncident({ serviceId: 'rmm', teamId: 'noc', summary: 'Breach on edr-secret-01' }, 1), id: 'inc-1', seq: 1 };
const pageFor = (userId: string): Page => ({ ...makePage('inc-1', 1), id: `inc-1/0:0:${userId}/push`, userId, state: 'sent', attempts: 1 });

describe('the phone line (phones connected to this relay)', () => {
  it('tells a person with a phone connected here from one without, by this relay’s room alone', () => {
    const { ns } = namespace({ bob: ['s1'], cara: [] });
    const line = createPhoneLine(ns, () => {}, () => {});
    expect([line.connectedHere('bob'), line.connectedHere('cara'), line.connectedHere('dan')]).toEqual([true, false, false]);
  });

  it('rings each page’s person, a confidential incident with the redacted paging text only', () => {
    const { ns, emits } = namespace({ bob: ['s1'], cara: ['s2'] });
    const line = createPhoneLine(ns, () => {}, () => {});
    line.ring([pageFor('bob'), pageFor('cara')], { ...incident, confidential: true }, 'RMM alerts');
    expect(emits.map(([room, event, push]) => [room, event, push.id, push.attempt])).toEqual([
      [phoneRoom('bob'), 'page', 'inc-1/0:0:bob/push', 1],
      [phoneRoom('cara'), 'page', 'inc-1/0:0:cara/push', 1],
    ]);
    expect(JSON.stringify(emits)).not.toContain('edr-secret');
  });

  it('never throws: a page whose emit fails is reported and the others still ring', () => {
    const { ns, emits } = namespace({ bob: ['s1'], cara: ['s2'] }, phoneRoom('bob'));
    const failed: string[] = [];
    const line = createPhoneLine(ns, () => {}, (_error, page) => failed.push(page.id));
    expect(() => line.ring([pageFor('bob'), pageFor('cara')], incident, 'RMM alerts')).not.toThrow();
    expect(failed).toEqual(['inc-1/0:0:bob/push']);
    expect(emits.map(([room]) => room)).toEqual([phoneRoom('cara')]);
  });
});

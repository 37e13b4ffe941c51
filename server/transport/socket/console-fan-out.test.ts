import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import { makeIncident, makePage } from '../../adapters/store/contract/fixtures.js';
import type { FeedChange } from '../../app/feed/incident-feed.js';
import { createConsoleFanOut, FULL, LIMITED } from './console-fan-out.js';
import type { ConsoleNamespace } from './create-socket-server.js';

/** A namespace that records every emit as [rooms, event, id]. */
function recordingNamespace() {
  const emits: [string[], string, string][] = [];
  const to = (rooms: string | string[]) => {
    const list = Array.isArray(rooms) ? rooms : [rooms];
    return {
      emit: (event: string, payload: { id: string; incidentId?: string }) => void emits.push([list, event, payload.id]),
      except: () => to(list),
    };
  };
  return { ns: { to } as unknown as ConsoleNamespace, emits };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('console fan-out', () => {
  it('reads an incident once for all of its events and pages published together, and again for a later publish', async () => {
    const incident: Incident = { ...makeIncident({ serviceId: 'rmm', teamId: 'noc' }, 1), id: 'inc-1', seq: 1 };
    let reads = 0;
    const store = {
      getIncident: async () => (reads++, incident),
      listNeedToKnow: async () => [],
    };
    const { ns, emits } = recordingNamespace();
    const fanOut = createConsoleFanOut(ns, store, (error) => {
      throw error;
    });
    const event = (id: string): FeedChange => ({ type: 'timeline:appended', event: { id, incidentId: 'inc-1', at: incident.firstSeenAt, type: 'page.sent', actor: { type: 'system', id: null }, data: {} } });
    const page: FeedChange = { type: 'page:updated', page: { ...makePage('inc-1', 1), id: 'page-1' } };
    const batch = [event('e1'), event('e2'), page, event('e3')];
    for (const change of batch) fanOut(change, batch);
    await settle();
    expect(reads).toBe(1);
    expect(emits).toEqual([
      [[FULL, LIMITED], 'timeline:appended', 'e1'],
      [[FULL, LIMITED], 'timeline:appended', 'e2'],
      [[FULL, LIMITED], 'page:updated', 'page-1'],
      [[FULL, LIMITED], 'timeline:appended', 'e3'],
    ]);

    // A later transaction reads it again: it may have turned confidential meanwhile.
    const later = [event('e4')];
    fanOut(later[0]!, later);
    await settle();
    expect(reads).toBe(2);
  });

  it('routes the events and pages of an incident the commit read under its lock without reading it again, as that commit read it', async () => {
    const open: Incident = { ...makeIncident({ serviceId: 'rmm', teamId: 'noc' }, 1), id: 'inc-1', seq: 1 };
    const store = {
      getIncident: async (): Promise<Incident> => {
        throw new Error('read the store although the commit had read the incident');
      },
      listNeedToKnow: async () => [{ userId: 'dan' }],
    };
    const { ns, emits } = recordingNamespace();
    const fanOut = createConsoleFanOut(ns, store as never, (error) => {
      throw error;
    });
    const page = (id: string): FeedChange => ({ type: 'page:updated', page: { ...makePage('inc-1', 1), id } });
    const first = [page('p1')];
    fanOut(first[0]!, first, new Map([['inc-1', open]]));
    // Another commit read it confidential: only managers and the people on its list hear of its page.
    const second = [page('p2')];
    fanOut(second[0]!, second, new Map([['inc-1', { ...open, confidential: true, seq: 2 }]]));
    await settle();
    expect(emits).toEqual([
      [[FULL, LIMITED], 'page:updated', 'p1'],
      [[FULL, 'user:dan'], 'page:updated', 'p2'],
    ]);
  });

  it('never lets the read of an earlier commit decide for a later commit published in the same turn', async () => {
    let incident: Incident = { ...makeIncident({ serviceId: 'rmm', teamId: 'noc' }, 1), id: 'inc-1', seq: 1 };
    const store = { getIncident: async () => incident, listNeedToKnow: async () => [] };
    const { ns, emits } = recordingNamespace();
    const fanOut = createConsoleFanOut(ns, store, (error) => {
      throw error;
    });
    const event = (id: string): FeedChange => ({ type: 'timeline:appended', event: { id, incidentId: 'inc-1', at: incident.firstSeenAt, type: 'note.added', actor: { type: 'user', id: 'ann' }, data: {} } });
    const first = [event('before')];
    fanOut(first[0]!, first);
    // A second commit made the incident confidential and added a note, in the same turn.
    incident = { ...incident, confidential: true, seq: 2 };
    const second = [event('secret')];
    fanOut(second[0]!, second);
    await settle();
    expect(emits.find(([, , id]) => id === 'secret')).toEqual([[FULL], 'timeline:appended', 'secret']);
  });

  it('takes the incident as the commit left it when the commit changed it, without reading it', async () => {
    const incident: Incident = { ...makeIncident({ serviceId: 'rmm', teamId: 'noc' }, 1), id: 'inc-1', seq: 1 };
    let reads = 0;
    const store = { getIncident: async () => (reads++, incident), listNeedToKnow: async () => [{ userId: 'bob' }] as never };
    const { ns, emits } = recordingNamespace();
    const fanOut = createConsoleFanOut(ns, store, (error) => {
      throw error;
    });
    const event = (id: string): FeedChange => ({ type: 'timeline:appended', event: { id, incidentId: 'inc-1', at: incident.firstSeenAt, type: 'note.added', actor: { type: 'user', id: 'ann' }, data: {} } });
    // The commit opened the incident and then made it confidential: its events go by the last state.
    const batch: FeedChange[] = [event('opened'), { type: 'incident:created', incident }, event('secret'), { type: 'incident:updated', incident: { ...incident, confidential: true, seq: 2 } }];
    for (const change of batch) fanOut(change, batch);
    await settle();
    expect(reads).toBe(0);
    expect(emits.filter(([, event]) => event === 'timeline:appended')).toEqual([
      [[FULL, 'user:bob'], 'timeline:appended', 'opened'],
      [[FULL, 'user:bob'], 'timeline:appended', 'secret'],
    ]);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';
import { createFakeIncidentApi, makeIncident, makePage } from '../board/testing/board-fakes.js';
import { type BoardTestRig, installBoardRig } from '../board/testing/install-board.js';
import { type IncidentDetail, IncidentApiError } from '../board/incident-api.js';
import { useIncidentDetailStore } from './use-incident-detail-store.js';
import { useIncidentsStore } from './use-incidents-store.js';
import { useSessionStore } from './use-session-store.js';

let rig: BoardTestRig;
let stored: IncidentDetail;
let calls: string[];
let refuse: IncidentApiError | null;

const event = (id: string, type: TimelineEvent['type'], data: Record<string, unknown> = {}): TimelineEvent => ({
  id,
  incidentId: 'a',
  at: '2026-11-28T10:00:00.000Z',
  type,
  actor: { type: 'user', id: 'ann' },
  data,
});

beforeEach(() => {
  calls = [];
  refuse = null;
  stored = { incident: makeIncident('a', { seq: 5 }), timeline: [event('e1', 'incident.opened')], alerts: [], pages: [] };
  const record = (name: string) => async () => {
    calls.push(name);
    if (refuse) throw refuse;
  };
  rig = installBoardRig({
    api: createFakeIncidentApi({
      detail: async (auth, id) => {
        calls.push(`detail ${id} as ${auth.token}`);
        if (id !== 'a') throw new IncidentApiError(404, 'no such incident');
        return structuredClone(stored);
      },
      acknowledge: record('acknowledge'),
      resolve: record('resolve'),
      escalate: record('escalate'),
      pagePerson: async (_auth, _id, userId) => void calls.push(`page ${userId}`),
      addNote: async (_auth, _id, text) => {
        calls.push(`note ${text}`);
        stored.timeline.push(event('n1', 'note.added', { text }));
      },
      addEvidence: async (_auth, _id, input) => {
        calls.push(`evidence ${input.fileName} ${input.description} ${input.origin}`);
        if (refuse) throw refuse;
      },
    }),
  });
  const session = useSessionStore();
  session.relayUrl = 'http://relay';
  session.token = 'tok';
});

describe('useIncidentDetailStore', () => {
  it('loads an incident with the signed-in token', async () => {
    const detail = useIncidentDetailStore();
    await detail.open('a');
    expect(detail.status).toBe('ready');
    expect(detail.incident?.id).toBe('a');
    expect(calls).toEqual(['detail a as tok']);
  });

  it('tells a missing incident, a refusal and an unreachable relay apart', async () => {
    const detail = useIncidentDetailStore();
    await detail.open('zzz');
    expect(detail.status).toBe('missing');
    rig.board.api.detail = async () => Promise.reject(new IncidentApiError(403, 'not yours'));
    await detail.open('a');
    expect(detail.status).toBe('denied');
    rig.board.api.detail = async () => Promise.reject(new IncidentApiError(0, 'unreachable'));
    await detail.open('a');
    expect(detail.status).toBe('unreachable');
  });

  it('follows live timeline events, pages and incident versions of the open incident only', async () => {
    const detail = useIncidentDetailStore();
    useIncidentsStore().attach(rig.link);
    await detail.open('a');
    rig.link.push('timeline:appended', event('e2', 'incident.acknowledged'));
    rig.link.push('timeline:appended', event('e2', 'incident.acknowledged'));
    rig.link.push('timeline:appended', { ...event('x', 'note.added'), incidentId: 'other' });
    rig.link.push('page:updated', makePage('p1', 'a'));
    rig.link.push('page:updated', makePage('p1', 'a', { state: 'read' }));
    rig.link.push('incident:updated', makeIncident('a', { seq: 9, status: 'acknowledged' }));
    rig.link.push('incident:updated', makeIncident('a', { seq: 7, status: 'triggered' }));
    expect(detail.timeline.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(detail.detail?.pages.map((p) => p.state)).toEqual(['read']);
    expect(detail.incident?.status).toBe('acknowledged');
  });

  it('reads the incident again after the board resyncs', async () => {
    const detail = useIncidentDetailStore();
    const incidents = useIncidentsStore();
    rig.link.answer = () => ({ ok: true, value: { seq: 1, incidents: [] } });
    incidents.attach(rig.link);
    await detail.open('a');
    stored.timeline.push(event('e9', 'page.read'));
    incidents.resync();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(detail.timeline.map((e) => e.id)).toEqual(['e1', 'e9']);
  });

  it('adds notes, evidence, pages and escalations through the relay and reloads', async () => {
    const detail = useIncidentDetailStore();
    await detail.open('a');
    expect(await detail.addNote('Checked the backups')).toBe(true);
    expect(detail.notes.map((n) => n.data.text)).toEqual(['Checked the backups']);
    await detail.addEvidence({ file: new Blob(['x']), fileName: 'fs01.e01', description: 'Disk image', origin: 'FS01' });
    await detail.pagePerson('cara');
    await detail.escalate();
    await detail.acknowledge();
    await detail.resolve();
    expect(calls.filter((c) => !c.startsWith('detail'))).toEqual([
      'note Checked the backups',
      'evidence fs01.e01 Disk image FS01',
      'page cara',
      'escalate',
      'acknowledge',
      'resolve',
    ]);
    expect(detail.busy).toBeNull();
  });

  it('shows the relay refusal of an action', async () => {
    const detail = useIncidentDetailStore();
    await detail.open('a');
    refuse = new IncidentApiError(403, 'add-evidence needs the role admin or ir-manager or forensic-analyst');
    expect(await detail.addEvidence({ file: new Blob(['x']), fileName: 'f', description: 'ddd', origin: 'o' })).toBe(false);
    expect(detail.actionError).toBe('add-evidence needs the role admin or ir-manager or forensic-analyst');
  });

  it('forgets the incident when closed', async () => {
    const detail = useIncidentDetailStore();
    await detail.open('a');
    detail.close();
    expect(detail.detail).toBeNull();
    expect(detail.status).toBe('idle');
  });
});

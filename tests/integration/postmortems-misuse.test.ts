import { rmSync } from 'node:fs';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../shared/schemas/command.js';
import type { Incident } from '../../shared/schemas/incident.js';
import type { Postmortem, PostmortemEditResult, PostmortemSummary } from '../../shared/schemas/postmortem.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { signInClient, type ScheduleClient } from '../support/schedule-client.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

// Misuse of post-mortems through the real transports of a relay process: roles that may not,
// need-to-know over HTTP and the console socket, malformed and huge input, read-only sign-offs, and
// two people editing one field over real sockets.

let relay: RelayProcess;
let ann: ScheduleClient; // ir-manager
let bob: ScheduleClient; // triage-analyst
let cara: ScheduleClient; // forensic-analyst
const sockets: Socket[] = [];

beforeAll(async () => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  [ann, bob, cara] = await Promise.all([signInClient(relay.url, 'ann'), signInClient(relay.url, 'bob'), signInClient(relay.url, 'cara')]);
}, 60_000);
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await relay?.dispose();
  if (relay) rmSync(relay.dataDir, { recursive: true, force: true });
});

async function trigger(dedupKey: string): Promise<Incident> {
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: dedupKey, payload: { summary: `Secret ${dedupKey}`, source: 'srv1', severity: 'warning' } }),
  });
  expect(response.status).toBe(202);
  const { body } = await ann.call('GET', '/api/v1/incidents');
  const found = (body as { incidents: Incident[] }).incidents.find((i) => i.dedupKey === dedupKey);
  if (!found) throw new Error(`no open incident ${dedupKey}`);
  return found;
}

async function postmortemFor(dedupKey: string, by: ScheduleClient = ann): Promise<Postmortem> {
  const incident = await trigger(dedupKey);
  const made = await by.call('POST', '/api/v1/postmortems', { incidentIds: [incident.id] });
  expect(made.status).toBe(201);
  return made.body as Postmortem;
}

async function consoleSocket(client: ScheduleClient): Promise<Socket> {
  const socket = connect(`${relay.url}/console`, { auth: { token: client.token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
  return socket;
}

function edit(socket: Socket, command: unknown): Promise<CommandResult<PostmortemEditResult>> {
  return new Promise((resolve) => socket.emit('postmortem:edit', command, resolve));
}

/** Resolves with the first `postmortem:updated` of post-mortem `id` at `version` or later that `socket` receives. */
function updateOf(socket: Socket, id: string, version: number): Promise<Postmortem> {
  return new Promise((resolve) => {
    const listener = (pm: Postmortem) => {
      if (pm.id !== id || pm.version < version) return;
      socket.off('postmortem:updated', listener);
      resolve(pm);
    };
    socket.on('postmortem:updated', listener);
  });
}

describe('post-mortem misuse', () => {
  it('refuses sign-off and reopening to roles other than IR manager and admin, and edits and comments once signed off', async () => {
    const pm = await postmortemFor('misuse-signoff', bob);
    const answers = { trigger: 'real', delivery: { answer: 'right_person' }, information: { enough: true } };
    expect((await bob.call('PATCH', `/api/v1/postmortems/${pm.id}`, { field: 'questions', value: answers, baseVersion: 0 })).status).toBe(200);
    expect((await bob.call('POST', `/api/v1/postmortems/${pm.id}/transition`, { to: 'in_review' })).status).toBe(200);

    const refused = await bob.call('POST', `/api/v1/postmortems/${pm.id}/transition`, { to: 'signed_off' });
    expect(refused.status).toBe(403);
    expect((refused.body as { error: string }).error).toContain('ir-manager or admin');
    expect((await ann.call('POST', `/api/v1/postmortems/${pm.id}/transition`, { to: 'signed_off' })).status).toBe(200);

    const late = await bob.call('PATCH', `/api/v1/postmortems/${pm.id}`, { field: 'summary', value: 'too late', baseVersion: 0 });
    expect(late.status).toBe(409);
    expect((late.body as { error: string }).error).toContain('signed off');
    expect((await cara.call('POST', `/api/v1/postmortems/${pm.id}/comments`, { body: 'too late' })).status).toBe(409);
    expect((await bob.call('POST', `/api/v1/postmortems/${pm.id}/transition`, { to: 'draft' })).status).toBe(403);
    const unchanged = (await ann.call('GET', `/api/v1/postmortems/${pm.id}`)).body as Postmortem;
    expect(unchanged).toMatchObject({ state: 'signed_off', fields: { summary: '' }, comments: [] });

    // Every write was audited.
    const trail = await ann.call('GET', '/api/v1/audit?subjectKind=postmortem&subjectId=' + pm.id);
    expect(trail.status).toBe(200);
    const actions = (trail.body as { events: { action: string; actorId: string }[] }).events.map((e) => [e.action, e.actorId]);
    expect(actions).toEqual([
      ['postmortem.transitioned', 'ann'],
      ['postmortem.transitioned', 'bob'],
      ['postmortem.edited', 'bob'],
      ['postmortem.created', 'bob'],
    ]);
  });

  it('hides a confidential incident\'s post-mortem from an analyst not on its list, over HTTP and the socket', async () => {
    const incident = await trigger('misuse-secret');
    expect((await ann.call('POST', `/api/v1/incidents/${incident.id}/confidential`, { confidential: true })).status).toBe(200);
    expect((await ann.call('POST', `/api/v1/incidents/${incident.id}/need-to-know`, { userId: 'cara' })).status).toBeLessThan(300);
    const made = await ann.call('POST', '/api/v1/postmortems', { incidentIds: [incident.id] });
    expect(made.status).toBe(201);
    const pm = made.body as Postmortem;

    // Bob cannot tell it from one that does not exist: every route answers 404, the list leaves it out.
    const ghost = await bob.call('GET', '/api/v1/postmortems/no-such-postmortem');
    expect(ghost.status).toBe(404);
    for (const [method, path, body] of [
      ['GET', `/api/v1/postmortems/${pm.id}`, undefined],
      ['GET', `/api/v1/incidents/${incident.id}/postmortem`, undefined],
      ['PATCH', `/api/v1/postmortems/${pm.id}`, { field: 'summary', value: 'x', baseVersion: 0 }],
      ['POST', `/api/v1/postmortems/${pm.id}/comments`, { body: 'x' }],
      ['POST', `/api/v1/postmortems/${pm.id}/transition`, { to: 'in_review' }],
    ] as const) {
      const answer = await bob.call(method, path, body);
      expect([path, answer.status, answer.body]).toEqual([path, 404, ghost.body]);
    }
    const created = await bob.call('POST', '/api/v1/postmortems', { incidentIds: [incident.id] });
    expect(created.status).toBe(404);
    const listed = (await bob.call('GET', '/api/v1/postmortems?limit=500')).body as { postmortems: PostmortemSummary[] };
    expect(listed.postmortems.some((p) => p.id === pm.id)).toBe(false);
    // Cara is on the list and sees it.
    expect((await cara.call('GET', `/api/v1/postmortems/${pm.id}`)).status).toBe(200);
    expect(((await cara.call('GET', '/api/v1/postmortems?limit=500')).body as { postmortems: PostmortemSummary[] }).postmortems.some((p) => p.id === pm.id)).toBe(true);

    const [bobSocket, caraSocket] = await Promise.all([consoleSocket(bob), consoleSocket(cara)]);
    const bobSaw: Postmortem[] = [];
    bobSocket.on('postmortem:updated', (p: Postmortem) => bobSaw.push(p));
    const refused = await edit(bobSocket, { id: pm.id, edit: { field: 'summary', value: 'x', baseVersion: 0 } });
    expect(refused).toEqual({ ok: false, error: { code: 'not_found', message: 'no such post-mortem', field: 'id' } });

    // Ann's edit reaches cara; then an edit of an open post-mortem reaches bob, and nothing of the secret one did before it.
    const caraGot = updateOf(caraSocket, pm.id, pm.version + 1);
    expect((await ann.call('PATCH', `/api/v1/postmortems/${pm.id}`, { field: 'impact', value: 'Payroll leaked', baseVersion: 0 })).status).toBe(200);
    expect((await caraGot).fields.impact).toBe('Payroll leaked');
    const open = await postmortemFor('misuse-open');
    const bobGot = updateOf(bobSocket, open.id, open.version + 1);
    expect((await ann.call('PATCH', `/api/v1/postmortems/${open.id}`, { field: 'impact', value: 'none', baseVersion: 0 })).status).toBe(200);
    await bobGot;
    expect(bobSaw.filter((p) => p.id === pm.id)).toEqual([]);
    expect(JSON.stringify(bobSaw)).not.toContain('Payroll');
  });

  it('refuses malformed and huge input naming the field, over HTTP and the socket', async () => {
    const pm = await postmortemFor('misuse-input');
    const patch = (body: unknown) => bob.call('PATCH', `/api/v1/postmortems/${pm.id}`, body);
    const cases: [unknown, string][] = [
      [{ field: 'owner', value: 'x', baseVersion: 0 }, 'field'],
      [{ field: 'summary', value: 42, baseVersion: 0 }, 'value'],
      [{ field: 'summary', value: 'x'.repeat(20_001), baseVersion: 0 }, 'value'],
      [{ field: 'summary', value: 'x', baseVersion: -1 }, 'baseVersion'],
      [{ field: 'questions', value: { trigger: 'maybe' }, baseVersion: 0 }, 'value.trigger'],
      [{ field: 'questions', value: { delivery: { answer: 'missed', who: ['dan', 'mallory'] } }, baseVersion: 0 }, 'questions.delivery.who.1'],
      [{ field: 'actionItems', value: [{ title: '' }], baseVersion: 0 }, 'value.0.title'],
      [{ field: 'actionItems', value: [{ title: 'x', dueDate: 'tomorrow' }], baseVersion: 0 }, 'value.0.dueDate'],
      [{ field: 'actionItems', value: [{ title: 'x', link: { kind: 'priority-rule', ref: 'db#9' } }], baseVersion: 0 }, 'actionItems.0.link.ref'],
      [{ field: 'actionItems', value: [{ title: 'x', link: { kind: 'schedule', ref: 'nope' } }], baseVersion: 0 }, 'actionItems.0.link.ref'],
      [{ field: 'actionItems', value: [{ title: 'x', link: { kind: 'integration', ref: 'rmm/pagerduty' } }], baseVersion: 0 }, 'actionItems.0.link.ref'],
    ];
    for (const [body, field] of cases) {
      const answer = await patch(body);
      expect([field, answer.status, (answer.body as { field?: string }).field]).toEqual([field, 400, field]);
    }
    const huge = await patch({ field: 'summary', value: 'x'.repeat(600 * 1024), baseVersion: 0 });
    expect(huge.status).toBe(413);
    const tooMany = await patch({ field: 'actionItems', value: Array.from({ length: 201 }, () => ({ title: 'x' })), baseVersion: 0 });
    expect([tooMany.status, (tooMany.body as { field?: string }).field]).toEqual([400, 'value']);

    expect((await bob.call('POST', `/api/v1/postmortems/${pm.id}/comments`, { body: '   ' })).body).toMatchObject({ field: 'body' });
    expect((await bob.call('POST', `/api/v1/postmortems/${pm.id}/transition`, { to: 'done' })).body).toMatchObject({ field: 'to' });
    expect((await bob.call('POST', '/api/v1/postmortems', { incidentIds: [] })).body).toMatchObject({ field: 'incidentIds' });
    const badState = await bob.call('GET', '/api/v1/postmortems?state=due,finished');
    expect([badState.status, (badState.body as { field?: string }).field]).toEqual([400, 'state.1']);
    expect((await bob.call('GET', '/api/v1/postmortems?limit=0')).status).toBe(400);
    expect((await fetch(`${relay.url}/api/v1/postmortems/${pm.id}`)).status).toBe(401);

    const socket = await consoleSocket(bob);
    expect(await edit(socket, { id: pm.id, edit: { field: 'summary', value: 7, baseVersion: 0 } })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'edit.value' } });
    expect(await edit(socket, 'nonsense')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    // Nothing of the refused input was written.
    expect(((await bob.call('GET', `/api/v1/postmortems/${pm.id}`)).body as Postmortem)).toMatchObject({ version: pm.version, fields: { summary: '', actionItems: [] } });
  });

  it('lets two editors write one field over real sockets: the last writer wins with a note naming whom they overwrote', async () => {
    const pm = await postmortemFor('misuse-two-editors');
    const [bobSocket, caraSocket] = await Promise.all([consoleSocket(bob), consoleSocket(cara)]);
    const base = pm.stamps.rootCause.version;

    const caraSeesBob = updateOf(caraSocket, pm.id, pm.version + 1);
    const first = await edit(bobSocket, { id: pm.id, edit: { field: 'rootCause', value: 'A full disk', baseVersion: base } });
    expect(first).toMatchObject({ ok: true, value: { conflict: null, postmortem: { fields: { rootCause: 'A full disk' } } } });
    expect((await caraSeesBob).fields.rootCause).toBe('A full disk');

    // Cara started from the same version before bob's write arrived.
    const bobSeesCara = updateOf(bobSocket, pm.id, pm.version + 2);
    const second = await edit(caraSocket, { id: pm.id, edit: { field: 'rootCause', value: 'A log rotation bug', baseVersion: base } });
    if (!second.ok || !first.ok) throw new Error('an edit was refused');
    expect(second.value.conflict).toEqual({ field: 'rootCause', overwrote: 'bob', at: first.value.postmortem.stamps.rootCause.updatedAt });
    expect(second.value.postmortem.stamps.rootCause).toMatchObject({ version: base + 2, updatedBy: 'cara' });
    const seen = await bobSeesCara;
    expect(seen.fields.rootCause).toBe('A log rotation bug');
    expect(seen.stamps.rootCause.updatedBy).toBe('cara');

    // Other fields are not touched by either write.
    const third = await edit(bobSocket, { id: pm.id, edit: { field: 'impact', value: 'Backups late', baseVersion: 0 } });
    expect(third).toMatchObject({ ok: true, value: { conflict: null, postmortem: { fields: { impact: 'Backups late', rootCause: 'A log rotation bug' } } } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeTicket } from '../support/connectwise-fake.js';
import { MAPPING, startConnectWiseRelay, type ConnectWiseRelay } from '../support/connectwise-relay.js';

let cw: ConnectWiseRelay;

beforeAll(async () => {
  cw = await startConnectWiseRelay();
});
afterAll(async () => {
  await cw?.close();
});

const ticketOf = (summaryPart: string) => () => [...cw.fake.tickets.values()].find((t) => t.summary.includes(summaryPart));
const sync = async (incidentId: string) => (await cw.api('ann', 'GET', `/api/v1/incidents/${incidentId}/connectwise`)).body.connectwise;
const synced = (incidentId: string) => async () => ((await sync(incidentId)).state === 'synced' ? sync(incidentId) : undefined);
/** Like `synced`, but moves the manual clock by nothing each look, so a due job whose timer was set late runs. */
const syncedOnTime = (incidentId: string) => async () => {
  cw.clock.advance(0);
  return synced(incidentId)();
};
/**
 * The notes a test's own actions wrote: the example policy's pages cannot reach anyone, so its
 * failover may add its own note at any moment on a loaded machine.
 */
const ownNotes = (ticket: FakeTicket) => ticket.notes.filter((n) => !n.text.startsWith('Failover'));
const creates = (request: { method: string; path: string }) => request.method === 'POST' && request.path === '/service/tickets';
const callsOn = (ticketId: number) => cw.fake.calls.filter((c) => c.ticketId === ticketId && c.status < 300);

describe('ConnectWise outbound, against a fake ConnectWise Manage', () => {
  it('creates a ticket for a new high incident, with the mapping, the company and a link back; a low one gets none', async () => {
    const low = await cw.trigger('cw-low-1', 'info');
    const incident = await cw.trigger('cw-high-1');
    const ticket = await cw.until('the ticket', ticketOf('cw-high-1'));
    expect(ticket).toMatchObject({
      summary: 'Disk full on cw-high-1',
      board: MAPPING.board,
      status: MAPPING.status.new,
      priority: MAPPING.priority.high,
      type: 'Incident',
      company: { identifier: MAPPING.company },
    });
    expect(ticket.initialDescription).toContain('Source: rmm-agent-7');
    expect(ticket.initialDescription).toContain(`/#/incidents/${incident.id}`);
    const state = await cw.until('synced', synced(incident.id));
    expect(state).toMatchObject({ state: 'synced', ticketId: ticket.id, connectionId: 'cw-test', pending: 0 });
    expect(state.ticketUrl).toContain(`service_recid=${ticket.id}`);
    // The low incident was heard before the high one (one change after another): it has no ticket.
    expect((await sync(low.id)).state).toBe('none');
    const detail = await cw.api('ann', 'GET', `/api/v1/incidents/${incident.id}`);
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toContain('connectwise.synced');
  });

  it('acknowledge, a false-positive verdict and resolve go to the ticket as notes and status changes', async () => {
    const first = await cw.trigger('cw-ack-1');
    const ticket = await cw.until('the ticket', ticketOf('cw-ack-1'));
    await cw.until('synced', synced(first.id));
    expect((await cw.api('bob', 'POST', `/api/v1/incidents/${first.id}/acknowledge`, {})).status).toBe(200);
    await cw.until('acknowledged', () => ticket.status === MAPPING.status.acknowledged && ownNotes(ticket).length >= 1);
    expect(ownNotes(ticket)[0]).toMatchObject({ text: 'Acknowledged in Klaxon by Bob Example.', discussion: true, internal: false });

    expect((await cw.api('bob', 'POST', `/api/v1/incidents/${first.id}/dismiss`, { reason: 'scheduled backup filled the disk' })).status).toBe(200);
    await cw.until('closed', () => ticket.status === MAPPING.status.resolved);
    await cw.until('synced', synced(first.id));
    const dismissal = ownNotes(ticket).find((n) => n.text.startsWith('Dismissed as a false positive'));
    expect(dismissal).toMatchObject({ resolution: true, text: 'Dismissed as a false positive by Bob Example: scheduled backup filled the disk' });
    // The resolve that follows the verdict does not set the status a second time.
    expect(callsOn(ticket.id).filter((c) => c.method === 'PATCH')).toHaveLength(2);

    const second = await cw.trigger('cw-resolve-1');
    const other = await cw.until('the ticket', ticketOf('cw-resolve-1'));
    expect((await cw.api('ann', 'POST', `/api/v1/incidents/${second.id}/resolve`, {})).status).toBe(200);
    await cw.until('resolved', () => other.status === MAPPING.status.resolved);
    expect(ownNotes(other).map((n) => n.text)).toEqual(['Resolved in Klaxon by Ann Example.']);
  });

  it('notes, assignment and forensic evidence (hash and custodian) become internal-analysis notes', async () => {
    const incident = await cw.trigger('cw-notes-1');
    const ticket = await cw.until('the ticket', ticketOf('cw-notes-1'));
    expect((await cw.api('ann', 'POST', `/api/v1/incidents/${incident.id}/notes`, { text: 'Looking at the host now' })).status).toBeLessThan(300);
    expect((await cw.api('ann', 'POST', `/api/v1/incidents/${incident.id}/assign`, { role: 'forensic', userId: 'cara' })).status).toBe(200);
    const evidence = await fetch(`${cw.relay.url}/api/v1/incidents/${incident.id}/evidence?description=memory%20dump&origin=host-7`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenOf('cara')}`, 'content-type': 'application/octet-stream' },
      body: Buffer.from('dump bytes'),
    });
    expect(evidence.status).toBeLessThan(300);
    await cw.until('three notes', () => ownNotes(ticket).length >= 3);
    const notes = ownNotes(ticket);
    expect(notes.every((n) => n.internal && !n.discussion)).toBe(true);
    expect(notes[0]!.text).toBe('Note by Ann Example: Looking at the host now');
    expect(notes[1]!.text).toBe('forensic assignee: Cara Example.');
    expect(notes[2]!.text).toContain('Forensic evidence recorded by Cara Example (custodian).');
    expect(notes[2]!.text).toMatch(/SHA-256: [0-9a-f]{64}/);
  });

  it('a confidential incident\'s ticket gets only redacted notes', async () => {
    const incident = await cw.trigger('cw-secret-1');
    const ticket = await cw.until('the ticket', ticketOf('cw-secret-1'));
    expect((await cw.api('ann', 'POST', `/api/v1/incidents/${incident.id}/confidential`, { confidential: true })).status).toBe(200);
    expect((await cw.api('ann', 'POST', `/api/v1/incidents/${incident.id}/notes`, { text: 'attacker IP 203.0.113.66 in payroll' })).status).toBeLessThan(300);
    expect((await cw.api('ann', 'POST', `/api/v1/incidents/${incident.id}/dismiss`, { reason: 'payroll test by HR' })).status).toBe(200);
    await cw.until('closed', () => ticket.status === MAPPING.status.resolved && ownNotes(ticket).length >= 2);
    expect(ownNotes(ticket).map((n) => n.text)).toEqual(['A note was added in Klaxon.', 'Dismissed as a false positive']);
    expect(JSON.stringify(cw.fake.calls.filter((c) => c.ticketId === ticket.id))).not.toMatch(/203\.0\.113\.66|payroll/);
    // Bob is not on its need-to-know list: its sync state is as hidden as the incident.
    expect((await cw.api('bob', 'GET', `/api/v1/incidents/${incident.id}/connectwise`)).status).toBe(404);
  });

  it('a failover report goes to the ticket as a note', async () => {
    const incident = await cw.trigger('cw-failover-1');
    const ticket = await cw.until('the ticket', ticketOf('cw-failover-1'));
    // Nobody answers: the escalation runs out its levels (the manual clock moves, no sleeping).
    await cw.until('the failover', async () => {
      cw.clock.advance(30_000);
      const detail = await cw.api('ann', 'GET', `/api/v1/incidents/${incident.id}`);
      return detail.body.timeline.some((e: { type: string }) => e.type === 'failover.sent');
    }, 20_000);
    const note = await cw.until('the failover note', () => ticket.notes.find((n) => n.text.startsWith('Failover')));
    expect(note).toMatchObject({ internal: true });
  });
});

describe('ConnectWise retries', () => {
  it('retries after a 500 with backoff, on the manual clock', async () => {
    cw.fake.fail([{ status: 500 }], creates);
    const incident = await cw.trigger('cw-500-1');
    const waiting = await cw.until('the retry', async () => {
      const state = await sync(incident.id);
      return state.reason?.includes('500') ? state : undefined;
    });
    expect(waiting).toMatchObject({ state: 'pending', pending: 1 });
    expect(Date.parse(waiting.retryAt) - cw.clock.now().getTime()).toBe(30_000);
    cw.clock.advance(30_000);
    const state = await cw.until('synced', syncedOnTime(incident.id));
    expect(cw.fake.tickets.get(state.ticketId)?.summary).toBe('Disk full on cw-500-1');
  });

  it('waits out a 429\'s Retry-After', async () => {
    cw.fake.fail([{ status: 429, headers: { 'retry-after': '120' } }], creates);
    const incident = await cw.trigger('cw-429-1');
    const waiting = await cw.until('the retry', async () => {
      const state = await sync(incident.id);
      return state.reason?.includes('429') ? state : undefined;
    });
    expect(Date.parse(waiting.retryAt) - cw.clock.now().getTime()).toBe(120_000);
    cw.clock.advance(119_000);
    expect((await sync(incident.id)).state).toBe('pending');
    cw.clock.advance(1_000);
    await cw.until('synced', syncedOnTime(incident.id));
  });
});

describe('ConnectWise both ways', () => {
  const seeded = (id: number): FakeTicket => {
    const ticket: FakeTicket = { id, summary: 'Printer on fire', board: MAPPING.board, status: 'New', priority: MAPPING.priority.high, type: null, company: { identifier: 'AcmeCorp' }, initialDescription: '', notes: [] };
    cw.fake.tickets.set(id, ticket);
    return ticket;
  };
  const entity = (ticket: FakeTicket, status: string) => ({
    id: ticket.id,
    summary: ticket.summary,
    priority: { name: MAPPING.priority.high },
    status: { name: status },
    board: { name: MAPPING.board },
    company: { identifier: 'AcmeCorp' },
  });

  it('a callback-born incident writes to its own ticket; its echo is ignored; a technician\'s close resolves it once, not echoed back', async () => {
    const ticket = seeded(555);
    const opened = await cw.callback('added', entity(ticket, 'New'));
    expect(opened.status).toBe(200);
    const incidentId = opened.body.alerts[0].incidentId as string;
    expect((await cw.until('synced', synced(incidentId))).ticketId).toBe(555);

    expect((await cw.api('ann', 'POST', `/api/v1/incidents/${incidentId}/acknowledge`, {})).status).toBe(200);
    await cw.until('in progress', () => ticket.status === MAPPING.status.acknowledged);
    expect(cw.fake.calls.filter((c) => c.method === 'POST' && c.path === '/service/tickets' && c.body && (c.body as { summary?: string }).summary === 'Printer on fire')).toHaveLength(0);

    // ConnectWise tells of Klaxon's own change: nothing happens.
    const echo = await cw.callback('updated', entity(ticket, MAPPING.status.acknowledged));
    expect(echo.body.alerts[0]).toMatchObject({ outcome: 'ignored', incidentId });
    const before = (await cw.api('ann', 'GET', `/api/v1/incidents/${incidentId}`)).body.incident;
    expect(before.alertCount).toBe(1);

    // A technician closes it in ConnectWise (twice, as callbacks may come): resolved once, nothing written back.
    const patches = callsOn(555).filter((c) => c.method === 'PATCH').length;
    expect((await cw.callback('updated', { ...entity(ticket, 'Completed'), closedFlag: true })).body.alerts[0].outcome).toBe('resolved');
    expect((await cw.callback('updated', { ...entity(ticket, 'Completed'), closedFlag: true })).body.alerts[0].outcome).not.toBe('resolved');
    const detail = (await cw.api('ann', 'GET', `/api/v1/incidents/${incidentId}`)).body;
    expect(detail.incident.status).toBe('resolved');
    expect(detail.timeline.filter((e: { type: string }) => e.type === 'incident.resolved')).toHaveLength(1);
    // A later note proves the queue has moved past the resolve: still no status written back.
    await cw.api('ann', 'POST', `/api/v1/incidents/${incidentId}/notes`, { text: 'post-incident check done' });
    await cw.until('the note', () => ticket.notes.some((n) => n.text.includes('post-incident check done')));
    expect(callsOn(555).filter((c) => c.method === 'PATCH')).toHaveLength(patches);
  });

  it('a callback about a ticket Klaxon created opens no second incident; a technician\'s close resolves the Klaxon incident', async () => {
    const incident = await cw.trigger('cw-loop-1');
    const ticket = await cw.until('the ticket', ticketOf('cw-loop-1'));
    await cw.until('synced', synced(incident.id));
    const added = await cw.callback('added', entity(ticket, MAPPING.status.new));
    expect(added.body.alerts[0]).toMatchObject({ outcome: 'ignored', incidentId: incident.id });
    const list = (await cw.api('ann', 'GET', '/api/v1/incidents?status=open')).body.incidents as { dedupKey: string }[];
    expect(list.some((i) => i.dedupKey === `cw-ticket-${ticket.id}`)).toBe(false);

    const patches = callsOn(ticket.id).filter((c) => c.method === 'PATCH').length;
    expect((await cw.callback('updated', { ...entity(ticket, 'Completed'), closedFlag: true })).body.alerts[0]).toMatchObject({ outcome: 'resolved', incidentId: incident.id });
    const detail = (await cw.api('ann', 'GET', `/api/v1/incidents/${incident.id}`)).body;
    expect(detail.incident.status).toBe('resolved');
    await cw.api('ann', 'POST', `/api/v1/incidents/${incident.id}/notes`, { text: 'closed by the desk' });
    await cw.until('the note', () => ticket.notes.some((n) => n.text.includes('closed by the desk')));
    expect(callsOn(ticket.id).filter((c) => c.method === 'PATCH')).toHaveLength(patches);
  });
});

const tokens = new Map<string, string>();
async function tokenOf(username: string): Promise<string> {
  if (!tokens.has(username)) {
    const response = await fetch(`${cw.relay.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: `change-me-${username}` }),
    });
    tokens.set(username, ((await response.json()) as { token: string }).token);
  }
  return tokens.get(username)!;
}

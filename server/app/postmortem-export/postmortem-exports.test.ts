import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { User } from '../../../shared/schemas/user.js';
import { examplePostmortem } from '../../core/postmortem-export/example-postmortem.js';
import type { AuditEvent } from '../ports/audit.js';
import { ConnectWiseCallError, type ConnectWiseApi, type TicketNote } from '../ports/connectwise-api.js';
import type { ConnectWiseConnectionRecord, ConnectWiseTicketRecord } from '../ports/connectwise-store.js';
import type { Store } from '../ports/store.js';
import { createPostmortemExports, exportFilename } from './postmortem-exports.js';

const user = (role: User['role']): User => ({ id: `u-${role}`, name: role, email: `${role}@example.com`, role, notify: [] });
const connection = (edit: Partial<ConnectWiseConnectionRecord> = {}): ConnectWiseConnectionRecord => ({
  connection: { id: 'cw', site: 'https://cw.example', codebase: 'v4_6_release/apis/3.0', companyId: 'msp', clientId: 'cid', publicKeyEnv: 'CW_PUB', privateKeyEnv: 'CW_PRIV', services: ['fileserver'], clients: [] } as never,
  publicKeySealed: null,
  privateKeySealed: null,
  managedBy: 'file',
  fileHash: null,
  brokenAt: null,
  brokenReason: null,
  ...edit,
});
const ticket = (edit: Partial<ConnectWiseTicketRecord> = {}): ConnectWiseTicketRecord => ({
  incidentId: 'inc-1', connectionId: 'cw', ticketId: 1001, origin: 'klaxon', state: 'synced', reason: null, lastStatus: 'New', retryAt: null, updatedAt: new Date(), ...edit,
});

function setup(world: { ticket?: ConnectWiseTicketRecord; connection?: ConnectWiseConnectionRecord; confidential?: boolean | string; fail?: number; env?: Record<string, string> } = {}) {
  const notes: TicketNote[] = [];
  const audits: AuditEvent[] = [];
  let calls = 0;
  const api: ConnectWiseApi = {
    createTicket: () => Promise.reject(new Error('not used')),
    setStatus: () => Promise.reject(new Error('not used')),
    addNote: async (_credentials, _ticketId, note) => {
      calls += 1;
      if (world.fail !== undefined && calls > world.fail) throw new ConnectWiseCallError('POST /service/tickets/{id}/notes: ConnectWise answered 500', 500);
      notes.push(note);
    },
  };
  const store = {
    listUsers: async () => [],
    getService: async () => undefined,
    getTeam: async () => undefined,
    getClientRecord: async () => undefined,
    // `confidential` as an id: only that incident of the post-mortem is confidential.
    getIncident: async (id: string) => ({ id, confidential: typeof world.confidential === 'string' ? world.confidential === id : (world.confidential ?? false) }) as Incident,
    getConnectWiseTicket: async () => world.ticket,
    getConnectWiseConnection: async () => world.connection,
  } as unknown as Store;
  const exports = createPostmortemExports({
    load: async (_user, id) => examplePostmortem((pm) => {
      pm.id = id;
      if (id === 'linked') pm.incidentIds = ['inc-1', 'inc-2'];
      if (id === 'long') pm.fields.rootCause = 'x '.repeat(6000);
    }),
    store,
    renderPdf: async () => Buffer.from('%PDF-'),
    connectwise: { api, box: { configured: false, seal: () => '', open: () => '' } as never, env: world.env ?? { CW_PUB: 'p', CW_PRIV: 'q' } },
    incidentUrl: (id) => `https://klaxon.example/#/incidents/${id}`,
    audit: { record: async (event) => void audits.push(event) },
  });
  return { exports, notes, audits };
}

describe('post-mortem exports', () => {
  it('names files safely and audits each export', async () => {
    const { exports, audits } = setup();
    const md = await exports.markdown({ user: user('responder'), address: '10.0.0.1' }, 'pm-1');
    expect(md).toMatchObject({ filename: 'klaxon-postmortem-pm-1.md', contentType: 'text/markdown; charset=utf-8' });
    expect(exportFilename({ id: '../../etc/"passwd"\r\n' }, 'pdf')).toBe('klaxon-postmortem-etc-passwd.pdf');
    expect(audits).toEqual([{ action: 'postmortem.exported', actorId: 'u-responder', address: '10.0.0.1', subject: { kind: 'postmortem', id: 'pm-1' }, details: { format: 'markdown' } }]);
  });

  it('posts the ticket note as internal analysis, split when long', async () => {
    const { exports, notes, audits } = setup({ ticket: ticket(), connection: connection() });
    expect(await exports.postTicketNote({ user: user('triage-analyst') }, 'long', { internal: true })).toEqual({
      ok: true,
      value: { incidentId: 'inc-1', ticketId: 1001, notes: notes.length, internal: true, redacted: false },
    });
    expect(notes.length).toBeGreaterThan(1);
    expect(notes.every((n) => n.internal && n.text.length <= 4000)).toBe(true);
    expect(audits[0]).toMatchObject({ action: 'postmortem.connectwise-note-posted', details: { ticketId: 1001, posted: notes.length, redacted: false } });
  });

  it('says only that a confidential incident has a post-mortem', async () => {
    const { exports, notes } = setup({ ticket: ticket(), connection: connection(), confidential: true });
    const result = await exports.postTicketNote({ user: user('ir-manager') }, 'pm-1', { internal: false });
    expect(result).toMatchObject({ ok: true, value: { redacted: true, notes: 1, internal: false } });
    expect(notes[0]!.text).not.toContain('Disk full');
    expect(notes[0]!.text).toContain('https://klaxon.example/#/incidents/inc-1');
  });

  it('redacts the note when any incident the post-mortem covers is confidential', async () => {
    const { exports, notes } = setup({ ticket: ticket(), connection: connection(), confidential: 'inc-2' });
    expect(await exports.postTicketNote({ user: user('ir-manager') }, 'linked', { internal: true })).toMatchObject({ ok: true, value: { redacted: true, notes: 1 } });
    expect(notes[0]!.text).toMatch(/^A post-mortem of this confidential incident/);
  });

  it('refuses with a reason: role, no ticket, ticket not created, broken or keyless connection, ConnectWise refusing', async () => {
    const cases: [Parameters<typeof setup>[0], User['role'], string, RegExp][] = [
      [{ ticket: ticket(), connection: connection() }, 'responder', 'forbidden', /needs one of the roles/],
      [{}, 'admin', 'conflict', /has no ConnectWise ticket/],
      [{ ticket: ticket({ ticketId: null, state: 'failed', reason: 'ConnectWise answered 400' }), connection: connection() }, 'admin', 'conflict', /not created yet \(failed: ConnectWise answered 400\)/],
      [{ ticket: ticket() }, 'admin', 'conflict', /no longer exists/],
      [{ ticket: ticket(), connection: connection({ brokenAt: new Date(), brokenReason: 'ConnectWise refused the API keys (401)' }) }, 'admin', 'conflict', /is broken: ConnectWise refused/],
      [{ ticket: ticket(), connection: connection(), env: {} }, 'admin', 'conflict', /CW_PUB \(publicKey\) is not set/],
      [{ ticket: ticket(), connection: connection(), fail: 0 }, 'admin', 'unavailable', /ConnectWise did not take the note: .*500/],
    ];
    for (const [world, role, code, message] of cases) {
      const { exports, notes } = setup(world);
      const result = await exports.postTicketNote({ user: user(role) }, 'pm-1', { internal: true });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(code);
        expect(result.error.message).toMatch(message);
      }
      expect(notes).toEqual([]);
    }
    // A failure part-way says how many notes ConnectWise took.
    const { exports } = setup({ ticket: ticket(), connection: connection(), fail: 1 });
    const partial = await exports.postTicketNote({ user: user('admin') }, 'long', { internal: true });
    expect(partial.ok === false && partial.error.message).toMatch(/after 1 of \d+ notes were posted/);
  });
});

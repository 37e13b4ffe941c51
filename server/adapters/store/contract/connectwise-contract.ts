import { expect, it } from 'vitest';
import type { ConnectWiseConnectionRecord, ConnectWiseTicketRecord } from '../../../app/ports/connectwise-store.js';
import type { ContractContext } from './context.js';
import { at } from './fixtures.js';

const connection = (id: string): ConnectWiseConnectionRecord => ({
  connection: {
    id,
    site: 'https://api-na.myconnectwise.net',
    codebase: 'v4_6_release/apis/3.0',
    companyId: 'msp',
    clientId: 'cid',
    clients: ['acme'],
    services: ['core-network'],
    publicKeyEnv: 'CW_PUB',
    mapping: {
      board: 'Desk',
      company: 'MSP',
      status: { new: 'New', acknowledged: 'In Progress', resolved: 'Closed' },
      priority: { high: 'P1', medium: 'P2', low: 'P3' },
      type: {},
      fromPriority: 'high',
    },
  },
  publicKeySealed: null,
  privateKeySealed: 'v1.a.b.c',
  managedBy: 'console',
  fileHash: null,
  brokenAt: null,
  brokenReason: null,
});

const ticket = (incidentId: string, overrides: Partial<ConnectWiseTicketRecord> = {}): ConnectWiseTicketRecord => ({
  incidentId,
  connectionId: 'acme-cw',
  ticketId: null,
  origin: 'klaxon',
  state: 'pending',
  reason: null,
  lastStatus: null,
  retryAt: null,
  updatedAt: at(0),
  ...overrides,
});

/** ConnectWise connections, tickets and the outbox of calls. */
export function connectWiseContract(ctx: ContractContext): void {
  it('keeps connections with their sealed keys, marks them broken and mended, and deletes them', async () => {
    await ctx.store.upsertConnectWiseConnection(connection('acme-cw'));
    expect(await ctx.store.getConnectWiseConnection('acme-cw')).toEqual(connection('acme-cw'));
    await ctx.store.setConnectWiseConnectionBroken('acme-cw', at(5), 'refused (401)');
    expect(await ctx.store.getConnectWiseConnection('acme-cw')).toMatchObject({ brokenAt: at(5), brokenReason: 'refused (401)' });
    await ctx.store.setConnectWiseConnectionBroken('acme-cw', null, null);
    expect((await ctx.store.listConnectWiseConnections()).map((c) => c.brokenAt)).toEqual([null]);
    expect(await ctx.store.deleteConnectWiseConnection('acme-cw')).toBe(true);
    expect(await ctx.store.deleteConnectWiseConnection('acme-cw')).toBe(false);
  });

  it('keeps each incident\'s ticket, finds it by ticket id, and lists a connection\'s tickets by state', async () => {
    await ctx.store.upsertConnectWiseTicket(ticket('i-1'));
    await ctx.store.upsertConnectWiseTicket(ticket('i-1', { ticketId: 9_000_000_001, state: 'failed', reason: 'x', lastStatus: 'New', retryAt: at(30) }));
    await ctx.store.upsertConnectWiseTicket(ticket('i-2', { ticketId: 77, origin: 'connectwise', state: 'synced' }));
    expect(await ctx.store.getConnectWiseTicket('i-1')).toEqual(ticket('i-1', { ticketId: 9_000_000_001, state: 'failed', reason: 'x', lastStatus: 'New', retryAt: at(30) }));
    expect(await ctx.store.findConnectWiseTicket(77)).toMatchObject({ incidentId: 'i-2', origin: 'connectwise' });
    expect(await ctx.store.findConnectWiseTicket(78)).toBeUndefined();
    expect((await ctx.store.listConnectWiseTickets('acme-cw', 'failed')).map((t) => t.incidentId)).toEqual(['i-1']);
  });

  it('runs an incident\'s waiting calls in order, and records attempts', async () => {
    const op = (id: string, ordinal: number) => ({ id, incidentId: 'i-3', ordinal, call: { kind: 'note', text: id }, attempts: 0, lastError: null, failed: false });
    await ctx.store.addConnectWiseOp(op('b', 1_764_496_800_000_002));
    await ctx.store.addConnectWiseOp(op('a', 1_764_496_800_000_001));
    await ctx.store.addConnectWiseOp({ ...op('other', 1), incidentId: 'i-4' });
    expect((await ctx.store.listConnectWiseOps('i-3')).map((o) => o.id)).toEqual(['a', 'b']);
    await ctx.store.updateConnectWiseOp('a', { attempts: 2, lastError: 'answered 500', failed: true });
    expect((await ctx.store.listConnectWiseOps('i-3'))[0]).toEqual({ ...op('a', 1_764_496_800_000_001), attempts: 2, lastError: 'answered 500', failed: true });
    await ctx.store.deleteConnectWiseOp('a');
    expect((await ctx.store.listConnectWiseOps('i-3')).map((o) => o.id)).toEqual(['b']);
  });
}

import { expect, it } from 'vitest';
import type { HeartbeatRecord } from '../../../app/ports/heartbeat-store.js';
import type { ContractContext } from './context.js';
import { at } from './fixtures.js';

function makeHeartbeat(overrides: Partial<HeartbeatRecord> = {}): HeartbeatRecord {
  return {
    integrationId: 'rmm:heartbeat:0',
    serviceId: 'rmm',
    state: 'ok',
    lastPingAt: at(0),
    deadlineAt: at(420),
    incidentId: null,
    updatedAt: at(0),
    ...overrides,
  };
}

/** Heartbeat monitors: their rows, the one-statement ping, the guarded late mark, the last living relay. */
export function heartbeatsContract(ctx: ContractContext): void {
  it('round-trips heartbeats and replaces one on save', async () => {
    await ctx.store.saveHeartbeat(makeHeartbeat({ integrationId: 'b', state: 'waiting', lastPingAt: null, deadlineAt: null }));
    await ctx.store.saveHeartbeat(makeHeartbeat({ integrationId: 'a' }));
    expect((await ctx.store.listHeartbeats()).map((h) => h.integrationId)).toEqual(['a', 'b']);
    const late = makeHeartbeat({ integrationId: 'a', state: 'late', deadlineAt: null, incidentId: 'inc-1', updatedAt: at(500) });
    await ctx.store.transaction((tx) => tx.saveHeartbeat(late));
    expect(await ctx.store.getHeartbeat('a')).toEqual(late);
    expect(await ctx.store.getHeartbeat('b')).toMatchObject({ state: 'waiting', lastPingAt: null, deadlineAt: null });
    await ctx.store.deleteHeartbeat('a');
    expect(await ctx.store.getHeartbeat('a')).toBeUndefined();
  });

  it('moves an ok or relay-down heartbeat on a ping, and leaves a late, waiting or unknown one alone', async () => {
    await ctx.store.saveHeartbeat(makeHeartbeat({ integrationId: 'ok' }));
    await ctx.store.saveHeartbeat(makeHeartbeat({ integrationId: 'down', state: 'relay-down' }));
    await ctx.store.saveHeartbeat(makeHeartbeat({ integrationId: 'late', state: 'late', deadlineAt: null, incidentId: 'i' }));
    expect(await ctx.store.recordPing('ok', at(60), at(480))).toBe(true);
    expect(await ctx.store.recordPing('down', at(60), at(480))).toBe(true);
    expect(await ctx.store.recordPing('late', at(60), at(480))).toBe(false);
    expect(await ctx.store.recordPing('nobody', at(60), at(480))).toBe(false);
    expect(await ctx.store.getHeartbeat('ok')).toMatchObject({ state: 'ok', lastPingAt: at(60), deadlineAt: at(480), updatedAt: at(60) });
    expect(await ctx.store.getHeartbeat('down')).toMatchObject({ state: 'ok', deadlineAt: at(480) });
    expect(await ctx.store.getHeartbeat('late')).toMatchObject({ state: 'late', deadlineAt: null, incidentId: 'i' });
  });

  it('marks a heartbeat late only while its deadline is the one that was missed', async () => {
    await ctx.store.saveHeartbeat(makeHeartbeat());
    expect(await ctx.store.markHeartbeatLate('rmm:heartbeat:0', at(999), 'inc', at(999))).toBe(false);
    expect(await ctx.store.markHeartbeatLate('rmm:heartbeat:0', at(420), 'inc', at(421))).toBe(true);
    expect(await ctx.store.getHeartbeat('rmm:heartbeat:0')).toMatchObject({ state: 'late', deadlineAt: null, incidentId: 'inc' });
    expect(await ctx.store.markHeartbeatLate('rmm:heartbeat:0', at(420), 'again', at(422))).toBe(false);
  });

  it('tells the latest instant any relay node was vouched alive until', async () => {
    expect(await ctx.store.lastRelayAliveUntil()).toBeUndefined();
    await ctx.store.heartbeat('node-a', at(5));
    await ctx.store.heartbeat('node-b', at(9));
    await ctx.store.heartbeat('node-a', at(7));
    expect(await ctx.store.lastRelayAliveUntil()).toEqual(at(9));
  });
}

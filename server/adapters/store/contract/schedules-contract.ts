import { expect, it } from 'vitest';
import type { SwapRequest } from '../../../../shared/schemas/swap.js';
import type { ContractContext } from './context.js';
import { makeEvent, makeIncident, makePage, makeSchedule, makeTeam, T0 } from './fixtures.js';

function makeSwap(overrides: Partial<SwapRequest> = {}): SwapRequest {
  return {
    id: `swap-${Math.random().toString(36).slice(2)}`,
    scheduleId: 'noc-primary',
    requester: 'alice',
    target: 'bob',
    start: '2030-01-08T09:00',
    end: '2030-01-09T09:00',
    note: 'dentist, ✓',
    status: 'pending',
    createdAt: new Date(T0).toISOString(),
    decidedAt: null,
    decidedBy: null,
    ...overrides,
  };
}

/** Swap requests, calendar feed tokens, schedule sources, and the activity fair on-call reads. */
export function schedulesContract(ctx: ContractContext): void {
  const withSchedule = async () => {
    await ctx.store.upsertTeam(makeTeam());
    await ctx.store.upsertSchedule(makeSchedule());
  };

  it('keeps swap requests, lists them by person, schedule and status, newest first', async () => {
    await withSchedule();
    const older = makeSwap({ createdAt: new Date(T0).toISOString() });
    const newer = makeSwap({ requester: 'carol', target: 'dave', createdAt: new Date(T0 + 1000).toISOString() });
    await ctx.store.insertSwap(older);
    await ctx.store.insertSwap(newer);
    expect(await ctx.store.getSwap(older.id)).toEqual(older);
    expect(await ctx.store.getSwap('nope')).toBeUndefined();
    expect(await ctx.store.listSwaps({ scheduleId: 'noc-primary' })).toEqual([newer, older]);
    expect(await ctx.store.listSwaps({ userId: 'bob' })).toEqual([older]);
    expect(await ctx.store.listSwaps({ userId: 'dave', status: 'accepted' })).toEqual([]);
  });

  it('settles a swap only while it is pending', async () => {
    await withSchedule();
    const swap = makeSwap();
    await ctx.store.insertSwap(swap);
    const at = new Date(T0 + 60_000);
    expect(await ctx.store.settleSwap(swap.id, 'accepted', at, 'bob')).toBe(true);
    expect(await ctx.store.settleSwap(swap.id, 'declined', at, 'bob')).toBe(false);
    expect(await ctx.store.getSwap(swap.id)).toEqual({ ...swap, status: 'accepted', decidedAt: at.toISOString(), decidedBy: 'bob' });
  });

  it('keeps one calendar feed token hash per subject; a new hash replaces the old one', async () => {
    const hash = (n: number) => String(n).repeat(64);
    const first = { kind: 'user' as const, subject: 'alice', tokenHash: hash(1), createdAt: new Date(T0) };
    expect(await ctx.store.getCalendarFeed('user', 'alice')).toBeUndefined();
    await ctx.store.saveCalendarFeed(first);
    await ctx.store.saveCalendarFeed({ kind: 'schedule', subject: 'alice', tokenHash: hash(2), createdAt: new Date(T0) });
    expect(await ctx.store.getCalendarFeed('user', 'alice')).toEqual(first);
    expect(await ctx.store.findCalendarFeed(hash(2))).toMatchObject({ kind: 'schedule', subject: 'alice' });
    await ctx.store.saveCalendarFeed({ ...first, tokenHash: hash(3), createdAt: new Date(T0 + 1) });
    expect(await ctx.store.findCalendarFeed(hash(1))).toBeUndefined();
    expect(await ctx.store.findCalendarFeed(hash(3))).toEqual({ ...first, tokenHash: hash(3), createdAt: new Date(T0 + 1) });
    expect(await ctx.store.getCalendarFeed('user', 'alice')).toEqual({ ...first, tokenHash: hash(3), createdAt: new Date(T0 + 1) });
  });

  it('records where a schedule came from', async () => {
    expect(await ctx.store.getScheduleSource('noc-primary')).toBeUndefined();
    const source = { scheduleId: 'noc-primary', configDigest: 'abc', editedAt: null, editedBy: null };
    await ctx.store.saveScheduleSource(source);
    expect(await ctx.store.getScheduleSource('noc-primary')).toEqual(source);
    const edited = { ...source, editedAt: new Date(T0), editedBy: 'alice' };
    await ctx.store.saveScheduleSource(edited);
    expect(await ctx.store.getScheduleSource('noc-primary')).toEqual(edited);
  });

  it('lists pages and acknowledgements by people in a window, with the incident team', async () => {
    const incident = await ctx.store.insertIncident(makeIncident({ teamId: 'noc' }));
    await ctx.store.insertPage(makePage(incident.id, 10, { userId: 'alice' }));
    await ctx.store.insertPage(makePage(incident.id, 5000, { userId: 'bob' }));
    await ctx.store.appendTimeline(makeEvent(incident.id, 20, { type: 'incident.acknowledged', actor: { type: 'user', id: 'alice' } }));
    await ctx.store.appendTimeline(makeEvent(incident.id, 30, { type: 'incident.resolved', actor: { type: 'system', id: null } }));
    await ctx.store.appendTimeline(makeEvent(incident.id, 40, { type: 'note.added', actor: { type: 'user', id: 'bob' } }));
    const window = [new Date(T0), new Date(T0 + 1000 * 1000)] as const;
    expect(await ctx.store.listPageActivity(...window)).toEqual([
      { userId: 'alice', incidentId: incident.id, teamId: 'noc', at: new Date(T0 + 10_000) },
    ]);
    expect(await ctx.store.listHandledActivity(...window)).toEqual([
      { userId: 'alice', incidentId: incident.id, teamId: 'noc', at: new Date(T0 + 20_000) },
    ]);
  });
}

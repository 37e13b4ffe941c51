import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import { onCallAt } from '../schedule/index.js';
import { checkSwapRequest, decideSwap, swapOverride } from './swap.js';

const schedule: Schedule = {
  id: 'noc-primary',
  name: 'NOC primary',
  team: 'noc',
  timeZone: 'America/New_York',
  owner: 'ann',
  layers: [{ name: 'weekly', rotation: { participants: ['bob', 'cara'], shiftLength: 604_800, start: '2026-11-02T09:00' }, restrictions: [] }],
  overrides: [],
};
const team = { members: ['ann', 'bob', 'cara', 'dan'] };
const now = new Date('2026-11-28T12:00:00Z');
// bob is on call weeks from 11-02, 11-16 and 11-30 (09:00), cara the weeks between (from 11-09, 11-23, 12-07).
const ask = { requester: 'bob', target: 'cara', start: '2026-12-01T09:00', end: '2026-12-02T09:00' };

describe('shift swaps', () => {
  it('accepts a request for time the requester is on call', () => {
    expect(checkSwapRequest(schedule, team, ask, now)).toEqual({ ok: true });
  });

  it('refuses asking oneself, a stranger, time already over, and time one is not on call', () => {
    const problem = (a: typeof ask) => {
      const check = checkSwapRequest(schedule, team, a, now);
      return check.ok ? null : check.problem.field;
    };
    expect(problem({ ...ask, target: 'bob' })).toBe('target');
    expect(problem({ ...ask, target: 'zed' })).toBe('target');
    expect(problem({ ...ask, start: '2026-11-17T09:00', end: '2026-11-18T09:00' })).toBe('end');
    expect(problem({ ...ask, start: '2026-12-08T09:00', end: '2026-12-09T09:00' })).toBe('start');
  });

  it('turns an accepted swap into an override that puts the target on call instead', () => {
    const override = swapOverride(ask);
    expect(override).toEqual({ user: 'cara', replaces: 'bob', start: ask.start, end: ask.end });
    const swapped = { ...schedule, overrides: [override] };
    expect(onCallAt(swapped, new Date('2026-12-01T20:00:00Z')).users).toEqual(['cara']);
    expect(onCallAt(swapped, new Date('2026-12-02T20:00:00Z')).users).toEqual(['bob']);
  });

  it('lets only the target accept, the target or a manager decline, the requester or a manager cancel', () => {
    const pending = { requester: 'bob', target: 'cara', status: 'pending' as const };
    expect(decideSwap(pending, 'accept', { id: 'cara', manager: false })).toEqual({ ok: true, status: 'accepted' });
    expect(decideSwap(pending, 'accept', { id: 'bob', manager: false }).ok).toBe(false);
    expect(decideSwap(pending, 'accept', { id: 'ann', manager: true }).ok).toBe(false);
    expect(decideSwap(pending, 'decline', { id: 'ann', manager: true })).toEqual({ ok: true, status: 'declined' });
    expect(decideSwap(pending, 'cancel', { id: 'bob', manager: false })).toEqual({ ok: true, status: 'cancelled' });
    expect(decideSwap(pending, 'cancel', { id: 'cara', manager: false }).ok).toBe(false);
    const done = decideSwap({ ...pending, status: 'accepted' }, 'decline', { id: 'cara', manager: false });
    expect(done.ok ? null : done.problem.code).toBe('conflict');
  });
});

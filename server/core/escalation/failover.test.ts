import { describe, expect, it } from 'vitest';
import { incidentAcknowledged, pageRead, startEscalation } from './events.js';
import { at, contextOf, iso, only, policyOf, runUntil } from './test-support.js';

describe('failover', () => {
  const policy = policyOf({
    stopOn: 'acknowledged',
    repeat: 1,
    repeatPageEvery: '1m',
    levels: [
      { delay: '2m', targets: [{ user: 'ann' }] },
      { delay: '2m', targets: [{ schedule: 'noc' }, { user: 'cy' }] },
    ],
    failover: { email: ['lead@example.com', 'boss@example.com'], users: ['lead'] },
  });
  const ctx = contextOf({ noc: () => ['bob'] });

  function unanswered() {
    const started = startEscalation(policy, { priority: 'high' }, at(0), ctx);
    // bob reads his page, but nobody acknowledges: the factor stays unmet.
    const read = pageRead(runUntil(started, policy, ctx, 150).result.state, policy, '1:0:bob', at(150), ctx);
    return runUntil(read, policy, ctx, 10_000);
  }

  it('lists every page with its state, the levels tried and the passes made', () => {
    const { effects, result } = unanswered();
    const failovers = only(effects, 'failover');
    expect(failovers).toHaveLength(1);
    const failover = failovers[0]!;
    expect(failover.at).toBe(iso(480));
    expect(failover.emails).toEqual(['lead@example.com', 'boss@example.com']);
    expect(failover.users).toEqual(['lead']);
    expect(failover.loops).toBe(2);
    expect(failover.pages.map((p) => [p.pageKey, p.state, p.attempts])).toEqual([
      ['0:0:ann', 'sent', 8],
      ['1:0:bob', 'read', 1],
      ['1:0:cy', 'sent', 6],
      ['0:1:ann', 'sent', 4],
      ['1:1:bob', 'sent', 2],
      ['1:1:cy', 'sent', 2],
    ]);
    expect(failover.pages[1]).toMatchObject({ sentAt: iso(120), lastSentAt: iso(120), readAt: iso(150) });
    expect(failover.pages[0]).toMatchObject({ sentAt: iso(0), lastSentAt: iso(420), readAt: null });
    expect(failover.tried).toEqual([
      { level: 0, loop: 0, at: iso(0), userIds: ['ann'] },
      { level: 1, loop: 0, at: iso(120), userIds: ['bob', 'cy'] },
      { level: 0, loop: 1, at: iso(240), userIds: ['ann'] },
      { level: 1, loop: 1, at: iso(360), userIds: ['bob', 'cy'] },
    ]);
    expect(result.state).toMatchObject({ status: 'unanswered', endedAt: iso(480), nextEscalationAt: null });
    expect(result.wakeAt).toBeNull();
  });

  it('an unanswered escalation records later facts but emits nothing', () => {
    const { result } = unanswered();
    const acked = incidentAcknowledged(result.state, policy, at(20_000), ctx);
    expect(acked.effects).toEqual([]);
    expect(acked.state).toMatchObject({ status: 'unanswered', acknowledgedAt: iso(20_000) });
    const read = pageRead(acked.state, policy, '0:0:ann', at(20_001), ctx);
    expect(read.effects).toEqual([]);
    expect(read.state.pages[0]?.readAt).toBe(iso(20_001));
  });
});

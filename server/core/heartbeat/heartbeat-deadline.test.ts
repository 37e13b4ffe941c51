import { describe, expect, it } from 'vitest';
import { afterDowntime, deadlineAfter, missedSummary, onDeadline, silenceText, type HeartbeatClock } from './heartbeat-deadline.js';

const T0 = Date.UTC(2030, 0, 1, 12);
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const timing = { intervalSeconds: 300, graceSeconds: 120 };
const ok = (pingAt: number): HeartbeatClock => ({ state: 'ok', lastPingAt: at(pingAt), deadlineAt: deadlineAfter(at(pingAt), timing) });

describe('heartbeat deadlines', () => {
  it('puts the deadline an interval plus the grace after a ping', () => {
    expect(deadlineAfter(at(10), timing)).toEqual(at(430));
  });

  it('waits when pings moved the deadline past the job, and reports a miss with the silence since the last ping', () => {
    expect(onDeadline(ok(100), at(420))).toEqual({ kind: 'wait', until: at(520) });
    expect(onDeadline(ok(0), at(420))).toEqual({ kind: 'missed', silentSeconds: 420 });
    expect(onDeadline(ok(0), at(479))).toEqual({ kind: 'missed', silentSeconds: 479 });
  });

  it('does nothing for a heartbeat waiting for its first ping or already late', () => {
    expect(onDeadline({ state: 'waiting', lastPingAt: null, deadlineAt: null }, at(1000))).toEqual({ kind: 'none' });
    expect(onDeadline({ ...ok(0), state: 'late' }, at(1000))).toEqual({ kind: 'none' });
  });

  it('misses a relay-down deadline like any other once the relay is up', () => {
    const down: HeartbeatClock = { state: 'relay-down', lastPingAt: at(0), deadlineAt: at(900) };
    expect(onDeadline(down, at(900))).toEqual({ kind: 'missed', silentSeconds: 900 });
  });
});

describe('after the relay was down', () => {
  it('gives a deadline that fell in the downtime a fresh one from the start, as relay-down', () => {
    // Pinged at 0 (deadline 420); the last relay was alive until 200 and the next started at 1000.
    expect(afterDowntime(ok(0), timing, at(200), at(1000))).toEqual({ kind: 'relay-down', deadlineAt: at(1420) });
  });

  it('keeps a deadline that passed while a relay was alive, and one still ahead', () => {
    expect(afterDowntime(ok(0), timing, at(500), at(1000))).toEqual({ kind: 'keep' });
    expect(afterDowntime(ok(900), timing, at(950), at(1000))).toEqual({ kind: 'keep' });
  });

  it('takes a passed deadline as fallen in the downtime when nothing tells when the relay stopped', () => {
    expect(afterDowntime(ok(0), timing, undefined, at(1000))).toEqual({ kind: 'relay-down', deadlineAt: at(1420) });
  });

  it('leaves waiting and late heartbeats alone', () => {
    expect(afterDowntime({ state: 'waiting', lastPingAt: null, deadlineAt: null }, timing, undefined, at(1000))).toEqual({ kind: 'keep' });
    expect(afterDowntime({ ...ok(0), state: 'late' }, timing, at(10), at(1000))).toEqual({ kind: 'keep' });
  });
});

describe('missed heartbeat texts', () => {
  it('names the service, its client and the silence', () => {
    expect(missedSummary('RMM agent', 'Acme Corp', 720)).toBe('RMM agent for Acme Corp silent for 12 min');
    expect(missedSummary('RMM agent', null, 45)).toBe('RMM agent silent for 45 s');
    expect(silenceText(119)).toBe('1 min');
  });
});

import { describe, expect, it } from 'vitest';
import type { HeartbeatView } from '../../shared/schemas/heartbeat.js';
import { byUrgency, deadlineText, lastPingText, rhythmText } from './heartbeat-format.js';

const now = new Date('2026-11-02T14:10:00Z');
const display = { zone: 'America/New_York', hourCycle: 24 as const };
const view = (overrides: Partial<HeartbeatView>): HeartbeatView => ({
  id: 'rmm:heartbeat:0',
  serviceId: 'rmm',
  serviceName: 'RMM',
  clientName: null,
  intervalSeconds: 300,
  graceSeconds: 120,
  state: 'ok',
  lastPingAt: null,
  deadlineAt: null,
  incidentId: null,
  ...overrides,
});

describe('heartbeat texts', () => {
  it('says the rhythm, with the grace only when there is one', () => {
    expect(rhythmText(view({}))).toBe('every 5m, 2m grace');
    expect(rhythmText(view({ graceSeconds: 0, intervalSeconds: 90 }))).toBe('every 90s');
  });

  it('says how long ago the last ping was and how long to the deadline', () => {
    expect(lastPingText(view({ lastPingAt: '2026-11-02T14:06:00Z' }), now, display)).toBe('09:06:00 EST (4m ago)');
    expect(lastPingText(view({ lastPingAt: '2026-11-02T14:06:00Z' }), now, { zone: 'Asia/Kolkata', hourCycle: 12 })).toBe('7:36:00 PM UTC+5:30 (4m ago)');
    expect(lastPingText(view({ lastPingAt: '2026-11-01T14:06:00Z' }), now, display)).toBe('Sun 1 Nov 09:06:00 EST (1d 00h ago)');
    expect(lastPingText(view({}), now, display)).toBe('never');
    expect(deadlineText(view({ deadlineAt: '2026-11-02T14:13:00Z' }), now, display)).toBe('09:13:00 EST (in 3m)');
    expect(deadlineText(view({ deadlineAt: '2026-11-02T14:09:00Z' }), now, display)).toBe('09:09:00 EST (overdue)');
    expect(deadlineText(view({}), now, display)).toBe('—');
  });

  it('lists late heartbeats first, then relay-down, then by name', () => {
    const list = [view({ id: 'w', state: 'waiting' }), view({ id: 'o', serviceName: 'B', state: 'ok' }), view({ id: 'l', state: 'late' }), view({ id: 'd', state: 'relay-down' }), view({ id: 'a', serviceName: 'A', state: 'ok' })];
    expect(list.sort(byUrgency).map((h) => h.id)).toEqual(['l', 'd', 'a', 'o', 'w']);
  });
});

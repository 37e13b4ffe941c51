import { describe, expect, it } from 'vitest';
import { startEscalation } from './events.js';
import { parseEscalationState } from './state-schema.js';
import { at, contextOf, policyOf } from './test-support.js';

describe('parseEscalationState', () => {
  const policy = policyOf({ levels: [{ delay: '5m', targets: [{ user: 'ann' }] }] });

  it('accepts a stored state read back from JSON', () => {
    const { state } = startEscalation(policy, { priority: 'high' }, at(0), contextOf());
    const parsed = parseEscalationState(JSON.parse(JSON.stringify(state)));
    expect(parsed).toEqual({ ok: true, state });
  });

  it('rejects something else with a message naming the field', () => {
    const { state } = startEscalation(policy, { priority: 'high' }, at(0), contextOf());
    const parsed = parseEscalationState({ ...state, status: 'paused' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('status');
  });
});

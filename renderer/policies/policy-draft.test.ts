import { describe, expect, it } from 'vitest';
import { PolicySchema } from '../../shared/schemas/policy.js';
import { checkDraft, emptyDraft, toDraft, toPolicyInput } from './policy-draft.js';

const policy = PolicySchema.parse({
  id: 'noc-default',
  name: 'NOC default',
  team: 'noc',
  stopOn: 'read',
  repeat: 1,
  repeatPageEvery: '90s',
  levels: [
    { delay: '5m', targets: [{ schedule: 'noc-primary' }] },
    { delay: '1h', targets: [{ user: 'ann' }, { user: 'bob' }] },
  ],
  failover: { email: ['lead@example.com', 'boss@example.com'], users: ['ann'] },
});

describe('policy drafts', () => {
  it('round-trips a policy through the editable draft', () => {
    const draft = toDraft(policy);
    expect(draft.levels[1]).toEqual({ delay: '1h', targets: [{ kind: 'user', id: 'ann' }, { kind: 'user', id: 'bob' }] });
    expect(draft.repeatPageEvery).toBe('90s');
    expect(draft.failoverEmails).toBe('lead@example.com, boss@example.com');
    expect(checkDraft(draft)).toEqual({ ok: true, policy });
  });

  it('splits failover addresses on commas, spaces and new lines and leaves out an empty team', () => {
    const draft = { ...toDraft(policy), team: '', failoverEmails: 'a@example.com;\n b@example.com ,, ' };
    expect(toPolicyInput(draft)).toMatchObject({ failover: { email: ['a@example.com', 'b@example.com'] } });
    expect(toPolicyInput(draft)).not.toHaveProperty('team');
  });

  it('names every field the shared schema refuses', () => {
    const draft = emptyDraft();
    draft.levels.push({ delay: 'soon', targets: [] });
    draft.failoverEmails = 'not-an-address';
    draft.repeatPageEvery = '5s';
    const check = checkDraft(draft);
    expect(check.ok).toBe(false);
    expect(Object.keys(check.ok ? {} : check.errors).sort()).toEqual([
      'failover.email.0',
      'id',
      'levels.0.targets.0.user',
      'levels.1.delay',
      'levels.1.targets',
      'name',
      'repeatPageEvery',
    ]);
  });
});

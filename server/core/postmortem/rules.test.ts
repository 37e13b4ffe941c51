import { describe, expect, it } from 'vitest';
import { PostmortemsConfigSchema } from '../../../shared/config/postmortem-config.js';
import { postmortemDemand, ruleFacts, ruleMatches } from './rules.js';

const { rules } = PostmortemsConfigSchema.parse({
  rules: [
    { name: 'noc-failover', teams: ['noc'], when: { failover: true }, dueWithin: '3d' },
    { name: 'every-high', when: { priority: ['high'] } },
    { name: 'confidential-db', services: ['db'], when: { confidential: true, escalated: true }, dueWithin: '12h' },
  ],
});

const incident = { teamId: 'noc', serviceId: 'rmm', priority: 'medium' as const, confidential: false };
const resolvedAt = new Date('2030-03-04T03:00:00Z');

describe('the rules that ask for a post-mortem', () => {
  it('reads the failover and escalation facts from the timeline', () => {
    expect(ruleFacts(incident, [{ type: 'incident.opened' }, { type: 'failover.sent' }])).toEqual({ incident, failover: true, escalated: false });
    expect(ruleFacts(incident, [{ type: 'escalation.level' }])).toEqual({ incident, failover: false, escalated: true });
  });

  it('matches only when every condition holds, the first matching rule wins, and dueWithin defaults to 5 days', () => {
    expect(postmortemDemand(rules, { incident, failover: false, escalated: false }, resolvedAt)).toBeUndefined();
    expect(postmortemDemand(rules, { incident: { ...incident, teamId: 'soc' }, failover: true, escalated: false }, resolvedAt)).toBeUndefined();
    expect(postmortemDemand(rules, { incident: { ...incident, priority: 'high' }, failover: true, escalated: false }, resolvedAt)).toEqual({
      reason: 'noc-failover',
      dueAt: new Date('2030-03-07T03:00:00Z'),
    });
    expect(postmortemDemand(rules, { incident: { ...incident, priority: 'high' }, failover: false, escalated: false }, resolvedAt)).toEqual({
      reason: 'every-high',
      dueAt: new Date('2030-03-09T03:00:00Z'),
    });
    const secret = { ...incident, serviceId: 'db', confidential: true };
    expect(postmortemDemand(rules, { incident: secret, failover: false, escalated: false }, resolvedAt)).toBeUndefined();
    expect(postmortemDemand(rules, { incident: secret, failover: false, escalated: true }, resolvedAt)).toEqual({
      reason: 'confidential-db',
      dueAt: new Date('2030-03-04T15:00:00Z'),
    });
  });

  it('lets a false condition ask for its absence, and a rule without conditions match everything', () => {
    const [quiet] = PostmortemsConfigSchema.parse({ rules: [{ name: 'no-failover', when: { failover: false } }] }).rules;
    expect(ruleMatches(quiet!, { incident, failover: false, escalated: false })).toBe(true);
    expect(ruleMatches(quiet!, { incident, failover: true, escalated: false })).toBe(false);
    const [all] = PostmortemsConfigSchema.parse({ rules: [{ name: 'all' }] }).rules;
    expect(ruleMatches(all!, { incident, failover: true, escalated: true })).toBe(true);
  });

  it('refuses unknown conditions and bad durations naming the field', () => {
    const bad = PostmortemsConfigSchema.safeParse({ rules: [{ name: 'x', when: { severity: ['critical'] } }] });
    expect(bad.success).toBe(false);
    const late = PostmortemsConfigSchema.safeParse({ rules: [{ name: 'x', dueWithin: 'soon' }] });
    expect(late.error?.issues[0]?.path).toEqual(['rules', 0, 'dueWithin']);
  });
});

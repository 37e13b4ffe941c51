import { describe, expect, it } from 'vitest';
import { PriorityRulesInputSchema } from '../../../shared/schemas/admin.js';
import { describeRule, draftToRule, newRuleDraft, refusedRule, ruleToDraft } from './rule-draft.js';

describe('priority rule drafts', () => {
  it('round-trips a rule, keeping conditions the form does not edit', () => {
    const rule = { when: { severity: ['critical' as const], summary: '(?i)disk', labels: { env: 'prod' } }, priority: 'high' as const };
    expect(draftToRule(ruleToDraft(rule))).toEqual(rule);
  });

  it('leaves out empty conditions; a rule without any matches everything', () => {
    expect(draftToRule({ ...newRuleDraft(), priority: 'low', summary: '  ' })).toEqual({ priority: 'low' });
    expect(draftToRule({ ...newRuleDraft(), source: ' nagios ' })).toEqual({ when: { source: 'nagios' }, priority: 'high' });
  });

  it('finds the rule and condition a refusal names', () => {
    expect(refusedRule('rules.2.when.summary')).toEqual({ index: 2, condition: 'summary' });
    expect(refusedRule('rules.0.priority')).toEqual({ index: 0, condition: 'priority' });
    expect(refusedRule('rules')).toBeNull();
    expect(refusedRule(null)).toBeNull();
  });

  it('sends a wrong pattern for the shared schema to name', () => {
    const parsed = PriorityRulesInputSchema.safeParse({ rules: [draftToRule({ ...newRuleDraft(), summary: '(' })] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe('rules.0.when.summary');
  });

  it('describes rules in plain words', () => {
    expect(describeRule({ priority: 'high' })).toBe('every alert');
    expect(describeRule({ when: { severity: ['critical', 'error'] }, priority: 'high' })).toBe('critical or error alerts');
    expect(describeRule({ when: { severity: ['info'], summary: 'disk' }, priority: 'low' })).toBe('info alerts whose summary matches /disk/');
  });
});

import { describe, expect, it } from 'vitest';
import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { PriorityRule } from '../../../shared/schemas/service.js';
import { compilePriorityRuleMatch, compilePriorityRules } from './priority-rules.js';

function alert(change: Partial<AlertInput> = {}): AlertInput {
  return { action: 'trigger', dedupKey: 'k', summary: 'Backup failed on FS01', severity: 'warning', source: 'fs01', labels: {}, links: [], payload: {}, ...change };
}

const rules: PriorityRule[] = [
  { when: { severity: ['critical'] }, priority: 'high' },
  { when: { summary: '(?i)backup' }, priority: 'medium' },
  { when: { source: '^db' }, priority: 'low' },
];

describe('compilePriorityRuleMatch', () => {
  it('tells the 1-based position of the first rule that matched, with its priority', () => {
    const match = compilePriorityRuleMatch(rules);
    expect(match(alert({ severity: 'critical' }))).toEqual({ priority: 'high', rule: 1 });
    expect(match(alert())).toEqual({ priority: 'medium', rule: 2 });
    expect(match(alert({ summary: 'Disk', source: 'db7' }))).toEqual({ priority: 'low', rule: 3 });
  });

  it('answers rule null with the severity default when no rule matches', () => {
    const match = compilePriorityRuleMatch(rules);
    expect(match(alert({ summary: 'Disk', severity: 'error' }))).toEqual({ priority: 'high', rule: null });
    expect(compilePriorityRuleMatch([])(alert({ severity: 'info' }))).toEqual({ priority: 'low', rule: null });
  });

  it('decides the same priority as compilePriorityRules', () => {
    const match = compilePriorityRuleMatch(rules);
    const plain = compilePriorityRules(rules);
    for (const a of [alert(), alert({ severity: 'critical' }), alert({ summary: 'x', source: 'db1', severity: 'info' }), alert({ summary: 'x' })]) {
      expect(match(a).priority).toBe(plain(a));
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { PriorityRule } from '../../../shared/schemas/service.js';
import { compilePriorityRules, defaultPriority, priorityFor } from './priority-rules.js';

function alert(change: Partial<AlertInput> = {}): AlertInput {
  return {
    action: 'trigger',
    dedupKey: 'k',
    summary: 'Disk almost full on FS01',
    severity: 'warning',
    source: 'fs01.contoso.local',
    labels: { env: 'prod', team: 'storage' },
    links: [],
    payload: {},
    ...change,
  };
}

describe('priorityFor', () => {
  it('falls back to the severity when no rule matches', () => {
    expect(priorityFor(alert({ severity: 'critical' }), [])).toBe('high');
    expect(priorityFor(alert({ severity: 'error' }), [])).toBe('high');
    expect(priorityFor(alert({ severity: 'warning' }), [])).toBe('medium');
    expect(priorityFor(alert({ severity: 'info' }), [])).toBe('low');
    expect(defaultPriority('info')).toBe('low');
  });

  it('lets the first matching rule win', () => {
    const rules: PriorityRule[] = [
      { when: { summary: 'Disk' }, priority: 'low' },
      { when: { summary: 'FS01' }, priority: 'high' },
    ];
    expect(priorityFor(alert(), rules)).toBe('low');
    expect(priorityFor(alert(), [...rules].reverse())).toBe('high');
  });

  it('matches every alert with a rule without `when`', () => {
    const rules: PriorityRule[] = [{ when: { severity: ['critical'] }, priority: 'high' }, { priority: 'low' }];
    expect(priorityFor(alert({ severity: 'critical' }), rules)).toBe('high');
    expect(priorityFor(alert({ severity: 'error' }), rules)).toBe('low');
  });

  it('requires every condition of a rule', () => {
    const rules: PriorityRule[] = [{ when: { severity: ['warning'], source: '^fs\\d+\\.', summary: 'backup' }, priority: 'high' }];
    expect(priorityFor(alert(), rules)).toBe('medium');
    expect(priorityFor(alert({ summary: 'backup failed' }), rules)).toBe('high');
    expect(priorityFor(alert({ summary: 'backup failed', severity: 'info' }), rules)).toBe('low');
  });

  it('ignores case with a leading (?i) and not otherwise', () => {
    expect(priorityFor(alert(), [{ when: { summary: '(?i)DISK ALMOST' }, priority: 'high' }])).toBe('high');
    expect(priorityFor(alert(), [{ when: { summary: 'DISK ALMOST' }, priority: 'high' }])).toBe('medium');
  });

  it('matches the e-mail subject only on alerts that have one', () => {
    const rules: PriorityRule[] = [{ when: { subject: '(?i)^\\[urgent\\]' }, priority: 'high' }];
    expect(priorityFor(alert({ subject: '[URGENT] printer on fire' }), rules)).toBe('high');
    expect(priorityFor(alert({ summary: '[urgent] no subject field' }), rules)).toBe('medium');
  });

  it('matches each label by its pattern, and fails on a missing label', () => {
    const rules: PriorityRule[] = [{ when: { labels: { env: '^prod$', team: 'stor|net' } }, priority: 'high' }];
    expect(priorityFor(alert(), rules)).toBe('high');
    expect(priorityFor(alert({ labels: { env: 'production', team: 'storage' } }), rules)).toBe('medium');
    expect(priorityFor(alert({ labels: { env: 'prod' } }), rules)).toBe('medium');
    expect(priorityFor(alert({ labels: {} }), [{ when: { labels: { constructor: '.*' } }, priority: 'high' }])).toBe('medium');
  });

  it('never matches a condition whose pattern does not compile', () => {
    expect(priorityFor(alert(), [{ when: { summary: '(' }, priority: 'high' }])).toBe('medium');
  });
});

describe('compilePriorityRules', () => {
  it('compiles once and decides many alerts', () => {
    const match = compilePriorityRules([
      { when: { labels: { customer: '(?i)^contoso$' }, severity: ['critical', 'error'] }, priority: 'high' },
      { when: { source: '\\.lab\\.' }, priority: 'low' },
    ]);
    expect(match(alert({ severity: 'error', labels: { customer: 'Contoso' } }))).toBe('high');
    expect(match(alert({ severity: 'critical', source: 'vm1.lab.local' }))).toBe('low');
    expect(match(alert({ severity: 'critical' }))).toBe('high');
    expect(match(alert({ severity: 'info' }))).toBe('low');
  });

  it('does not depend on a global regex flag between calls', () => {
    const match = compilePriorityRules([{ when: { summary: 'Disk' }, priority: 'low' }]);
    expect([match(alert()), match(alert()), match(alert())]).toEqual(['low', 'low', 'low']);
  });

  it('matches `criticality` when a process of that criticality depends on the service, never without context', () => {
    const rules: PriorityRule[] = [
      { when: { criticality: ['critical'] }, priority: 'high' },
      { when: { criticality: ['important', 'routine'], severity: ['info'] }, priority: 'medium' },
    ];
    expect(priorityFor(alert({ severity: 'info' }), rules, { criticalities: ['critical', 'routine'] })).toBe('high');
    expect(priorityFor(alert({ severity: 'info' }), rules, { criticalities: ['routine'] })).toBe('medium');
    expect(priorityFor(alert({ severity: 'info' }), rules, { criticalities: [] })).toBe('low');
    expect(priorityFor(alert({ severity: 'info' }), rules)).toBe('low');
  });
});

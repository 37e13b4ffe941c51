import { describe, expect, it } from 'vitest';
import type { LinkableService } from './postmortem-api.js';
import { isOverdue, linkLabel, linkOptions, summaryOf, unansweredQuestions } from './postmortem-format.js';
import { makePostmortem } from './testing/postmortem-fixtures.js';

const services: LinkableService[] = [
  {
    id: 'db',
    name: 'Databases',
    priorityRules: [{ when: { severity: ['critical'] }, priority: 'high' }, { priority: 'low' }],
    integrations: [{ id: 'i1', type: 'grafana' }],
  },
];

describe('post-mortem formatting', () => {
  it('marks as overdue only what is past its due time and not signed off', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    expect(isOverdue({ state: 'draft', dueAt: '2026-11-30T11:00:00Z' }, now)).toBe(true);
    expect(isOverdue({ state: 'draft', dueAt: '2026-11-30T13:00:00Z' }, now)).toBe(false);
    expect(isOverdue({ state: 'signed_off', dueAt: '2026-11-30T11:00:00Z' }, now)).toBe(false);
    expect(isOverdue({ state: 'due', dueAt: null }, now)).toBe(false);
  });

  it('makes the list row of a full post-mortem, counting open action items', () => {
    const pm = makePostmortem();
    pm.fields.actionItems = [
      { id: 'a', title: 'Fix', owner: null, dueDate: null, state: 'open', link: null },
      { id: 'b', title: 'Done', owner: null, dueDate: null, state: 'done', link: null },
    ];
    expect(summaryOf(pm)).toMatchObject({ id: 'pm-1', summary: 'Disk full on db-1', priority: 'high', openActionItems: 1, incidentIds: ['inc-1'] });
  });

  it('names the questions not answered yet', () => {
    const q = makePostmortem().fields.questions;
    expect(unansweredQuestions(q)).toHaveLength(3);
    expect(unansweredQuestions({ ...q, trigger: 'real', information: { enough: false, missing: '' } })).toEqual(['whether it reached the right person']);
  });

  it('offers priority rules as "<service>#<n>" (1-based), integrations as "<service>/<type>", runbooks and schedules by id', () => {
    const groups = linkOptions(services, [{ id: 'noc-primary', name: 'NOC primary' }]);
    const refs = groups.flatMap((g) => g.items.map((i) => `${i.kind}:${i.ref}`));
    expect(refs).toEqual(['priority-rule:db#1', 'priority-rule:db#2', 'integration:db/grafana', 'runbook:db', 'schedule:noc-primary']);
    expect(groups[0]!.items[0]!.label).toBe('Databases rule 1: severity critical → high');
    expect(groups[0]!.items[1]!.label).toBe('Databases rule 2: every alert → low');
    expect(linkLabel({ kind: 'priority-rule', ref: 'db#2' }, services, [])).toBe('Databases rule 2: every alert → low');
    expect(linkLabel({ kind: 'schedule', ref: 'gone' }, services, [])).toBe('schedule gone');
  });
});

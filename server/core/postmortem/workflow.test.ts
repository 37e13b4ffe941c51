import { describe, expect, it } from 'vitest';
import { PostmortemQuestionsSchema } from '../../../shared/schemas/postmortem.js';
import { linkRefIssue, type LinkTargets } from './link-refs.js';
import { transitionRefusal, unansweredQuestions } from './workflow.js';

const blank = PostmortemQuestionsSchema.parse({});
const answered = PostmortemQuestionsSchema.parse({ trigger: 'real', delivery: { answer: 'right_person' }, information: { enough: true } });

describe('the post-mortem review workflow', () => {
  it('names the unanswered questions', () => {
    expect(unansweredQuestions(blank)).toEqual(['questions.trigger', 'questions.delivery.answer', 'questions.information.enough']);
    expect(unansweredQuestions({ ...answered, information: { enough: false, missing: 'the host' } })).toEqual([]);
  });

  it('lets editors submit and send back, and only IR managers and admins sign off or reopen', () => {
    expect(transitionRefusal('due', 'in_review', 'responder', blank)).toBeUndefined();
    expect(transitionRefusal('draft', 'in_review', 'threat-researcher', blank)).toBeUndefined();
    expect(transitionRefusal('in_review', 'draft', 'triage-analyst', blank)).toBeUndefined();
    expect(transitionRefusal('in_review', 'signed_off', 'triage-analyst', answered)).toMatchObject({ code: 'forbidden' });
    expect(transitionRefusal('in_review', 'signed_off', 'ir-manager', answered)).toBeUndefined();
    expect(transitionRefusal('in_review', 'signed_off', 'admin', answered)).toBeUndefined();
    expect(transitionRefusal('signed_off', 'draft', 'forensic-analyst', answered)).toMatchObject({ code: 'forbidden' });
    expect(transitionRefusal('signed_off', 'draft', 'ir-manager', answered)).toBeUndefined();
  });

  it('refuses moves the workflow has not, and a sign-off with questions unanswered', () => {
    expect(transitionRefusal('draft', 'signed_off', 'ir-manager', answered)).toMatchObject({ code: 'conflict', field: 'to' });
    expect(transitionRefusal('in_review', 'in_review', 'ir-manager', answered)).toMatchObject({ code: 'conflict', field: 'to' });
    expect(transitionRefusal('draft', 'draft', 'ir-manager', answered)).toMatchObject({ code: 'conflict', field: 'to' });
    expect(transitionRefusal('in_review', 'signed_off', 'ir-manager', { ...answered, trigger: null })).toEqual({
      code: 'conflict',
      message: 'unanswered before sign-off: questions.trigger',
      field: 'questions.trigger',
    });
  });
});

describe('action item links', () => {
  const targets: LinkTargets = {
    services: new Map([['db', { priorityRules: 2, integrationTypes: new Set(['events-v2', 'grafana']) }]]),
    schedules: new Set(['noc-primary']),
  };
  const item = (kind: 'priority-rule' | 'integration' | 'runbook' | 'schedule', ref: string) => ({ link: { kind, ref } });

  it('accepts refs that point at configured things', () => {
    expect(linkRefIssue([{ link: null }, item('priority-rule', 'db#2'), item('integration', 'db/grafana'), item('runbook', 'db'), item('schedule', 'noc-primary')], targets)).toBeUndefined();
  });

  it('names the first ref that points at nothing by its path', () => {
    expect(linkRefIssue([item('runbook', 'db'), item('priority-rule', 'db#3')], targets)).toEqual({
      field: 'actionItems.1.link.ref',
      message: 'actionItems.1.link.ref: service "db" has 2 priority rule(s), not 3',
    });
    expect(linkRefIssue([item('priority-rule', 'db')], targets)?.message).toContain('use "<service>#<rule number>"');
    expect(linkRefIssue([item('integration', 'db/email')], targets)?.message).toContain('service "db" has no email integration');
    expect(linkRefIssue([item('integration', 'nope/email')], targets)?.message).toContain('unknown service "nope"');
    expect(linkRefIssue([item('runbook', 'rmm')], targets)?.message).toContain('unknown service "rmm"');
    expect(linkRefIssue([item('schedule', 'weekend')], targets)?.message).toContain('unknown schedule "weekend"');
  });
});

import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import { slackEscape } from '../../core/slack/slack-escape.js';
import { CONFIDENTIAL_SLACK_TEXT, incidentMessage, pageMessage, SLACK_ACTIONS } from './incident-blocks.js';

const incident: Incident = {
  id: 'inc-1', serviceId: 'rmm', teamId: 'noc', dedupKey: 'disk-7', status: 'triggered', priority: 'high', severity: 'critical',
  summary: 'Disk full on <!channel> srv-7 & co', source: 'rmm-agent', alertCount: 1, firstSeenAt: '2026-11-30T10:00:00.000Z',
  lastSeenAt: '2026-11-30T10:00:00.000Z', acknowledgedAt: null, resolvedAt: null, deferredUntil: null, escalation: 'running',
  triageVerdict: null, triageAssignee: null, forensicAssignee: null, confidential: false, links: [], externalRef: null, seq: 4, clientId: 'acme',
};
const view = { incident, serviceName: 'RMM alerts', clientName: 'Acme Corp', url: 'https://klaxon.example/#/incidents/inc-1' };
const actionIds = (m: ReturnType<typeof incidentMessage>) =>
  (m.blocks.find((b) => b.type === 'actions') as { elements: { action_id: string }[] }).elements.map((e) => e.action_id);

describe('Slack incident messages', () => {
  it('shows priority, client, service and the escaped summary, with all four buttons while triggered', () => {
    const message = incidentMessage(view);
    const json = JSON.stringify(message);
    expect(json).toContain('Acme Corp');
    expect(json).toContain('RMM alerts');
    expect(json).toContain('Disk full on &lt;!channel&gt; srv-7 &amp; co');
    expect(json).not.toContain('<!channel>');
    expect(message.text).toMatch(/^\[HIGH\] Acme Corp: Disk full/);
    expect(actionIds(message)).toEqual([SLACK_ACTIONS.acknowledge, SLACK_ACTIONS.resolve, SLACK_ACTIONS.escalate, SLACK_ACTIONS.open]);
  });

  it('offers only what still applies once acknowledged or resolved', () => {
    expect(actionIds(incidentMessage({ ...view, incident: { ...incident, status: 'acknowledged' } }))).toEqual([SLACK_ACTIONS.resolve, SLACK_ACTIONS.escalate, SLACK_ACTIONS.open]);
    const resolved = incidentMessage({ ...view, incident: { ...incident, status: 'resolved' } });
    expect(actionIds(resolved)).toEqual([SLACK_ACTIONS.open]);
    expect(JSON.stringify(resolved)).toContain('Resolved');
  });

  it('carries nothing of a confidential incident but its priority, status and the redacted text', () => {
    const message = incidentMessage({ ...view, incident: { ...incident, confidential: true } });
    const json = JSON.stringify(message);
    expect(json).toContain(CONFIDENTIAL_SLACK_TEXT);
    for (const secret of ['Disk full', 'Acme', 'RMM alerts', 'srv-7', 'rmm-agent', 'disk-7']) expect(json).not.toContain(secret);
    expect(actionIds(message)).toEqual([SLACK_ACTIONS.acknowledge, SLACK_ACTIONS.resolve, SLACK_ACTIONS.escalate, SLACK_ACTIONS.open]);
  });

  it('puts the incident id in the buttons and the console URL in Open', () => {
    const elements = (incidentMessage(view).blocks[2] as { elements: { value?: string; url?: string }[] }).elements;
    expect(elements[0]!.value).toBe('inc-1');
    expect(elements[3]!.url).toBe(view.url);
  });
});

describe('Slack page messages and escaping', () => {
  it('renders a page with a Read button carrying the page id and marks reminders', () => {
    const message = pageMessage({ pageId: 'p-1', priority: 'medium', summary: 'Backup failed', serviceName: 'RMM', attempt: 2, openUrl: 'https://k/m/#/pages/p-1' });
    expect(message.text).toBe('[MEDIUM] Backup failed (reminder 2) — RMM');
    const actions = message.blocks[2] as { elements: { action_id: string; value?: string }[] };
    expect(actions.elements[0]).toMatchObject({ action_id: SLACK_ACTIONS.read, value: 'p-1' });
  });

  it('escapes control characters of mrkdwn and cuts long text', () => {
    expect(slackEscape('<a> & <b>')).toBe('&lt;a&gt; &amp; &lt;b&gt;');
    expect(slackEscape('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

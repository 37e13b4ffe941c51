import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUS_TEMPLATES } from '../../shared/status-updates/status-templates.js';
import { audienceText, draftProblem, nextStage, previewOf } from './status-update-draft.js';

const incident = { summary: 'Mail relay queueing', serviceName: 'RMM alerts', clientName: '', firstSeenAt: '2026-12-01T09:00:00Z' };

describe('status update draft', () => {
  it('previews the template filled in as the relay fills it', () => {
    const out = previewOf(DEFAULT_STATUS_TEMPLATES.identified, incident, { stage: 'identified', message: '  Fix at 10:00 ', sendConfidential: false });
    expect(out.subject).toBe('[Identified] RMM alerts: Mail relay queueing');
    expect(out.body).toContain('(no client)');
    expect(out.body).toContain('Fix at 10:00');
    const secret = previewOf(DEFAULT_STATUS_TEMPLATES.identified, incident, { stage: 'identified', message: 'Fix', sendConfidential: true }, true);
    expect(secret.subject).toBe('[Identified] RMM alerts: a confidential incident');
  });

  it('needs a message, and the explicit choice for a confidential incident', () => {
    expect(draftProblem({ stage: 'investigating', message: '  ', sendConfidential: false }, false)).toMatch(/Write/);
    expect(draftProblem({ stage: 'investigating', message: 'x', sendConfidential: false }, true)).toMatch(/confidential/);
    expect(draftProblem({ stage: 'investigating', message: 'x', sendConfidential: true }, true)).toBeNull();
    expect(draftProblem({ stage: 'investigating', message: 'x', sendConfidential: false }, false)).toBeNull();
  });

  it('suggests the stage after the last one posted', () => {
    expect(nextStage(undefined, false)).toBe('investigating');
    expect(nextStage('identified', false)).toBe('monitoring');
    expect(nextStage('resolved', false)).toBe('resolved');
    expect(nextStage(undefined, true)).toBe('resolved');
  });

  it('says where an update goes, the Slack thread included', () => {
    expect(audienceText({ recipients: 1, channels: 1, slack: false }, true)).toBe('1 address by e-mail and 1 Teams channel');
    expect(audienceText({ recipients: 2, channels: 0, slack: true }, false)).toBe("2 addresses, 0 Teams channels and the incident's Slack thread");
  });
});

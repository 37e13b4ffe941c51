import { describe, expect, it } from 'vitest';
import { confidentialContext, DEFAULT_STATUS_TEMPLATES, renderStatusUpdate, stakeholderTime, STATUS_STAGES, type StatusContext } from './status-templates.js';

const context: StatusContext = {
  summary: 'Mail server down',
  service: 'Exchange',
  client: 'Acme',
  stage: 'investigating',
  message: 'Users cannot send mail.',
  opened: '1 Dec 2026, 09:00 UTC',
};

describe('renderStatusUpdate', () => {
  it('fills every placeholder of the default templates', () => {
    for (const stage of STATUS_STAGES) {
      const out = renderStatusUpdate(DEFAULT_STATUS_TEMPLATES[stage], { ...context, stage });
      expect(out.subject).toContain('Exchange: Mail server down');
      expect(out.body).toContain('Users cannot send mail.');
      expect(out.body).not.toMatch(/\{\{/);
    }
  });

  it('never expands placeholders that arrive inside filled-in text', () => {
    const out = renderStatusUpdate({ subject: '{{summary}}', body: '{{message}} / {{summary}}' }, { ...context, summary: 'x {{message}}', message: '{{client}}' });
    expect(out.subject).toBe('x {{message}}');
    expect(out.body).toBe('{{client}} / x {{message}}');
  });

  it('keeps the subject on one line and leaves unknown placeholders as written', () => {
    const out = renderStatusUpdate({ subject: '{{ summary }} {{ticket}}', body: '{{stage}}' }, { ...context, summary: 'a\r\nb' });
    expect(out.subject).toBe('a b {{ticket}}');
    expect(out.body).toBe('investigating');
  });
});

describe('stakeholderTime', () => {
  it('writes the instant in UTC for every reader', () => {
    expect(stakeholderTime('2026-12-01T09:05:00Z')).toBe('1 Dec 2026, 09:05 UTC');
  });
});

describe('confidentialContext', () => {
  it('withholds the summary from e-mail, and the service and client from Teams too, keeping the message', () => {
    const email = renderStatusUpdate(DEFAULT_STATUS_TEMPLATES.investigating, confidentialContext(context, 'email'));
    expect(email.subject).toBe('[Investigating] Exchange: a confidential incident');
    expect(email.body).toContain('Exchange (Acme)');
    expect(email.body).toContain('Users cannot send mail.');
    const teams = renderStatusUpdate(DEFAULT_STATUS_TEMPLATES.investigating, confidentialContext(context, 'teams'));
    expect(`${teams.subject} ${teams.body}`).not.toMatch(/Mail server down|Exchange|Acme/);
    expect(teams.body).toContain('Users cannot send mail.');
  });
});

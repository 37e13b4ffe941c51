import type { StatusStage, StatusTemplate } from '../schemas/status-update.js';

/** The stages in the order an incident moves through them. */
export const STATUS_STAGES: readonly StatusStage[] = ['investigating', 'identified', 'monitoring', 'resolved'];

/** The words each stage starts with until a manager edits them. */
export const DEFAULT_STATUS_TEMPLATES: Readonly<Record<StatusStage, StatusTemplate>> = {
  investigating: {
    stage: 'investigating',
    subject: '[Investigating] {{service}}: {{summary}}',
    body: 'We are investigating a problem affecting {{service}} ({{client}}), first seen {{opened}}.\n\n{{message}}\n\nWe will send another update as we learn more.',
  },
  identified: {
    stage: 'identified',
    subject: '[Identified] {{service}}: {{summary}}',
    body: 'We have identified the cause of the problem affecting {{service}} ({{client}}) and are working on a fix.\n\n{{message}}',
  },
  monitoring: {
    stage: 'monitoring',
    subject: '[Monitoring] {{service}}: {{summary}}',
    body: 'A fix is in place for the problem affecting {{service}} ({{client}}); we are watching to make sure it holds.\n\n{{message}}',
  },
  resolved: {
    stage: 'resolved',
    subject: '[Resolved] {{service}}: {{summary}}',
    body: 'The problem affecting {{service}} ({{client}}) is resolved.\n\n{{message}}\n\nThank you for your patience.',
  },
};

/** What a template's placeholders are filled with. */
export interface StatusContext {
  summary: string;
  service: string;
  client: string;
  stage: StatusStage;
  message: string;
  /** When the incident opened, already formatted for people. */
  opened: string;
}

/** What a confidential incident's update says in place of what it withholds. */
export const WITHHELD = { summary: 'a confidential incident', name: 'withheld' } as const;

/**
 * The context a confidential incident's update is rendered with, once a manager has chosen to send
 * it: the summary (alert text, the most telling part) is always withheld; e-mail keeps the service
 * and client names (its subscribers follow them), a Teams channel gets neither (its members are not
 * on the need-to-know list). The manager's own message is sent as written.
 */
export function confidentialContext(context: StatusContext, audience: 'email' | 'teams'): StatusContext {
  const withheld = { ...context, summary: WITHHELD.summary };
  return audience === 'email' ? withheld : { ...withheld, service: WITHHELD.name, client: WITHHELD.name };
}

const PLACEHOLDER = /\{\{\s*(summary|service|client|stage|message|opened)\s*\}\}/g;

/**
 * Fills a template's placeholders in one pass, so text that came from an alert (a summary holding
 * `{{message}}`, say) is never expanded again. Unknown placeholders stay as written. The subject is
 * one line: line breaks in filled-in values become spaces.
 */
export function renderStatusUpdate(template: Pick<StatusTemplate, 'subject' | 'body'>, context: StatusContext): { subject: string; body: string } {
  const fill = (text: string, oneLine: boolean) =>
    text.replace(PLACEHOLDER, (_, name: keyof StatusContext) => {
      const value = String(context[name]);
      return oneLine ? value.replace(/[\r\n\t]+/g, ' ') : value;
    });
  return { subject: fill(template.subject, true).slice(0, 250), body: fill(template.body, false) };
}

const STAKEHOLDER_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC', hourCycle: 'h23' });

/** An instant as stakeholders read it in `{{opened}}`: "1 Dec 2026, 09:00 UTC" (UTC, so every reader sees the same). */
export function stakeholderTime(iso: string): string {
  return `${STAKEHOLDER_TIME.format(new Date(iso))} UTC`;
}

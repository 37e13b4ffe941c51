import type { IncidentCardInput, StatusCardInput } from '../../app/ports/teams-webhook.js';

/** The JSON body a Teams incoming webhook (or Workflows webhook) takes: a message with one Adaptive Card. */
export interface TeamsMessage {
  type: 'message';
  attachments: { contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: Record<string, unknown> }[];
}

const PRIORITY_COLOUR = { high: 'attention', medium: 'warning', low: 'good' } as const;

/** A text block; Adaptive Cards render a subset of Markdown, so text from alerts has it escaped. */
const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });

/**
 * Escapes the Markdown that Teams renders in Adaptive Card text (bold, italic, links, lists, and
 * `<at>` mentions), so alert text cannot make a link or a mention; other punctuation is left alone,
 * so it reads as written. Long text is cut at 1,000 characters.
 */
export function plainCardText(value: string): string {
  return value
    .slice(0, 1000)
    .replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+])(?=\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.');
}

const wrap = (content: Record<string, unknown>): TeamsMessage => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }],
});

const card = (body: unknown[], url: string) => ({
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  type: 'AdaptiveCard',
  version: '1.4',
  body,
  actions: [{ type: 'Action.OpenUrl', title: 'Open in Klaxon', url }],
});

/**
 * The Adaptive Card for an incident change: priority, status, client, service and summary, with an
 * "Open in Klaxon" action. A confidential incident's card says only that a confidential incident
 * changed (no summary, service or client: the channel's members are not on its need-to-know list).
 */
export function incidentCard(input: IncidentCardInput): TeamsMessage {
  const { incident } = input;
  if (incident.confidential) {
    return wrap(
      card(
        [
          text(`Confidential incident: ${input.headline}`, { weight: 'Bolder', size: 'Medium' }),
          text('Details are shown only to the people on its need-to-know list. Open it in Klaxon.', { isSubtle: true }),
        ],
        input.incidentUrl,
      ),
    );
  }
  return wrap(
    card(
      [
        text(`${incident.priority.toUpperCase()} · ${input.headline}`, { weight: 'Bolder', color: PRIORITY_COLOUR[incident.priority] }),
        text(plainCardText(incident.summary), { size: 'Medium', weight: 'Bolder' }),
        {
          type: 'FactSet',
          facts: [
            { title: 'Status', value: incident.status },
            { title: 'Service', value: plainCardText(input.serviceName) },
            ...(input.clientName ? [{ title: 'Client', value: plainCardText(input.clientName) }] : []),
            { title: 'Opened', value: incident.firstSeenAt },
          ],
        },
      ],
      input.incidentUrl,
    ),
  );
}

/** The Adaptive Card of a stakeholder status update (already rendered from its template). */
export function statusCard({ subject, body, incidentUrl }: StatusCardInput): TeamsMessage {
  const content = card([text(plainCardText(subject), { weight: 'Bolder', size: 'Medium' }), text(plainCardText(body))], incidentUrl ?? '');
  if (!incidentUrl) delete (content as { actions?: unknown }).actions;
  return wrap(content);
}

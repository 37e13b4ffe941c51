import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import { pagedIncident } from '../../core/access/need-to-know.js';
import type { PageMessage } from '../ports/notifier.js';
import type { ActionLinks } from './action-links.js';

/** Where the phone app shows one page. */
export function phonePageUrl(baseUrl: string, pageId: string): string {
  return `${baseUrl}/m/#/pages/${encodeURIComponent(pageId)}`;
}

/**
 * Renders a stored page of an incident as the message every notifier sends, with signed action URLs.
 * A confidential incident's message says only `Confidential incident on <service> — open Klaxon`.
 */
export function pageMessageOf(
  input: { page: Page; incident: Incident; serviceName: string; attempt: number; now: Date },
  links: ActionLinks,
  baseUrl: string,
): PageMessage {
  const { page, incident } = input;
  return {
    pageId: page.id,
    incidentId: incident.id,
    userId: page.userId,
    attempt: Math.max(1, input.attempt),
    priority: incident.priority,
    summary: pagedIncident(incident, input.serviceName).summary,
    serviceName: input.serviceName,
    createdAt: page.createdAt,
    openUrl: phonePageUrl(baseUrl, page.id),
    actions: links.forPage(page.id, input.now),
  };
}

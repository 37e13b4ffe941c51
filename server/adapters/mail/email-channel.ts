import type { ChannelSender } from '../../app/escalation/page-sender.js';
import type { Mailer } from './mailer.js';
import { CONFIDENTIAL_SUMMARY, confidentialPageText } from '../../core/access/need-to-know.js';

/** What the e-mail channel adds to a page beyond the incident link. */
export interface EmailChannelOptions {
  /** The signed Read and Acknowledge URLs of a page (see `app/push/action-links.ts`). */
  actions?: (pageId: string) => { read: string; acknowledge: string };
  /** The service's display name; its id when not given. */
  serviceName?: (serviceId: string) => Promise<string>;
}

/**
 * The e-mail page channel: one message per page to the person's address, with the incident, a link
 * to open it and signed Read and Acknowledge links. Those links open a confirm page whose button
 * POSTs (mail scanners and link previews fetch links with GET; a GET changes nothing). A
 * confidential incident is named only as "Confidential incident on <service> — open Klaxon": mail crosses other
 * people's servers. A mail server that refuses is a retryable failure (the job runner retries).
 */
export function createEmailChannel(mailer: Mailer, incidentUrl: (incidentId: string) => string, options: EmailChannelOptions = {}): ChannelSender {
  return async (page, incident, user) => {
    if (!mailer.configured) return { status: 'failed', error: 'no outbound mail server: set KLAXON_MAIL_URL', retryable: false };
    const service = (await options.serviceName?.(incident.serviceId)) ?? incident.serviceId;
    // The page sender hands a confidential incident over already redacted (`pagedIncident`); this
    // keeps the text redacted should an incident reach the channel any other way.
    const summary = incident.confidential && !incident.summary.startsWith(CONFIDENTIAL_SUMMARY) ? confidentialPageText(service) : incident.summary;
    const actions = options.actions?.(page.id);
    await mailer.send({
      to: [user.email],
      subject: `[Klaxon] ${incident.priority.toUpperCase()}: ${summary}`.slice(0, 300),
      text: [
        `You are paged for a ${incident.priority}-priority incident (level ${page.level + 1}).`,
        '',
        `Summary: ${summary}`,
        `Service: ${service}`,
        ...(incident.confidential ? [] : [`Source:  ${incident.source || '—'}`]),
        `Alerts:  ${incident.alertCount} since ${incident.firstSeenAt}`,
        '',
        ...(actions
          ? ['Tell Klaxon you have it (each link opens a page with one button to press):', `Read: ${actions.read}`, `Acknowledge: ${actions.acknowledge}`, '']
          : []),
        `Open it: ${incidentUrl(incident.id)}`,
        `Page id: ${page.id}`,
      ].join('\n'),
    });
    return { status: 'sent' };
  };
}

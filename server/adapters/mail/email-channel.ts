import type { ChannelSender } from '../../app/escalation/page-sender.js';
import type { Mailer } from './mailer.js';

/**
 * The e-mail page channel: one message per page to the person's address, with the incident and a
 * link to open it. A mail server that refuses is a retryable failure (the job runner retries).
 */
export function createEmailChannel(mailer: Mailer, incidentUrl: (incidentId: string) => string): ChannelSender {
  return async (page, incident, user) => {
    if (!mailer.configured) return { status: 'failed', error: 'no outbound mail server: set KLAXON_MAIL_URL', retryable: false };
    await mailer.send({
      to: [user.email],
      subject: `[Klaxon] ${incident.priority.toUpperCase()}: ${incident.summary}`.slice(0, 300),
      text: [
        `You are paged for a ${incident.priority}-priority incident (level ${page.level + 1}).`,
        '',
        `Summary: ${incident.summary}`,
        `Service: ${incident.serviceId}`,
        `Source:  ${incident.source || '—'}`,
        `Alerts:  ${incident.alertCount} since ${incident.firstSeenAt}`,
        '',
        `Open it: ${incidentUrl(incident.id)}`,
        `Page id: ${page.id}`,
      ].join('\n'),
    });
    return { status: 'sent' };
  };
}

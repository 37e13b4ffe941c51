import type { AlertInput, Link } from '../../../shared/schemas/alert.js';
import type { ConnectWiseCallback, ConnectWiseTicket } from '../../../shared/schemas/ingest/connectwise.js';
import type { Severity } from '../../../shared/schemas/priority.js';
import { clip, firstText, toInstant, toLinks } from './alert-fields.js';

const CLOSED_STATUS = /closed|resolved|completed/i;

/**
 * Maps a ConnectWise priority name onto a severity. ConnectWise's names start with their rank
 * ("Priority 1 - Emergency Response", "Priority 2 - Quick Response", …), so the rank decides: 1 →
 * critical, 2 → error, 3 → warning, other ranks → info. A name without a rank is read by its words:
 * critical/emergency → critical, high → error, medium/normal → warning, else info.
 */
export function severityForConnectWisePriority(name: string | undefined): Severity {
  const text = (name ?? '').trim();
  const rank = /^(?:priority|p)\s*(\d+)/i.exec(text)?.[1];
  if (rank !== undefined) return rank === '1' ? 'critical' : rank === '2' ? 'error' : rank === '3' ? 'warning' : 'info';
  if (/critical|emergency/i.test(text)) return 'critical';
  if (/high/i.test(text)) return 'error';
  if (/medium|normal/i.test(text)) return 'warning';
  return 'info';
}

/** Tells whether a ticket is closed: its `closedFlag`, or a status named like closed/resolved/completed. */
export function isTicketClosed(ticket: ConnectWiseTicket): boolean {
  return ticket.closedFlag === true || CLOSED_STATUS.test(ticket.status?.name ?? '');
}

// ConnectWise's web view of a service ticket on the tenant's own site.
function ticketLink(callback: ConnectWiseCallback): Link[] {
  if (!callback.FromUrl || !callback.CompanyId) return [];
  const host = callback.FromUrl.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const query = `service_recid=${callback.ID}&companyName=${encodeURIComponent(callback.CompanyId)}`;
  // Through toLinks, so a FromUrl that makes no https URL (a hostile one) gives no link at all.
  return toLinks([{ href: `https://${host}/v4_6_release/services/system_io/Service/fv_sr100_request.rails?${query}`, text: 'Ticket' }]);
}

/**
 * Turns a validated ConnectWise ticket callback into its alert. Added or updated → trigger, unless
 * the ticket is closed (see `isTicketClosed`) → resolve; deleted → resolve. Dedup key
 * `cw-ticket-<ID>`, external reference the ticket id, severity from the priority name, source the
 * customer's `company.identifier`, labels `board`, `status`, `company` and `priority` (those given).
 */
export function fromConnectWise(callback: ConnectWiseCallback): AlertInput[] {
  const ticket = callback.Entity ?? undefined;
  const closed = callback.Action === 'deleted' || (ticket !== undefined && isTicketClosed(ticket));
  const labels: Record<string, string> = {};
  const named = { board: ticket?.board?.name, status: ticket?.status?.name, company: ticket?.company?.identifier, priority: ticket?.priority?.name };
  for (const [name, value] of Object.entries(named)) if (firstText(value) !== undefined) labels[name] = value!;
  const occurredAt = toInstant(ticket?._info?.lastUpdated);
  const fallbackSummary = `ConnectWise ticket #${callback.ID} ${callback.Action}`;

  return [
    {
      action: closed ? 'resolve' : 'trigger',
      dedupKey: `cw-ticket-${callback.ID}`,
      summary: clip(firstText(ticket?.summary) ?? fallbackSummary, 1024),
      severity: severityForConnectWisePriority(ticket?.priority?.name),
      source: clip(firstText(ticket?.company?.identifier, ticket?.company?.name) ?? 'connectwise', 1024),
      labels,
      links: ticketLink(callback),
      externalRef: String(callback.ID),
      ...(occurredAt === undefined ? {} : { occurredAt }),
      payload: callback,
    },
  ];
}

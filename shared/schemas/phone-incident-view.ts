import type { IncidentStatus } from './incident.js';
import type { PageState } from './page.js';
import type { Priority } from './priority.js';
import type { Channel } from './user.js';

/** One key field of the latest alert's payload (its custom details or labels), cut to a bounded size. */
export interface PayloadField {
  key: string;
  value: string;
}

/** A link as the phone shows it: `href` only when the address is http(s); otherwise the text is plain. */
export interface SafeLink {
  text: string;
  href: string | null;
}

/** A service's runbook: an http(s) address to open, or Markdown text the phone renders safely. */
export type Runbook = { kind: 'url'; url: string } | { kind: 'markdown'; text: string };

/** One note on an incident, with its author's name. */
export interface PhoneNote {
  id: string;
  at: string;
  authorId: string | null;
  authorName: string;
  text: string;
}

/** Who else was paged, on which channel, and how far each page got. */
export interface PagedPerson {
  pageId: string;
  userId: string;
  name: string;
  channel: Channel;
  state: PageState;
  level: number;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  error: string | null;
}

/** Where the escalation stands, for the countdown on the phone. */
export type EscalationOutlook =
  | { kind: 'none' }
  | { kind: 'deferred'; until: string | null }
  /** Running: `next` is what happens at `at` (the next level, a new pass from the first level, or the failover). */
  | { kind: 'countdown'; level: number; at: string; next: { kind: 'level'; level: number } | { kind: 'failover' } }
  | { kind: 'stopped'; reason: 'read' | 'acknowledged' | 'resolved' | null; at: string | null }
  | { kind: 'failed-over'; at: string | null }
  | { kind: 'finished'; at: string | null };

/**
 * An incident as the phone app shows it (`GET /api/v1/phone/incidents/:id`). For a confidential incident
 * the person may not know, `restricted` is true and only the service, priority, state and times are
 * filled in; the summary reads "Confidential incident on <service>".
 */
export interface PhoneIncidentView {
  restricted: boolean;
  id: string;
  summary: string;
  serviceId: string;
  serviceName: string;
  source: string;
  priority: Priority;
  status: IncidentStatus;
  firstSeenAt: string;
  lastSeenAt: string;
  alertCount: number;
  fields: PayloadField[];
  /** True when the payload had more fields than the view carries. */
  fieldsCut: boolean;
  links: SafeLink[];
  runbook: Runbook | null;
  notes: PhoneNote[];
  paged: PagedPerson[];
  outlook: EscalationOutlook;
  /** The relay's time when it built the view, so the countdown does not depend on the phone's clock. */
  now: string;
}

import type { Priority } from '../../../shared/schemas/priority.js';
import type { Channel } from '../../../shared/schemas/user.js';

/** One page as every channel renders it. */
export interface PageMessage {
  /** The relay-wide page id; receivers dedup on it (delivery is at least once). */
  pageId: string;
  incidentId: string;
  userId: string;
  /** 1 for the first send; higher for a repeat of a page that is still unread. */
  attempt: number;
  priority: Priority;
  summary: string;
  serviceName: string;
  createdAt: string;
  /** Where the person can open the incident (the phone app's page). */
  openUrl: string;
  /** Signed URLs that report read / acknowledge without signing in (ntfy actions, Web Push actions). */
  actions: { read: string; acknowledge: string };
}

/** Where one channel reaches one person (an address, a topic, a user key, a subscription). */
export interface ContactAddress {
  channel: Channel;
  /** Channel-specific target: e-mail address, ntfy topic URL, Pushover user key, webhook URL, push subscription JSON. */
  target: string;
  /** Channel-specific secret, e.g. an ntfy access token or a webhook signing secret. */
  secret?: string;
}

/** What a send achieved: handed over (maybe with a receipt to poll or cancel), or failed. */
export type SendResult =
  | { ok: true; receipt?: string }
  | { ok: false; error: string; retryable: boolean; /** The contact is gone for good (e.g. Web Push 404/410). */ gone?: boolean };

/**
 * One notification channel behind the notifier interface (alertmanager's notify/<integration> shape):
 * it renders a page for its service and sends it; it never throws for a failed delivery.
 */
export interface Notifier {
  readonly channel: Channel;
  send(contact: ContactAddress, message: PageMessage): Promise<SendResult>;
  /** Stops a channel's own retries (e.g. a Pushover emergency receipt) once the page is read elsewhere. */
  cancel?(receipt: string): Promise<void>;
}

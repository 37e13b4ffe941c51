import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';

/**
 * The phones connected to this relay, rung straight from the transaction that pages them: the
 * step's commit records the page as sent, and the ring follows the commit (no level job, no second
 * transaction). A relay that dies between the two loses nothing: the page is stored `sent`, so its
 * phones, which lose their socket with it, get it again from the replay of unread pages when they
 * reconnect. Only a relay that runs alone has this line (on SQLite): with several relays a person's
 * other phones may be connected to a relay that never reconnects them.
 */
export interface PhoneLine {
  /** Whether `userId` has a phone connected to this relay now; asks nothing of the store or the network. */
  connectedHere(userId: string): boolean;
  /**
   * Rings every phone of each page's person with it (`incident` as stored: each push is redacted as
   * need-to-know asks); their acknowledgements become delivery receipts. Never throws: it runs after
   * the commit, among the other requests' answers.
   */
  ring(pages: readonly Page[], incident: Incident, serviceName: string): void;
}

/** What a transaction needs to ring phones straight after its commit. */
export interface DirectRing {
  line: PhoneLine;
  /** Counts each page rung, as every other send counts it. */
  pagesSent: { inc(labels: { channel: string }): void };
}

import { randomUUID } from 'node:crypto';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page, PagePush } from '../../../shared/schemas/page.js';
import type { Channel } from '../../../shared/schemas/user.js';
import { contactAddressFor, type ContactChannel } from '../../adapters/notify/contact-address.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { ChannelSender } from '../escalation/page-sender.js';
import type { Clock } from '../ports/clock.js';
import type { Notifier, PageMessage } from '../ports/notifier.js';
import type { StoreSession, UserRecord } from '../ports/store.js';
import { phonePageUrl } from './page-message.js';
import { sendToSubscriptions } from './phone-sender.js';

/** Test pages carry ids with this prefix; the phone app rings for them but reports no read. */
export const TEST_PAGE_PREFIX = 'test-';

/** What one channel made of a test page, as the console and the phone app show it. */
export interface TestDelivery {
  channel: Channel;
  ok: boolean;
  /** A sentence saying where it went, or why it did not. */
  detail: string;
}

/** What the test page needs. */
export interface TestPageDeps {
  store: Pick<StoreSession, 'getContacts' | 'listPushSubscriptions' | 'deletePushSubscription'>;
  clock: Clock;
  log: Log;
  baseUrl: () => string;
  /** Sends a page to the person's connected phones and answers how many confirmed it. */
  emitToPhones(userId: string, push: PagePush): Promise<number>;
  webPush: () => Notifier | undefined;
  contactNotifiers: Record<ContactChannel, () => Notifier | undefined>;
  email?: ChannelSender | undefined;
  /** The Slack direct-message channel (absent: Slack is not set up). */
  slack?: ChannelSender | undefined;
}

const CONTACT_CHANNELS: readonly Channel[] = ['ntfy', 'pushover', 'webhook', 'sms', 'voice'];

/**
 * "Send me a test page": sends one high test page on each channel of the person's notification rules
 * (or only `channel`) at once, ignoring the rules' delays, and answers each channel's result. Test
 * pages are not stored and start no escalation; their action links point nowhere that changes state.
 */
export async function sendTestPage(deps: TestPageDeps, user: UserRecord, channel?: Channel): Promise<TestDelivery[]> {
  const now = deps.clock.now();
  const id = `${TEST_PAGE_PREFIX}${randomUUID()}`;
  const base = deps.baseUrl();
  const summary = `Test page for ${user.name}: if this rings, Klaxon can reach you`;
  const message: PageMessage = {
    pageId: id,
    incidentId: id,
    userId: user.id,
    attempt: 1,
    priority: 'high',
    summary,
    serviceName: 'Klaxon test',
    createdAt: now.toISOString(),
    openUrl: phonePageUrl(base, id),
    actions: { read: `${base}/m/`, acknowledge: `${base}/m/` },
  };
  const rules = user.notify.length ? user.notify.map((r) => r.channel) : (['push'] as Channel[]);
  const channels = channel ? [channel] : [...new Set(rules)];

  const one = async (ch: Channel): Promise<TestDelivery> => {
    if (ch === 'push') {
      const push: PagePush = { id, incidentId: id, summary, priority: 'high', serviceName: message.serviceName, createdAt: message.createdAt, attempt: 1 };
      const phones = await deps.emitToPhones(user.id, push);
      const webPush = deps.webPush();
      const deliveries = webPush ? await sendToSubscriptions({ webPush, store: deps.store, log: deps.log }, user.id, async () => message) : [];
      const pushed = deliveries.filter((d) => d.result.ok).length;
      const failed = deliveries.flatMap((d) => (d.result.ok ? [] : [d.result.error]));
      const parts = [`${phones} open app${phones === 1 ? '' : 's'} confirmed`, `${pushed} of ${deliveries.length} push subscription${deliveries.length === 1 ? '' : 's'} accepted`];
      if (failed.length) parts.push(`failed: ${failed.join('; ')}`);
      return { channel: ch, ok: phones > 0 || pushed > 0, detail: parts.join(', ') };
    }
    if (CONTACT_CHANNELS.includes(ch)) {
      const notifier = deps.contactNotifiers[ch as ContactChannel]();
      if (!notifier) return { channel: ch, ok: false, detail: `the ${ch} channel is not set up on this relay` };
      const address = contactAddressFor(ch as ContactChannel, (await deps.store.getContacts(user.id)) ?? {});
      if (!address) return { channel: ch, ok: false, detail: `no ${ch} contact set up` };
      const result = await notifier.send(address, message);
      return result.ok ? { channel: ch, ok: true, detail: `accepted by ${ch}` } : { channel: ch, ok: false, detail: result.error };
    }
    if (ch === 'slack') {
      if (!deps.slack) return { channel: ch, ok: false, detail: 'Slack is not set up on this relay' };
      const sent = await deps.slack(testPage(id, user.id, ch, message.createdAt), testIncident(id, summary, message.createdAt), user, 1);
      if (sent.status === 'sent') return { channel: ch, ok: true, detail: 'sent to you as a Slack direct message' };
      return { channel: ch, ok: false, detail: sent.status === 'failed' ? sent.error : 'unreachable' };
    }
    if (!deps.email) return { channel: ch, ok: false, detail: 'e-mail is not set up on this relay' };
    const outcome = await deps.email(testPage(id, user.id, ch, message.createdAt), testIncident(id, summary, message.createdAt), user, 1);
    if (outcome.status === 'sent') return { channel: ch, ok: true, detail: `sent to ${user.email}` };
    return { channel: ch, ok: false, detail: outcome.status === 'failed' ? outcome.error : 'unreachable' };
  };

  return Promise.all(
    channels.map((ch) =>
      one(ch).catch((error: unknown) => ({ channel: ch, ok: false, detail: error instanceof Error ? error.message : String(error) })),
    ),
  );
}

function testPage(id: string, userId: string, channel: Channel, at: string): Page {
  return { id, incidentId: id, pageKey: id, userId, channel, state: 'queued', level: 0, attempts: 0, createdAt: at, sentAt: null, deliveredAt: null, readAt: null, error: null };
}

function testIncident(id: string, summary: string, at: string): Incident {
  return {
    id, serviceId: 'klaxon-test', teamId: 'klaxon-test', dedupKey: id, status: 'triggered', priority: 'high', severity: 'critical',
    summary, source: 'klaxon', alertCount: 1, firstSeenAt: at, lastSeenAt: at, acknowledgedAt: null, resolvedAt: null,
    deferredUntil: null, escalation: 'none', triageVerdict: null, triageAssignee: null, forensicAssignee: null,
    confidential: false, links: [], externalRef: null, seq: 0,
  };
}

import type { FastifyInstance } from 'fastify';
import type { PagePush } from '../shared/schemas/page.js';
import type { Log } from './adapters/log/create-logger.js';
import { createContactRateLimit } from './adapters/notify/contact-rate-limit.js';
import { createNtfyNotifier } from './adapters/notify/ntfy.js';
import { createNotifierPipeline } from './adapters/notify/pipeline.js';
import { createPushoverNotifier } from './adapters/notify/pushover.js';
import { createWebhookNotifier } from './adapters/notify/webhook.js';
import { createWebPushNotifier } from './adapters/notify/web-push.js';
import { createAddressGuard } from './adapters/outbound/address-guard.js';
import { createOutboundFetch } from './adapters/outbound/outbound-fetch.js';
import { createDeviceAuth, type DeviceAuth } from './app/devices/device-tokens.js';
import { createPairing } from './app/devices/pairing.js';
import type { Escalator } from './app/escalation/escalator.js';
import type { ChannelSender } from './app/escalation/page-sender.js';
import type { IncidentActions } from './app/incidents/incident-actions.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { Notifier } from './app/ports/notifier.js';
import type { Store } from './app/ports/store.js';
import { createActionLinks, loadActionKey } from './app/push/action-links.js';
import { createContactSender, type PageMessageFactory } from './app/push/contact-sender.js';
import { pageMessageOf } from './app/push/page-message.js';
import { createPhoneSender, createWebPushSender } from './app/push/phone-sender.js';
import { createReadReports } from './app/push/read-reports.js';
import { loadVapidKeys } from './app/push/vapid.js';
import type { Settings } from './settings.js';
import type { TwilioConfig } from '../shared/config/twilio-config.js';
import { wireTwilioFeatures } from './wire-twilio.js';
import { registerActionRoutes } from './transport/http/routes/action-routes.js';
import { registerDeviceRoutes } from './transport/http/routes/device-routes.js';
import { registerPhoneIncidentRoutes } from './transport/http/routes/phone-incident-routes.js';
import { registerPushRoutes } from './transport/http/routes/push-routes.js';
import type { DeviceNamespace } from './transport/socket/create-socket-server.js';
import { phoneRoom } from './transport/socket/device-gateway.js';
import { tokenRoom } from './transport/socket/socket-sessions.js';

/** What the phone features need from the relay. */
export interface PhoneFeatureDeps {
  app: FastifyInstance;
  device: DeviceNamespace;
  store: Store;
  clock: Clock;
  log: Log;
  settings: Settings;
  escalator: Escalator;
  actions: IncidentActions;
  /** The relay's public address, known once it listens. */
  baseUrl: () => string;
  /** The e-mail channel, for test pages. */
  email?: ChannelSender;
  /** The Slack direct-message channel, for test pages (absent without Slack). */
  slack?: ChannelSender;
  /** The audit trail for notification rule edits (records nothing when absent). */
  audit?: AuditTrail;
  /** `channels.twilio` of the config file: SMS and voice pages (off without it). */
  twilio?: TwilioConfig | undefined;
}

/** Creates a value on first use (notifiers need the relay's address, known only once it listens). */
function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** How long the test page waits for open phone apps to confirm it. */
const TEST_ACK_MS = 5_000;

/**
 * Wires the phone features: pairing and device routes, Web Push (VAPID keys made once and stored),
 * the ntfy, Pushover and webhook channels (each behind retry and a per-contact rate limit), signed
 * action routes, notification settings and test pages. Returns the escalator whose `pageRead` also
 * silences Pushover, for the device gateway, and the channel senders for the page sender.
 */
export async function wirePhoneFeatures(deps: PhoneFeatureDeps) {
  const { app, store, clock, log, settings } = deps;
  const links = createActionLinks({ key: await loadActionKey(store), baseUrl: deps.baseUrl });
  const publicUrl = settings.publicUrl?.startsWith('https:') ? settings.publicUrl : undefined;
  const vapid = await loadVapidKeys(store, settings.vapidSubject ?? publicUrl ?? 'mailto:klaxon@localhost');
  const rateLimit = createContactRateLimit({ limit: 10, perMs: 60_000, now: () => clock.now().getTime() });
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const staged = (notifier: Notifier) =>
    createNotifierPipeline(notifier, { rateLimit, retry: { attempts: 3, baseDelayMs: 500, maxDelayMs: 5_000, sleep } });

  // Every provider adapter sends through the one guarded outbound fetch.
  const fetch = createOutboundFetch({ guard: createAddressGuard(settings.outboundAllow ?? []), log });
  const webPush = lazy(() => staged(createWebPushNotifier({ vapid, clock, fetch })));
  const pushoverToken = settings.pushoverToken;
  const pushover = lazy(() =>
    pushoverToken ? createPushoverNotifier({ fetch, appToken: pushoverToken, callbackUrl: links.pushoverCallbackUrl(), clock }) : undefined,
  );
  const stagedPushover = lazy(() => {
    const notifier = pushover();
    return notifier && staged(notifier);
  });
  const ntfy = lazy(() => staged(createNtfyNotifier({ fetch, publicUrl: deps.baseUrl(), clock })));
  const webhook = lazy(() => staged(createWebhookNotifier({ fetch, clock })));

  const devices: DeviceAuth = createDeviceAuth({ store, clock });
  const pairing = createPairing({
    store,
    clock,
    audit: deps.audit,
    // A revoked phone is cut off at once, not at its next reconnect.
    onRevoked: async (device) => {
      // Through the adapter, so a phone connected to another relay is cut too.
      deps.device.in(tokenRoom(device.tokenHash)).disconnectSockets(true);
    },
  });
  const reads = createReadReports({ store, escalator: deps.escalator, actions: deps.actions, pushover, log });
  const message: PageMessageFactory = async (page, incident, attempt) => {
    const serviceName = (await store.getService(incident.serviceId))?.name ?? incident.serviceId;
    return pageMessageOf({ page, incident, serviceName, attempt, now: clock.now() }, links, deps.baseUrl());
  };
  const emitToPhones = async (userId: string, push: PagePush): Promise<number> => {
    if ((await deps.device.in(phoneRoom(userId)).fetchSockets()).length === 0) return 0;
    return new Promise<number>((resolve) => {
      deps.device
        .to(phoneRoom(userId))
        .timeout(TEST_ACK_MS)
        .emit('page', push, ((_error: Error | null, responses: unknown[]) => resolve(Array.isArray(responses) ? responses.length : 0)) as never);
    });
  };

  const phoneChannels = await wireTwilioFeatures({ app, store, clock, log, config: deps.twilio, fetch, staged, reads, escalator: deps.escalator, baseUrl: deps.baseUrl });

  registerDeviceRoutes(app, { pairing, baseUrl: deps.baseUrl });
  registerActionRoutes(app, { links, reads, clock });
  registerPhoneIncidentRoutes(app, { store, clock });
  registerPushRoutes(app, {
    store,
    clock,
    audit: deps.audit,
    devices,
    vapidPublicKey: vapid.publicKey,
    testPage: {
      store,
      clock,
      log,
      baseUrl: deps.baseUrl,
      emitToPhones,
      webPush,
      contactNotifiers: { ntfy, pushover: stagedPushover, webhook, sms: phoneChannels.sms, voice: phoneChannels.voice },
      email: deps.email,
      slack: deps.slack,
    },
  });

  return {
    devices,
    /** The signer of the action URLs (the e-mail channel puts them in its messages). */
    links,
    /** The escalator as the device gateway should use it: a read there also silences Pushover. */
    escalator: { ...deps.escalator, pageRead: reads.pageRead } satisfies Escalator,
    /** Web Push alone, for the send jobs a level job leaves to it (the level rang the socket itself). */
    webPushSender: (): ChannelSender => createWebPushSender({ webPush: webPush(), store, message, log }),
    /** The page sender's channels: the phone (socket + Web Push), ntfy, Pushover, webhook, and SMS and voice when set up. */
    senders(socket: ChannelSender): Record<'push' | 'ntfy' | 'pushover' | 'webhook', ChannelSender> & Partial<Record<'sms' | 'voice', ChannelSender>> {
      const contact = (channel: 'ntfy' | 'pushover' | 'webhook', notifier: () => Notifier | undefined) =>
        createContactSender({ channel, notifier, store, message, clock });
      return {
        push: createPhoneSender({ socket, webPush: webPush(), store, message, log }),
        ntfy: contact('ntfy', ntfy),
        pushover: contact('pushover', stagedPushover),
        webhook: contact('webhook', webhook),
        ...phoneChannels.senders(message),
      };
    },
  };
}

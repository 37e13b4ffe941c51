import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { TwilioConfig } from '../shared/config/twilio-config.js';
import type { Log } from './adapters/log/create-logger.js';
import { createContactRateLimit, type ContactRateLimit } from './adapters/notify/contact-rate-limit.js';
import type { Fetch } from './adapters/notify/service-call.js';
import { createTwilioSmsNotifier } from './adapters/notify/twilio-sms.js';
import { createTwilioVoiceNotifier } from './adapters/notify/twilio-voice.js';
import { createTwilioClient } from './adapters/twilio/twilio-client.js';
import type { Escalator } from './app/escalation/escalator.js';
import type { ChannelSender } from './app/escalation/page-sender.js';
import type { Clock } from './app/ports/clock.js';
import type { Notifier } from './app/ports/notifier.js';
import type { Store } from './app/ports/store.js';
import { createContactSender, type PageMessageFactory } from './app/push/contact-sender.js';
import type { ReadReports } from './app/push/read-reports.js';
import { createSendsInFlight } from './app/push/sends-in-flight.js';
import { createPhoneReplies } from './app/twilio/phone-replies.js';
import { createPhoneUsage } from './app/twilio/phone-usage.js';
import { withQuietLimit } from './app/twilio/quiet-limit.js';
import { registerPhoneUsageRoutes } from './transport/http/routes/phone-usage-routes.js';
import { registerTwilioRoutes } from './transport/http/routes/twilio-routes.js';

/** Reads the auth token from the environment variable or file the config names; throws naming the setting. */
export async function readTwilioAuthToken(config: TwilioConfig, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (config.authTokenEnv) {
    const value = env[config.authTokenEnv];
    if (!value) throw new Error(`channels.twilio.authTokenEnv: the environment variable ${config.authTokenEnv} is not set`);
    return value;
  }
  const file = config.authTokenFile!;
  const text = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new Error(`channels.twilio.authTokenFile: cannot read ${file}`, { cause });
  });
  if (!text.trim()) throw new Error(`channels.twilio.authTokenFile: ${file} is empty`);
  return text.trim();
}

/** What the SMS and voice channels need from the relay. */
export interface TwilioFeatureDeps {
  app: FastifyInstance;
  store: Store;
  clock: Clock;
  log: Log;
  /** `channels.twilio` of the config file; the channels are off without it (the usage report still answers). */
  config: TwilioConfig | undefined;
  /** The guarded outbound fetch. */
  fetch: Fetch;
  /** Wraps a notifier in retry and the shared per-contact rate limit. */
  staged: (notifier: Notifier) => Notifier;
  reads: ReadReports;
  escalator: Pick<Escalator, 'escalateNow' | 'pageUndelivered'>;
  /** The relay's public address (KLAXON_PUBLIC_URL, else its own URL once it listens). */
  baseUrl: () => string;
}

/**
 * Wires SMS and voice pages through a Twilio-compatible API (issue 17): the REST client and both
 * notifiers (behind retry, the per-contact rate limit and the per-person quiet limit), the signed
 * callbacks (replies, call scripts, keypresses, statuses) and the monthly usage report.
 */
export async function wireTwilioFeatures(deps: TwilioFeatureDeps) {
  const { app, store, clock, config } = deps;
  const inFlight = createSendsInFlight();
  const usage = createPhoneUsage({ store, clock, configured: !!config, inFlight });
  registerPhoneUsageRoutes(app, { usage });
  if (!config) {
    return { sms: () => undefined, voice: () => undefined, senders: () => ({}) as Partial<Record<'sms' | 'voice', ChannelSender>> };
  }
  const authToken = await readTwilioAuthToken(config);
  const publicBase = () => (config.publicUrl ?? deps.baseUrl()).replace(/\/+$/, '');
  const client = createTwilioClient({ fetch: deps.fetch, accountSid: config.accountSid, authToken, clock, ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}) });
  const sms = deps.staged(
    createTwilioSmsNotifier({ client, from: config.from, statusCallbackUrl: () => `${publicBase()}/twilio/status/sms`, onSegments: (n) => usage.smsSent(n).catch((error: unknown) => deps.log.warn({ err: error }, 'twilio: could not count the SMS parts sent')) }),
  );
  const voice = deps.staged(createTwilioVoiceNotifier({ client, from: config.from, publicBase }));
  const replies = createPhoneReplies({ store, reads: deps.reads, escalator: deps.escalator });
  registerTwilioRoutes(app, { authToken, publicBase, replies, usage, pageUndelivered: (pageId, error) => deps.escalator.pageUndelivered(pageId, error), log: deps.log });

  const limiters = new Map<number, ContactRateLimit>();
  const limiterFor = (perHour: number) => {
    let limiter = limiters.get(perHour);
    if (!limiter) limiters.set(perHour, (limiter = createContactRateLimit({ limit: perHour, perMs: 3_600_000, now: () => clock.now().getTime() })));
    return limiter;
  };
  return {
    sms: () => sms,
    voice: () => voice,
    /** The page sender's SMS and voice channels. */
    senders(message: PageMessageFactory): Partial<Record<'sms' | 'voice', ChannelSender>> {
      const quiet = (sender: ChannelSender) => withQuietLimit(sender, { store, defaultPerHour: config.maxPerHour, limiterFor });
      return {
        sms: quiet(createContactSender({ channel: 'sms', notifier: () => sms, store, message, clock, inFlight })),
        voice: quiet(createContactSender({ channel: 'voice', notifier: () => voice, store, message, clock, inFlight })),
      };
    },
  };
}

import type { Notifier } from '../../app/ports/notifier.js';
import { withContactRateLimit, type ContactRateLimit } from './contact-rate-limit.js';
import { withRetry, type RetryOptions } from './retry.js';

/** The stages to put around a notifier; a stage left out is skipped. */
export interface NotifierPipelineOptions {
  retry?: RetryOptions;
  /** A limiter from `createContactRateLimit`; share one between notifiers to limit across channels by key. */
  rateLimit?: ContactRateLimit;
}

/**
 * Wraps a notifier in small stages, as alertmanager's notify pipeline does: retry outside, the
 * per-contact rate limit inside it, so every real call to the service spends a token and a limited
 * send is retried after the limiter's wait when that fits the retry budget. The result is a notifier
 * of the same channel; `cancel` is passed through untouched.
 */
export function createNotifierPipeline(notifier: Notifier, options: NotifierPipelineOptions): Notifier {
  let send: Notifier['send'] = (contact, message) => notifier.send(contact, message);
  if (options.rateLimit) send = withContactRateLimit(send, options.rateLimit);
  if (options.retry) send = withRetry(send, options.retry);
  const staged: Notifier = { channel: notifier.channel, send };
  const cancel = notifier.cancel;
  if (cancel) staged.cancel = (receipt) => cancel.call(notifier, receipt);
  return staged;
}

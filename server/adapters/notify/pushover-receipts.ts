import { z } from 'zod';
import { PUSHOVER_RECEIPT, pushoverError, pushoverTime } from './pushover-api.js';
import { callService, isSendFailure, parseJson, readText, type Fetch } from './service-call.js';

/**
 * Where an emergency page stands at Pushover. Pushover's "acknowledged" is Klaxon's *read*: the person
 * opened the page in the Pushover app and tapped Acknowledge.
 */
export interface PushoverReceiptStatus {
  acknowledged: boolean;
  acknowledgedAt: Date | null;
  /** The user key that acknowledged (for a group key, the member). */
  acknowledgedBy: string | null;
  acknowledgedByDevice: string | null;
  /** Pushover has stopped retrying (the expire time passed, or the receipt was cancelled). */
  expired: boolean;
  expiresAt: Date | null;
  lastDeliveredAt: Date | null;
}

/** What a receipt call needs: the API, the application token and a fetch. */
export interface PushoverReceiptContext {
  fetch: Fetch;
  apiUrl: string;
  appToken: string;
  timeoutMs: number;
}

/** Pushover's receipt answer (`GET /1/receipts/{receipt}.json`); times are Unix seconds, 0 for none. */
const ReceiptAnswerSchema = z.object({
  status: z.literal(1),
  acknowledged: z.number(),
  acknowledged_at: z.number().default(0),
  acknowledged_by: z.string().default(''),
  acknowledged_by_device: z.string().default(''),
  last_delivered_at: z.number().default(0),
  expired: z.number(),
  expires_at: z.number().default(0),
});

function checkReceipt(receipt: string, what: string): void {
  if (!PUSHOVER_RECEIPT.test(receipt)) throw new Error(`${what}: not a Pushover receipt: "${receipt}"`);
}

/** Calls the API and returns the answer's text, or throws with Pushover's error text. */
async function callReceipts(context: PushoverReceiptContext, what: string, url: URL, init: RequestInit): Promise<string> {
  const answer = await callService(context.fetch, url, init, context.timeoutMs);
  if (isSendFailure(answer)) throw new Error(`${what}: ${answer.error}`, { cause: answer });
  const text = await readText(answer);
  if (!answer.ok) {
    throw new Error(`${what}: ${pushoverError(answer.status, text)}`, { cause: { status: answer.status, body: text } });
  }
  return text;
}

/**
 * Asks Pushover whether an emergency page was acknowledged (`GET /1/receipts/{receipt}.json?token=…`).
 * Throws `Error` with a cause when the call fails or the answer is not a receipt.
 */
export async function pollPushoverReceipt(context: PushoverReceiptContext, receipt: string): Promise<PushoverReceiptStatus> {
  const what = 'Pushover receipt poll';
  checkReceipt(receipt, what);
  const url = new URL(`/1/receipts/${receipt}.json`, context.apiUrl);
  url.searchParams.set('token', context.appToken);
  const text = await callReceipts(context, what, url, { method: 'GET' });
  const parsed = ReceiptAnswerSchema.safeParse(parseJson(text));
  if (!parsed.success) throw new Error(`${what}: unexpected answer`, { cause: parsed.error });
  const a = parsed.data;
  return {
    acknowledged: a.acknowledged === 1,
    acknowledgedAt: pushoverTime(a.acknowledged_at),
    acknowledgedBy: a.acknowledged_by || null,
    acknowledgedByDevice: a.acknowledged_by_device || null,
    expired: a.expired === 1,
    expiresAt: pushoverTime(a.expires_at),
    lastDeliveredAt: pushoverTime(a.last_delivered_at),
  };
}

/**
 * Stops Pushover's retries of an emergency page (`POST /1/receipts/{receipt}/cancel.json`), for a page
 * read on another channel. Throws `Error` with a cause when Pushover refuses or cannot be reached.
 */
export async function cancelPushoverReceipt(context: PushoverReceiptContext, receipt: string): Promise<void> {
  const what = 'Pushover receipt cancel';
  checkReceipt(receipt, what);
  const url = new URL(`/1/receipts/${receipt}/cancel.json`, context.apiUrl);
  const body = new URLSearchParams({ token: context.appToken });
  await callReceipts(context, what, url, { method: 'POST', body });
}

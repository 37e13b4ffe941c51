import { parseJson, shortText } from './service-call.js';

/** Pushover's public API; tests point the notifier at a local server instead. */
export const PUSHOVER_API_URL = 'https://api.pushover.net';

/** Application tokens and user keys are 30 letters and digits. */
export const PUSHOVER_KEY = /^[A-Za-z0-9]{30}$/;

/** Emergency receipts are 30 letters and digits too; anything else is refused before a call. */
export const PUSHOVER_RECEIPT = /^[A-Za-z0-9]{30}$/;

/**
 * Reads Pushover's error answer `{status: 0, errors: [...]}` as one line with the errors joined,
 * falling back to the raw text.
 */
export function pushoverError(status: number, text: string): string {
  const body = parseJson(text);
  if (body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors) && body.errors.length > 0) {
    return `Pushover ${status}: ${body.errors.map(String).join('; ')}`;
  }
  return `Pushover ${status}: ${shortText(text) || 'no error text'}`;
}

/**
 * Formats a Pushover contact as a `ContactAddress` target: the user key, then `:device` when the
 * person picked one device (the port's address has no other field for it).
 */
export function pushoverTarget(contact: { userKey: string; device?: string | undefined }): string {
  return contact.device ? `${contact.userKey}:${contact.device}` : contact.userKey;
}

/** Reads a target made by `pushoverTarget`; undefined when it holds no valid user key. */
export function parsePushoverTarget(target: string): { userKey: string; device?: string } | undefined {
  const [userKey = '', device, ...rest] = target.split(':');
  if (!PUSHOVER_KEY.test(userKey) || rest.length > 0) return undefined;
  if (device === undefined) return { userKey };
  return /^[A-Za-z0-9_-]{1,25}$/.test(device) ? { userKey, device } : undefined;
}

/** Turns Pushover's Unix seconds (0 = not yet) into a date or null. */
export function pushoverTime(seconds: number): Date | null {
  return seconds > 0 ? new Date(seconds * 1000) : null;
}

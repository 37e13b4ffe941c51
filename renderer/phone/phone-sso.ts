import { finishSso } from '../services/sso-client.js';
import type { DeviceRegistration } from './phone-api.js';
import { PhoneApiError } from './phone-api.js';

/**
 * Finishes single sign-on on the phone: exchanges the one-time code (with this tab's verifier) for a
 * login token, registers this phone as a device with it (so the console lists and can revoke it), and
 * ends the login token at once, as password sign-in on the phone does. Answers the device registration.
 */
export async function finishPhoneSso(code: string, name: string, deps: { storage: Storage; fetchImpl?: typeof fetch }): Promise<DeviceRegistration> {
  const fetchImpl = deps.fetchImpl ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const done = await finishSso(code, { storage: deps.storage, fetchImpl }).catch((cause: unknown) => {
    throw new PhoneApiError(cause instanceof Error ? cause.message : String(cause), 401);
  });
  if (!done) throw new PhoneApiError('Nothing to finish: sign in again', 400);
  const { relayUrl, answer } = done;
  try {
    const response = await fetchImpl(`${relayUrl}/api/v1/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${answer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    const body = (await response.json().catch(() => ({}))) as DeviceRegistration & { error?: string };
    if (!response.ok) throw new PhoneApiError(body.error ?? `The relay answered ${response.status}`, response.status);
    return body;
  } finally {
    await fetchImpl(`${relayUrl}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${answer.token}` } }).catch(() => undefined);
  }
}

import type { Contacts, WebPushSubscription } from '../../shared/schemas/contact.js';
import type { IncidentStatus } from '../../shared/schemas/incident.js';
import type { PagePush, PageState } from '../../shared/schemas/page.js';
import type { PhoneIncidentView } from '../../shared/schemas/phone-incident-view.js';
import type { Channel, NotifyRule, User } from '../../shared/schemas/user.js';

/** A registered phone as the relay answers after pairing or sign-in. */
export interface DeviceRegistration {
  token: string;
  device: { id: string; name: string };
  user: User;
}

/** One of my pages of an open incident (`GET /api/v1/me/pages`). */
export interface MyPage extends PagePush {
  state: PageState;
  incidentStatus: IncidentStatus;
}

/** A person's notification rules and contact methods. */
export interface NotificationSettings {
  rules: NotifyRule[];
  contacts: Contacts;
}

/** What one channel made of a test page. */
export interface TestDelivery {
  channel: Channel;
  ok: boolean;
  detail: string;
}

/** A failed call, with the relay's own message when it sent one. */
export class PhoneApiError extends Error {
  /** Creates the error; `status` is 0 when the relay could not be reached; `field` names the input at fault. */
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'PhoneApiError';
  }
}

/** The relay's HTTP API as the phone app and the console's phone pages use it. */
export interface PhoneApi {
  pair(code: string, name: string): Promise<DeviceRegistration>;
  /**
   * Signs in with a password (and the authenticator code when the account has a second factor), then
   * registers this phone as a device (so it is listed and revocable).
   */
  signInAndRegister(username: string, password: string, name: string, totp?: string): Promise<DeviceRegistration>;
  me(token: string): Promise<User>;
  myPages(token: string): Promise<MyPage[]>;
  notifications(token: string): Promise<NotificationSettings>;
  saveNotifications(token: string, settings: NotificationSettings): Promise<NotificationSettings>;
  testPage(token: string): Promise<TestDelivery[]>;
  vapidPublicKey(token: string): Promise<string>;
  subscribe(token: string, subscription: WebPushSubscription): Promise<void>;
  /** The incident as the phone shows it (need-to-know applied by the relay). */
  incidentView(token: string, incidentId: string): Promise<PhoneIncidentView>;
  /** Adds a note to the incident as the token's owner. */
  addNote(token: string, incidentId: string, text: string): Promise<void>;
  /** Signs this phone out on the relay: its device token is revoked there. */
  signOut(token: string): Promise<void>;
}

/** Calls the relay at `base` ('' = this page's origin) with `fetchFn`. */
export function createPhoneApi(base: string, fetchFn: typeof fetch = (...args) => fetch(...args)): PhoneApi {
  const call = async <T>(method: string, path: string, token: string | undefined, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await fetchFn(`${base}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new PhoneApiError('The relay cannot be reached; check the network', 0);
    }
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const message = json && typeof json === 'object' && 'error' in json && typeof json.error === 'string' ? json.error : `The relay answered ${response.status}`;
      const field = json && typeof json === 'object' && 'field' in json && typeof json.field === 'string' ? json.field : undefined;
      throw new PhoneApiError(message, response.status, field);
    }
    return json as T;
  };
  return {
    pair: (code, name) => call('POST', '/api/v1/devices/pair', undefined, { code, name }),
    async signInAndRegister(username, password, name, totp) {
      const login = await call<{ token: string }>('POST', '/api/v1/auth/login', undefined, { username, password, ...(totp ? { totp } : {}) });
      try {
        return await call('POST', '/api/v1/devices', login.token, { name });
      } finally {
        // The phone keeps only its device token; the login token it was made with ends at once.
        await call('POST', '/api/v1/auth/logout', login.token).catch(() => undefined);
      }
    },
    me: (token) => call('GET', '/api/v1/me', token),
    myPages: async (token) => (await call<{ pages: MyPage[] }>('GET', '/api/v1/me/pages', token)).pages,
    notifications: (token) => call('GET', '/api/v1/me/notifications', token),
    saveNotifications: (token, settings) => call('PUT', '/api/v1/me/notifications', token, settings),
    testPage: async (token) => (await call<{ results: TestDelivery[] }>('POST', '/api/v1/me/test-page', token, {})).results,
    vapidPublicKey: async (token) => (await call<{ publicKey: string }>('GET', '/api/v1/push/public-key', token)).publicKey,
    subscribe: (token, subscription) => call('POST', '/api/v1/push/subscriptions', token, { subscription }),
    incidentView: async (token, incidentId) =>
      (await call<{ view: PhoneIncidentView }>('GET', `/api/v1/phone/incidents/${encodeURIComponent(incidentId)}`, token)).view,
    addNote: async (token, incidentId, text) => {
      await call('POST', `/api/v1/incidents/${encodeURIComponent(incidentId)}/notes`, token, { text });
    },
    signOut: async (token) => {
      await call('POST', '/api/v1/auth/logout', token);
    },
  };
}

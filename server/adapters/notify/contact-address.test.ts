import { describe, expect, it } from 'vitest';
import { ContactsSchema, WebPushSubscriptionSchema } from '../../../shared/schemas/contact.js';
import { contactAddressFor, webPushAddress } from './contact-address.js';
import { parsePushoverTarget } from './pushover-api.js';
import { createTestSubscriber } from './testing/web-push-receiver.js';

const USER_KEY = 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG';

describe('ContactsSchema', () => {
  it('accepts each contact method, all optional', () => {
    const contacts = ContactsSchema.parse({
      ntfy: { url: 'https://ntfy.sh/klaxon-ana', token: 'tk_abc' },
      pushover: { userKey: USER_KEY, device: 'pixel8' },
      webhook: { url: 'https://hooks.example/klaxon', secret: 'whsec_0123456789abcdef' },
    });
    expect(contacts.pushover?.device).toBe('pixel8');
    expect(ContactsSchema.parse({})).toEqual({});
  });

  it.each([
    [{ ntfy: { url: 'ftp://ntfy.sh/a' } }, 'ntfy.url'],
    [{ ntfy: { url: 'https://ntfy.sh/' } }, 'ntfy.url'],
    [{ pushover: { userKey: 'too-short' } }, 'pushover.userKey'],
    [{ pushover: { userKey: USER_KEY, device: 'has space' } }, 'pushover.device'],
    [{ webhook: { url: 'https://hooks.example/k', secret: 'short' } }, 'webhook.secret'],
  ])('refuses %j naming %s', (input, field) => {
    const result = ContactsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(field);
  });
});

describe('WebPushSubscriptionSchema', () => {
  it("accepts a browser's PushSubscription JSON and refuses wrong key lengths", () => {
    const { subscription } = createTestSubscriber('https://fcm.googleapis.com/wp/abc');
    expect(WebPushSubscriptionSchema.parse({ ...subscription, expirationTime: null }).keys).toEqual(subscription.keys);
    expect(WebPushSubscriptionSchema.safeParse({ ...subscription, keys: { ...subscription.keys, auth: 'AAAA' } }).success).toBe(false);
    expect(WebPushSubscriptionSchema.safeParse({ ...subscription, endpoint: 'javascript:alert(1)' }).success).toBe(false);
  });
});

describe('contactAddressFor', () => {
  const contacts = ContactsSchema.parse({
    ntfy: { url: 'https://ntfy.sh/klaxon-ana', token: 'tk_abc' },
    pushover: { userKey: USER_KEY, device: 'pixel8' },
    webhook: { url: 'https://hooks.example/klaxon', secret: 'whsec_0123456789abcdef' },
  });

  it("builds each notifier's address from the person's contacts", () => {
    expect(contactAddressFor('ntfy', contacts)).toEqual({ channel: 'ntfy', target: 'https://ntfy.sh/klaxon-ana', secret: 'tk_abc' });
    expect(parsePushoverTarget(contactAddressFor('pushover', contacts)!.target)).toEqual({ userKey: USER_KEY, device: 'pixel8' });
    expect(contactAddressFor('webhook', contacts)).toEqual({ channel: 'webhook', target: 'https://hooks.example/klaxon', secret: 'whsec_0123456789abcdef' });
  });

  it('gives nothing for a channel the person has not set up, and no secret for an open ntfy topic', () => {
    expect(contactAddressFor('pushover', {})).toBeUndefined();
    expect(contactAddressFor('ntfy', { ntfy: { url: 'https://ntfy.sh/open' } })).toEqual({ channel: 'ntfy', target: 'https://ntfy.sh/open' });
  });

  it('turns a push subscription into a push address', () => {
    const { subscription } = createTestSubscriber('https://push.example/s/1');
    expect(JSON.parse(webPushAddress(WebPushSubscriptionSchema.parse(subscription)).target)).toEqual(subscription);
  });
});

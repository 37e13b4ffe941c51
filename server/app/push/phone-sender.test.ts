import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../adapters/log/create-logger.js';
import { pageMessage } from '../../adapters/notify/testing/page-message.js';
import type { ChannelOutcome, ChannelSender } from '../escalation/page-sender.js';
import type { Notifier, SendResult } from '../ports/notifier.js';
import type { PushSubscriptionRecord } from '../ports/phone-store.js';
import { createPhoneSender } from './phone-sender.js';

const KEYS = { p256dh: `B${'a'.repeat(86)}`, auth: 'b'.repeat(22) };
const sub = (endpoint: string): PushSubscriptionRecord => ({ endpoint, userId: 'ana', deviceId: null, keys: KEYS, createdAt: new Date(0) });

function setup(socket: ChannelOutcome, answers: Record<string, SendResult>, subscriptions: PushSubscriptionRecord[]) {
  const stored = [...subscriptions];
  let built = 0;
  const webPush: Notifier = {
    channel: 'push',
    send: async (contact) => answers[(JSON.parse(contact.target) as { endpoint: string }).endpoint]!,
  };
  const sender = createPhoneSender({
    socket: (async () => socket) as ChannelSender,
    webPush,
    store: {
      listPushSubscriptions: async () => stored,
      deletePushSubscription: async (endpoint) => void stored.splice(stored.findIndex((s) => s.endpoint === endpoint), 1),
    },
    message: async () => (built++, pageMessage()),
    log: createSilentLogger(),
  });
  const send = () => sender(...([{}, {}, { id: 'ana' }, 1] as unknown as Parameters<ChannelSender>));
  return { send, stored, built: () => built };
}

describe('the phone channel (socket and Web Push)', () => {
  it('counts a page sent when a push subscription took it though no app is open, and drops gone subscriptions', async () => {
    const t = setup(
      { status: 'unreachable' },
      { 'https://push.example/ok': { ok: true }, 'https://push.example/gone': { ok: false, retryable: false, gone: true, error: 'push service 410' } },
      [sub('https://push.example/ok'), sub('https://push.example/gone')],
    );
    expect(await t.send()).toEqual({ status: 'sent' });
    expect(t.stored.map((s) => s.endpoint)).toEqual(['https://push.example/ok']);
  });

  it('leaves the page queued when neither reached a phone, and builds no message without subscriptions', async () => {
    const failing = setup({ status: 'unreachable' }, { 'https://push.example/x': { ok: false, retryable: true, error: 'push service 503' } }, [sub('https://push.example/x')]);
    expect(await failing.send()).toEqual({ status: 'unreachable' });
    expect(failing.stored).toHaveLength(1);

    const none = setup({ status: 'sent' }, {}, []);
    expect(await none.send()).toEqual({ status: 'sent' });
    expect(none.built()).toBe(0);
  });
});

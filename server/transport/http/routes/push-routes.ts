import { noAuditTrail, type AuditTrail } from '../../../app/ports/audit.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ContactsSchema, WebPushSubscriptionSchema } from '../../../../shared/schemas/contact.js';
import { ChannelSchema, NotifyRuleSchema } from '../../../../shared/schemas/user.js';
import type { Clock } from '../../../app/ports/clock.js';
import type { Store } from '../../../app/ports/store.js';
import type { DeviceAuth } from '../../../app/devices/device-tokens.js';
import { isPlannedNumber, NOT_A_PHONE_NUMBER } from '../../../core/phone/numbering-plan.js';
import { listMyOpenPages } from '../../../app/push/my-pages.js';
import { sendTestPage, type TestPageDeps } from '../../../app/push/test-page.js';
import { bearerToken, signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const SubscribeBodySchema = z.object({ subscription: WebPushSubscriptionSchema });
const UnsubscribeBodySchema = z.object({ endpoint: z.string().min(1).max(2048) });
const NotificationsBodySchema = z.object({ rules: z.array(NotifyRuleSchema).max(20), contacts: ContactsSchema });
const TestBodySchema = z.object({ channel: ChannelSchema.optional() }).optional();

/**
 * A person's own paging settings and phone push: `GET /api/v1/push/public-key` (the VAPID key the
 * service worker subscribes with), `POST|DELETE /api/v1/push/subscriptions`, `GET|PUT
 * /api/v1/me/notifications` (notification rules and contact methods), `POST /api/v1/me/test-page`
 * ("send me a test page", answering each channel's result) and `GET /api/v1/me/pages` (my pages of
 * open incidents, for the phone app's list).
 */
export function registerPushRoutes(
  app: FastifyInstance,
  deps: { store: Store; clock: Clock; devices: DeviceAuth; vapidPublicKey: string | undefined; testPage: TestPageDeps; audit?: AuditTrail },
): void {
  app.get('/api/v1/push/public-key', async () => {
    if (!deps.vapidPublicKey) throw new HttpError(404, 'Web Push is off on this relay');
    return { publicKey: deps.vapidPublicKey };
  });

  app.post('/api/v1/push/subscriptions', async (request, reply) => {
    const user = signedInUser(request);
    const { subscription } = parseInput(SubscribeBodySchema, request.body);
    const token = bearerToken(request) ?? '';
    const device = (await deps.devices.authenticate(token))?.device;
    await deps.store.savePushSubscription({
      endpoint: subscription.endpoint,
      userId: user.id,
      deviceId: device?.id ?? null,
      keys: subscription.keys,
      createdAt: deps.clock.now(),
    });
    return reply.code(201).send({ ok: true });
  });

  app.delete('/api/v1/push/subscriptions', async (request, reply) => {
    const user = signedInUser(request);
    const { endpoint } = parseInput(UnsubscribeBodySchema, request.body);
    const mine = await deps.store.listPushSubscriptions(user.id);
    if (mine.some((s) => s.endpoint === endpoint)) await deps.store.deletePushSubscription(endpoint);
    return reply.code(204).send();
  });

  app.get('/api/v1/me/notifications', async (request) => {
    const user = signedInUser(request);
    return { rules: user.notify, contacts: (await deps.store.getContacts(user.id)) ?? {} };
  });

  app.put('/api/v1/me/notifications', async (request) => {
    const user = signedInUser(request);
    const { rules, contacts } = parseInput(NotificationsBodySchema, request.body);
    // The shared schema checked the E.164 shape; the numbering plan is checked here (shared/ is zod only).
    if (contacts.phone && !isPlannedNumber(contacts.phone.number)) {
      throw new HttpError(400, `contacts.phone.number: ${NOT_A_PHONE_NUMBER}`, 'contacts.phone.number');
    }
    await deps.store.transaction(async (tx) => {
      const record = await tx.getUser(user.id);
      if (!record) throw new HttpError(404, 'no such user');
      await tx.upsertUser({ ...record, notify: rules });
      await tx.setContacts(user.id, contacts, deps.clock.now());
      // Which channels, never the addresses or keys of the contacts.
      await (deps.audit ?? noAuditTrail).record(
        {
          action: 'notification-rules.changed',
          actorId: user.id,
          address: request.ip ?? null,
          subject: { kind: 'user', id: user.id },
          details: { rules: rules.map((r) => `${r.channel}+${r.after}s`), contactChannels: Object.keys(contacts).sort() },
        },
        tx,
      );
    });
    return { rules, contacts };
  });

  app.post('/api/v1/me/test-page', async (request) => {
    const user = signedInUser(request);
    const body = parseInput(TestBodySchema, request.body ?? undefined);
    const record = await deps.store.getUser(user.id);
    if (!record) throw new HttpError(404, 'no such user');
    return { results: await sendTestPage(deps.testPage, record, body?.channel) };
  });

  app.get('/api/v1/me/pages', async (request) => ({ pages: await listMyOpenPages(deps.store, signedInUser(request).id) }));
}

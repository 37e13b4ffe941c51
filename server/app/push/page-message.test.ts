import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import { createPushoverNotifier } from '../../adapters/notify/pushover.js';
import { pushoverTarget } from '../../adapters/notify/pushover-api.js';
import { startRecordingServer, type RecordingServer } from '../../adapters/notify/testing/recording-server.js';
import { createTestSubscriber, decryptWebPush } from '../../adapters/notify/testing/web-push-receiver.js';
import { createWebPushNotifier, generateVapidKeys } from '../../adapters/notify/web-push.js';
import { createActionLinks } from './action-links.js';
import { pageMessageOf } from './page-message.js';

const REDACTED = 'Confidential incident on Databases — open Klaxon';
const now = new Date('2026-11-28T10:00:00Z');
const incident: Incident = {
  id: 'i1', serviceId: 'db', teamId: 'noc', dedupKey: 'host-7', status: 'triggered', priority: 'high', severity: 'critical',
  summary: 'Ransomware on host-7', source: 'edr-secret', alertCount: 1, firstSeenAt: now.toISOString(), lastSeenAt: now.toISOString(),
  acknowledgedAt: null, resolvedAt: null, deferredUntil: null, escalation: 'running', triageVerdict: null, triageAssignee: null,
  forensicAssignee: null, confidential: true, links: [{ href: 'https://edr/1' }], externalRef: null, seq: 3,
};
const page: Page = {
  id: 'i1/0:0:dan/pushover', incidentId: 'i1', pageKey: '0:0:dan', userId: 'dan', channel: 'pushover', state: 'queued', level: 0,
  attempts: 0, createdAt: now.toISOString(), sentAt: null, deliveredAt: null, readAt: null, error: null,
};
const links = createActionLinks({ key: Buffer.alloc(32, 7), baseUrl: () => 'https://klaxon.example' });
const messageOf = (i: Incident) => pageMessageOf({ page, incident: i, serviceName: 'Databases', attempt: 1, now }, links, 'https://klaxon.example');

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the page message of a confidential incident', () => {
  it('says only that it is confidential, and on which service', () => {
    const message = messageOf(incident);
    expect(message.summary).toBe(REDACTED);
    expect(JSON.stringify(message)).not.toMatch(/Ransomware|host-7|edr-secret/);
    expect(messageOf({ ...incident, confidential: false }).summary).toBe('Ransomware on host-7');
  });

  it('reaches a (local) Pushover API redacted', async () => {
    server = await startRecordingServer(() => ({ status: 200, body: { status: 1, request: 'r1', receipt: 'rLqVuqTRh62UzxtmqiaLzQmVcPBiCr' } }));
    const pushover = createPushoverNotifier({ fetch, apiUrl: server.baseUrl, appToken: 'azGDORePK8gMaC0QOYAMyEEuzJnyUi' });
    const sent = await pushover.send({ channel: 'pushover', target: pushoverTarget({ userKey: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG' }) }, messageOf(incident));
    expect(sent.ok).toBe(true);
    const form = new URLSearchParams(server.requests[0]!.text);
    // The message is the redacted text; the signed Read/Acknowledge links follow it.
    expect(form.get('message')?.split('\n')[0]).toBe(REDACTED);
    expect(server.requests[0]!.text).not.toMatch(/Ransomware|host-7|edr-secret/);
  });

  it('reaches a (local) Web Push service redacted, inside the encrypted payload', async () => {
    server = await startRecordingServer(() => ({ status: 201, headers: { location: '/messages/1' } }));
    const subscriber = createTestSubscriber(`${server.baseUrl}/push/sub-1`);
    const push = createWebPushNotifier({ vapid: { ...generateVapidKeys(), subject: 'mailto:ops@klaxon.example' }, fetch });
    expect((await push.send({ channel: 'push', target: JSON.stringify(subscriber.subscription) }, messageOf(incident))).ok).toBe(true);
    const payload = decryptWebPush(subscriber, server.requests[0]!.body);
    expect(JSON.parse(payload).summary).toBe(REDACTED);
    expect(payload).not.toMatch(/Ransomware|host-7|edr-secret/);
  });
});

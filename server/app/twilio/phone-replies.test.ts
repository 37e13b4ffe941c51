import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from '../../../shared/schemas/page.js';
import { makeIncident, makePage, makeService, makeUser } from '../../adapters/store/contract/fixtures.js';
import { createStore } from '../../adapters/store/create-store.js';
import { pageCode } from '../../core/phone-replies/reply-code.js';
import type { Store } from '../ports/store.js';
import { createPhoneReplies } from './phone-replies.js';

const BOB = '+14155550101';
let store: Store;
let calls: string[];
let replies: ReturnType<typeof createPhoneReplies>;

beforeEach(async () => {
  store = await createStore(':memory:');
  calls = [];
  replies = createPhoneReplies({
    store,
    // The same commands as every other channel; the test records which were asked for.
    reads: {
      pageRead: async (userId, pageId) => (calls.push(`read ${userId} ${pageId}`), { ok: true, value: undefined }),
      fromLink: async (action, pageId) => (calls.push(`${action} ${pageId}`), { ok: true, value: undefined }),
    },
    escalator: { escalateNow: async (userId, incidentId) => (calls.push(`escalate ${userId} ${incidentId}`), { ok: true, value: undefined }) },
  });
  await store.upsertUser(makeUser({ id: 'bob', role: 'responder' }));
  await store.setContacts('bob', { phone: { number: BOB } }, new Date(0));
  await store.upsertUser(makeUser({ id: 'wally', role: 'threat-researcher' }));
  await store.setContacts('wally', { phone: { number: '+14155550109' } }, new Date(0));
});
afterEach(() => store.close());

/** An open incident with a sent page to `userId` on `channel`. */
async function paged(channel: Page['channel'], seconds: number, userId = 'bob', overrides: Partial<Page> = {}): Promise<Page> {
  const incident = await store.insertIncident(makeIncident({}, seconds));
  const page = makePage(incident.id, seconds, { userId, channel, state: 'sent', pageKey: `level-0:${userId}:${seconds}`, ...overrides });
  await store.insertPage(page);
  return page;
}

describe('SMS replies', () => {
  it('maps 1 to read, 2 to acknowledge and 3 to read then escalate, on the newest open SMS page', async () => {
    await paged('sms', 0);
    const newest = await paged('sms', 10);
    await paged('voice', 20);
    expect(await replies.fromSms(BOB, '1')).toBe('Klaxon knows you have read the page.');
    expect(await replies.fromSms(BOB, ' 2 ')).toBe('The incident is acknowledged.');
    expect(await replies.fromSms(BOB, '3')).toBe('Understood: the page is passed on to the next responder.');
    expect(calls).toEqual([`read bob ${newest.id}`, `acknowledge ${newest.id}`, `read bob ${newest.id}`, `escalate bob ${newest.incidentId}`]);
  });

  it("applies a reply with a code to the page carrying that code, even when it is not the newest", async () => {
    const older = await paged('sms', 0);
    await paged('sms', 10);
    expect(await replies.fromSms(BOB, `2 #${pageCode(older.id)}`)).toBe('The incident is acknowledged.');
    expect(calls).toEqual([`acknowledge ${older.id}`]);
  });

  it('answers an unknown sender, an unreadable reply, a stale code and no open page clearly, changing nothing', async () => {
    const read = await paged('sms', 0, 'bob', { state: 'read' });
    expect(await replies.fromSms('+14155550199', '2')).toBe('Klaxon does not know this number, so nothing was changed.');
    expect(await replies.fromSms(BOB, 'yes please')).toMatch(/^Klaxon did not understand that\. Reply 1 .* Nothing was changed\.$/);
    expect(await replies.fromSms(BOB, '4')).toMatch(/did not understand/);
    expect(await replies.fromSms(BOB, '1')).toBe('You have no open SMS page. Nothing was changed.');
    await paged('sms', 10);
    expect(await replies.fromSms(BOB, `2 ${pageCode(read.id)}`)).toBe(
      `Code ${pageCode(read.id)} matches none of your open pages (it may be read, passed on or resolved already). Nothing was changed.`,
    );
    expect(calls).toEqual([]);
  });

  it("refuses '3' from someone whose role may not escalate, after reading the page", async () => {
    const page = await paged('sms', 0, 'wally');
    expect(await replies.fromSms('+14155550109', '3')).toMatch(/^Klaxon could not do that: passing a page on needs a role that may act on incidents; you are threat-researcher\./);
    expect(calls).toEqual([`read wally ${page.id}`]);
  });
});

describe('call scripts and keys', () => {
  it('reads the summary and the keys for an open voice page, the redacted text for a confidential incident', async () => {
    await store.upsertService(makeService({ id: 'core-network', name: 'Core network' }));
    const open = await paged('voice', 0);
    expect(await replies.callScript(open.id)).toEqual({
      kind: 'gather',
      say: 'Klaxon page. high priority, on Core network. Disk full on db-1. Press 1 if you have read this. Press 2 to acknowledge the incident. Press 3 to escalate.',
    });
    const secret = await store.insertIncident(makeIncident({ confidential: true, summary: 'Exfiltration from PAY-01' }, 5));
    const page = makePage(secret.id, 5, { userId: 'bob', channel: 'voice', state: 'sent' });
    await store.insertPage(page);
    const script = await replies.callScript(page.id);
    expect(script.say).toContain('Confidential incident on Core network');
    expect(script.say).not.toMatch(/PAY-01|Exfiltration/);
  });

  it('says one sentence for a test call, an unknown page, an SMS page and a page already read', async () => {
    expect(await replies.callScript('test-123')).toMatchObject({ kind: 'say', say: expect.stringContaining('Klaxon test call') });
    expect(await replies.callScript('nope')).toEqual({ kind: 'say', say: 'Klaxon has no such page. Goodbye.' });
    expect(await replies.callScript((await paged('sms', 0)).id)).toEqual({ kind: 'say', say: 'Klaxon has no such page. Goodbye.' });
    expect(await replies.callScript((await paged('voice', 10, 'bob', { state: 'read' })).id)).toEqual({ kind: 'say', say: 'This page is no longer open. Nothing to do. Goodbye.' });
  });

  it('maps key 1 to read, 2 to acknowledge, 3 to escalate; other keys, other pages and closed pages change nothing', async () => {
    const page = await paged('voice', 0);
    expect(await replies.fromKey(page.id, '1')).toBe('Klaxon knows you have read the page.');
    expect(await replies.fromKey(page.id, '2')).toBe('The incident is acknowledged.');
    expect(await replies.fromKey(page.id, '3')).toBe('The incident is escalated.');
    expect(calls).toEqual([`read bob ${page.id}`, `acknowledge ${page.id}`, `read bob ${page.id}`, `escalate bob ${page.incidentId}`]);

    calls.length = 0;
    expect(await replies.fromKey(page.id, '9')).toBe('That key means nothing to Klaxon. Nothing was changed.');
    expect(await replies.fromKey(page.id, '')).toBe('That key means nothing to Klaxon. Nothing was changed.');
    expect(await replies.fromKey((await paged('sms', 10)).id, '2')).toBe('Klaxon has no such page. Nothing was changed.');
    expect(await replies.fromKey((await paged('voice', 20, 'bob', { state: 'read' })).id, '2')).toBe('This page is no longer open. Nothing was changed.');
    expect(calls).toEqual([]);
  });
});

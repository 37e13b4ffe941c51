import { expect, it } from 'vitest';
import type { StatusSubscriber, StatusUpdate } from '../../../../shared/schemas/status-update.js';
import type { ContractContext } from './context.js';
import { at } from './fixtures.js';

const subscriber = (id: string, overrides: Partial<StatusSubscriber> = {}): StatusSubscriber => ({
  id,
  name: `Person ${id}`,
  email: `${id}@client.example`,
  scope: 'service',
  scopeId: 'mail',
  createdAt: at(0).toISOString(),
  ...overrides,
});

const update = (id: string, incidentId: string, postedAt: Date, overrides: Partial<StatusUpdate> = {}): StatusUpdate => ({
  id,
  incidentId,
  stage: 'investigating',
  message: `Update ${id}`,
  postedBy: 'ann',
  postedAt: postedAt.toISOString(),
  recipients: 2,
  channels: 1,
  confidential: false,
  ...overrides,
});

/** Stakeholder status updates: subscribers per service or client, edited stage templates, posted updates. */
export function statusUpdatesContract(ctx: ContractContext): void {
  it('keeps subscribers ordered by scope, scope id and name, and removes one by id', async () => {
    await ctx.store.addStatusSubscriber(subscriber('b', { name: 'Zed' }));
    await ctx.store.addStatusSubscriber(subscriber('a', { name: 'Amy' }));
    await ctx.store.addStatusSubscriber(subscriber('c', { scope: 'client', scopeId: 'acme' }));
    expect((await ctx.store.listStatusSubscribers()).map((s) => s.id)).toEqual(['c', 'a', 'b']);
    expect((await ctx.store.listStatusSubscribers())[0]).toEqual(subscriber('c', { scope: 'client', scopeId: 'acme' }));
    expect(await ctx.store.deleteStatusSubscriber('a')).toBe(true);
    expect(await ctx.store.deleteStatusSubscriber('a')).toBe(false);
    expect((await ctx.store.listStatusSubscribers()).map((s) => s.id)).toEqual(['c', 'b']);
  });

  it('saves one template per stage, replacing the earlier words', async () => {
    expect(await ctx.store.listStatusTemplates()).toEqual([]);
    await ctx.store.putStatusTemplate({ stage: 'identified', subject: 'S1', body: 'B1', updatedAt: at(10), updatedBy: 'ann' });
    await ctx.store.putStatusTemplate({ stage: 'identified', subject: 'S2', body: 'B2', updatedAt: at(20), updatedBy: 'bob' });
    await ctx.store.putStatusTemplate({ stage: 'resolved', subject: 'R', body: 'Done', updatedAt: at(30), updatedBy: 'ann' });
    expect(await ctx.store.listStatusTemplates()).toEqual([
      { stage: 'identified', subject: 'S2', body: 'B2', updatedAt: at(20), updatedBy: 'bob' },
      { stage: 'resolved', subject: 'R', body: 'Done', updatedAt: at(30), updatedBy: 'ann' },
    ]);
  });

  it('records updates and lists an incident\'s oldest first, with the confidential flag and counts intact', async () => {
    await ctx.store.addStatusUpdate(update('u2', 'i1', at(20), { stage: 'identified', confidential: true, recipients: 0, channels: 3 }));
    await ctx.store.addStatusUpdate(update('u1', 'i1', at(10)));
    await ctx.store.addStatusUpdate(update('u3', 'i2', at(5)));
    expect((await ctx.store.listStatusUpdates('i1')).map((u) => u.id)).toEqual(['u1', 'u2']);
    expect(await ctx.store.getStatusUpdate('u2')).toEqual(update('u2', 'i1', at(20), { stage: 'identified', confidential: true, recipients: 0, channels: 3 }));
    expect(await ctx.store.getStatusUpdate('nope')).toBeUndefined();
    expect(await ctx.store.listStatusUpdates('i9')).toEqual([]);
  });
}

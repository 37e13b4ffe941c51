import { expect, it } from 'vitest';
import type { ContractContext } from './context.js';
import { makeAlert, makeEvent, makeIncident } from './fixtures.js';

/** Alerts and timeline events of an incident. */
export function historyContract(ctx: ContractContext): void {
  it('lists alerts in arrival order, the latest `limit` of them', async () => {
    const incident = await ctx.store.insertIncident(makeIncident());
    const other = await ctx.store.insertIncident(makeIncident());
    // Arrival order wins over the received time a source reported.
    const alerts = [makeAlert(incident.id, 50), makeAlert(incident.id, 10), makeAlert(incident.id, 30)];
    for (const alert of alerts) await ctx.store.insertAlert(alert);
    await ctx.store.insertAlert(makeAlert(other.id, 0));
    expect(await ctx.store.listAlerts(incident.id, 10)).toEqual(alerts);
    expect(await ctx.store.listAlerts(incident.id, 2)).toEqual(alerts.slice(1));
    expect(await ctx.store.listAlerts('nope', 10)).toEqual([]);
  });

  it('keeps any JSON payload of an alert, and an absent one', async () => {
    const incident = await ctx.store.insertIncident(makeIncident());
    const payloads: unknown[] = ['text', 42, null, [1, 'two'], { a: { b: [true, null] }, 'ü ✓': 'unicode' }];
    for (const payload of payloads) await ctx.store.insertAlert(makeAlert(incident.id, 0, { payload }));
    await ctx.store.insertAlert(makeAlert(incident.id, 0, { payload: undefined }));
    const stored = await ctx.store.listAlerts(incident.id, 100);
    expect(stored.map((a) => a.payload)).toEqual([...payloads, undefined]);
  });

  it('refuses an alert of an unknown incident', async () => {
    await expect(ctx.store.insertAlert(makeAlert('nope'))).rejects.toThrow();
  });

  it('lists the timeline in time order, and events of one instant in append order', async () => {
    const incident = await ctx.store.insertIncident(makeIncident());
    const source = { type: 'source' as const, id: null };
    const opened = makeEvent(incident.id, 0, { type: 'incident.opened', actor: source, data: {} });
    const paged = makeEvent(incident.id, 10, { type: 'page.sent', actor: { type: 'system', id: null } });
    const read = makeEvent(incident.id, 10, { type: 'page.read', data: { pageId: 'p1' } });
    const delivered = makeEvent(incident.id, 5, { type: 'page.delivered', data: { pageId: 'p1' } });
    for (const event of [opened, paged, read, delivered]) await ctx.store.appendTimeline(event);
    expect(await ctx.store.listTimeline(incident.id)).toEqual([opened, delivered, paged, read]);
    expect(await ctx.store.listTimeline('nope')).toEqual([]);
  });

  it('refuses a timeline event of an unknown incident', async () => {
    await expect(ctx.store.appendTimeline(makeEvent('nope'))).rejects.toThrow();
  });
}

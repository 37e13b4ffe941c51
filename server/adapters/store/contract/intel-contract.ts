import { expect, it } from 'vitest';
import type { IndicatorRecord, LinkViewer } from '../../../app/ports/intel-store.js';
import type { ContractContext } from './context.js';
import { at, iso, makeIncident, makeUser } from './fixtures.js';

/** An indicator row with every field set. */
function makeIndicator(overrides: Partial<IndicatorRecord> = {}): IndicatorRecord {
  return {
    id: 'ind-1',
    type: 'ip',
    value: '203.0.113.7',
    tags: ['botnet', 'c2'],
    confidence: 80,
    source: 'Feed A',
    firstSeenAt: iso(0),
    lastSeenAt: iso(0),
    expiresAt: null,
    notes: 'Seen in the March campaign',
    visibility: 'team',
    createdBy: 'rita',
    createdAt: iso(0),
    updatedAt: iso(0),
    ...overrides,
  };
}

const manager: LinkViewer = { userId: 'alice', seesAll: true };
const analyst: LinkViewer = { userId: 'tom', seesAll: false };

/** Threat-intelligence indicators: rows unique on type and value, filters, links with need-to-know. */
export function intelContract(ctx: ContractContext): void {
  it('round-trips an indicator, replaces it by id, finds it by type and value, and refuses a second row with the same pair', async () => {
    await ctx.store.saveIndicator(makeIndicator());
    expect(await ctx.store.getIndicator('ind-1', manager)).toEqual({ ...makeIndicator(), incidentIds: [] });
    const changed = makeIndicator({ tags: [], confidence: 10, notes: '', expiresAt: iso(60), updatedAt: iso(30) });
    await ctx.store.transaction((tx) => tx.saveIndicator(changed));
    expect(await ctx.store.findIndicator('ip', '203.0.113.7')).toEqual(changed);
    expect(await ctx.store.findIndicator('domain', '203.0.113.7')).toBeUndefined();
    await expect(ctx.store.saveIndicator(makeIndicator({ id: 'ind-2' }))).rejects.toMatchObject({ name: 'StoreConflictError' });
    expect(await ctx.store.getIndicator('ind-2', manager)).toBeUndefined();
  });

  it('filters by type, tag, text, visibility and liveness, ordered by type and value, with a limit', async () => {
    await ctx.store.saveIndicator(makeIndicator({ id: 'a', type: 'domain', value: 'evil.example', tags: ['phish'], notes: 'Lure 50% off' }));
    await ctx.store.saveIndicator(makeIndicator({ id: 'b', type: 'domain', value: 'bad.example', tags: ['c2'], visibility: 'restricted' }));
    await ctx.store.saveIndicator(makeIndicator({ id: 'c', type: 'ip', value: '198.51.100.1', tags: ['c2'], expiresAt: iso(100) }));
    await ctx.store.saveIndicator(makeIndicator({ id: 'd', type: 'text', value: 'ransom_note', tags: ['c2x'], source: 'Case INC-7' }));
    const ids = async (filter: Parameters<typeof ctx.store.listIndicators>[0]) => (await ctx.store.listIndicators(filter, manager)).map((i) => i.id);
    expect(await ids({})).toEqual(['b', 'a', 'c', 'd']);
    expect(await ids({ type: 'domain' })).toEqual(['b', 'a']);
    expect(await ids({ tag: 'c2' })).toEqual(['b', 'c']);
    expect(await ids({ tag: 'C2' })).toEqual(['b', 'c']);
    expect(await ids({ tag: 'c%' })).toEqual([]);
    expect(await ids({ q: 'EVIL' })).toEqual(['a']);
    expect(await ids({ q: '50%' })).toEqual(['a']);
    expect(await ids({ q: 'n_no' })).toEqual([]);
    expect(await ids({ q: 'inc-7' })).toEqual(['d']);
    expect(await ids({ visibility: ['team'] })).toEqual(['a', 'c', 'd']);
    expect(await ids({ liveAt: at(100) })).toEqual(['b', 'a', 'd']);
    expect(await ids({ liveAt: at(99) })).toEqual(['b', 'a', 'c', 'd']);
    expect(await ids({ limit: 2 })).toEqual(['b', 'a']);
    expect((await ctx.store.listLiveIndicators(at(100))).map((i) => i.id).sort()).toEqual(['a', 'b', 'd']);
  });

  it('links incidents once, hides links to confidential incidents from who may not know them, and deletes links with the indicator', async () => {
    await ctx.store.saveIndicator(makeIndicator());
    const open = await ctx.store.insertIncident(makeIncident({}, 0));
    const secret = await ctx.store.insertIncident(makeIncident({ confidential: true }, 1));
    const known = await ctx.store.insertIncident(makeIncident({ confidential: true }, 2));
    await ctx.store.upsertUser(makeUser({ id: 'tom', email: 'tom@example.com', role: 'triage-analyst' }));
    await ctx.store.addNeedToKnow({ incidentId: known.id, userId: 'tom', addedBy: 'alice', addedAt: at(3) });
    expect(await ctx.store.linkIndicators([open, secret, known].map((i) => ({ indicatorId: 'ind-1', incidentId: i.id, linkedAt: at(5) })))).toBe(3);
    expect(await ctx.store.linkIndicators([{ indicatorId: 'ind-1', incidentId: open.id, linkedAt: at(9) }])).toBe(0);
    expect(await ctx.store.linkIndicators([])).toBe(0);
    expect((await ctx.store.getIndicator('ind-1', manager))?.incidentIds).toEqual([open.id, secret.id, known.id].sort());
    expect((await ctx.store.getIndicator('ind-1', analyst))?.incidentIds).toEqual([open.id, known.id].sort());
    expect((await ctx.store.listIndicators({}, { userId: 'eve', seesAll: false }))[0]?.incidentIds).toEqual([open.id]);
    expect(await ctx.store.deleteIndicator('ind-1')).toBe(true);
    expect(await ctx.store.deleteIndicator('ind-1')).toBe(false);
    await ctx.store.saveIndicator(makeIndicator());
    expect((await ctx.store.getIndicator('ind-1', manager))?.incidentIds).toEqual([]);
  });

  it('moves last seen forward only', async () => {
    await ctx.store.saveIndicator(makeIndicator({ id: 'x', value: '192.0.2.1', lastSeenAt: iso(50) }));
    await ctx.store.saveIndicator(makeIndicator({ id: 'y', value: '192.0.2.2', lastSeenAt: iso(10) }));
    await ctx.store.touchIndicators(['x', 'y'], at(20));
    expect((await ctx.store.findIndicator('ip', '192.0.2.1'))?.lastSeenAt).toBe(iso(50));
    expect((await ctx.store.findIndicator('ip', '192.0.2.2'))?.lastSeenAt).toBe(iso(20));
  });
}

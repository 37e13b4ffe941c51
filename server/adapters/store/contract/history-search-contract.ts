import { expect, it } from 'vitest';
import type { IncidentSearch, IncidentSearchPage } from '../../../app/ports/history-store.js';
import type { IncidentDraft } from '../../../app/ports/store.js';
import { emptyFields, freshStamps } from '../../../core/postmortem/field-edit.js';
import { parseSearchText, type SearchText } from '../../../core/history/search-syntax.js';
import type { ContractContext } from './context.js';
import { at, iso, makeAlert, makeEvent, makeIncident, makeUser } from './fixtures.js';

const text = (q: string): SearchText => parseSearchText(q) as SearchText;

/**
 * Five incidents whose words sit in different places: A's summary and one alert's payload, B's note,
 * C's alert payload, D's summary (confidential, known to nina), E's post-mortem.
 */
async function seed(ctx: ContractContext): Promise<void> {
  const store = ctx.store;
  for (const id of ['bob', 'nina']) await store.upsertUser(makeUser({ id, email: `${id}@example.com` }));
  const incident = (id: string, seconds: number, overrides: Partial<IncidentDraft>) =>
    store.insertIncident(makeIncident({ id, summary: 'Nothing to see', source: 'monitor', ...overrides }, seconds));
  await incident('h-a', 0, { summary: 'Disk full on db-1', source: 'zabbix', status: 'resolved', resolvedAt: iso(50), triageVerdict: 'confirmed', clientId: 'acme', triageAssignee: 'bob' });
  await store.insertAlert(makeAlert('h-a', 0, { summary: 'Disk full on db-1', payload: { details: { host: 'db-1', note: 'Kraken process wrote 40 GB' }, count: 3 } }));
  await incident('h-b', 100, { summary: 'CPU high on web-2', priority: 'medium', serviceId: 'web', triageVerdict: 'false_positive' });
  await store.appendTimeline(makeEvent('h-b', 110, { data: { text: 'Old disk replaced by the vendor' } }));
  await incident('h-c', 200, { summary: 'Backup failed', priority: 'low', forensicAssignee: 'bob' });
  await store.insertAlert(makeAlert('h-c', 200, { summary: 'Backup failed', payload: { reason: 'target disk offline' } }));
  await incident('h-d', 300, { summary: 'Disk exfiltration suspected at Café Noir', confidential: true, clientId: 'globex' });
  await store.addNeedToKnow({ incidentId: 'h-d', userId: 'nina', addedBy: 'alice', addedAt: at(310) });
  await incident('h-e', 400, { summary: 'Printer jam', priority: 'medium', status: 'resolved', resolvedAt: iso(450) });
  await store.insertPostmortem({
    id: 'pm-e', incidentIds: ['h-e'], state: 'draft', reason: 'manual', dueAt: null,
    fields: { ...emptyFields(), rootCause: 'The disk controller firmware hung the spooler' }, stamps: freshStamps(),
    digest: null, createdAt: at(460), updatedAt: at(460), reviewRequestedBy: null, signedOffBy: null, signedOffAt: null, version: 1,
  });
}

const search = (ctx: ContractContext, q: string | undefined, overrides: Partial<IncidentSearch> = {}): Promise<IncidentSearchPage> =>
  ctx.store.searchIncidents({
    ...(q === undefined ? {} : { text: text(q) }),
    filter: {},
    sort: q === undefined ? 'newest' : 'relevance',
    limit: 50,
    visibleTo: 'bob',
    ...overrides,
  });

const ids = (page: IncidentSearchPage) => page.hits.map((h) => h.incident.id);

/** The history search: the same incidents in the same order on every engine, need-to-know inside the query. */
export function historySearchContract(ctx: ContractContext): void {
  it('ranks by where the words occur (summary 3, note or post-mortem 2, alert 1), then newest, then id', async () => {
    await seed(ctx);
    const page = await search(ctx, 'disk');
    expect(ids(page)).toEqual(['h-a', 'h-e', 'h-b', 'h-c']);
    expect(page.hits.map((h) => h.score)).toEqual([3, 2, 2, 1]);
    expect(page.total).toBe(4);
    expect(page.facets).toEqual({
      priority: { high: 1, low: 1, medium: 2 },
      service: { 'core-network': 3, web: 1 },
      client: { acme: 1, none: 3 },
      verdict: { confirmed: 1, false_positive: 1, none: 2 },
    });
    expect(page.next).toBeUndefined();
    expect(page.hits.map((h) => h.matchedText)).toEqual([
      'Disk full on db-1\nzabbix',
      'The disk controller firmware hung the spooler',
      'Old disk replaced by the vendor',
      'Backup failed\ndb-1.example.com\ntarget disk offline',
    ]);
  });

  it('keeps a confidential incident out of the results and the facet counts of people not on its list', async () => {
    await seed(ctx);
    for (const q of ['disk', 'exfiltration', 'cafe', 'exfil*']) expect(ids(await search(ctx, q))).not.toContain('h-d');
    expect((await search(ctx, 'disk')).facets.client.globex).toBeUndefined();
    expect((await search(ctx, undefined)).total).toBe(4);
    const nina = await search(ctx, 'disk', { visibleTo: 'nina' });
    expect(ids(nina)).toEqual(['h-d', 'h-a', 'h-e', 'h-b', 'h-c']);
    expect(nina.facets.client).toEqual({ acme: 1, globex: 1, none: 3 });
    expect(ids(await search(ctx, 'disk', { visibleTo: null }))).toEqual(ids(nina));
    expect(ids(await search(ctx, 'CAFÉ exfil*', { visibleTo: 'nina' }))).toEqual(['h-d']);
  });

  it('requires every word, excludes "-word", matches prefixes and words split at punctuation', async () => {
    await seed(ctx);
    expect(ids(await search(ctx, 'kraken'))).toEqual(['h-a']);
    expect(ids(await search(ctx, 'disk full'))).toEqual(['h-a']);
    expect(ids(await search(ctx, 'disk -backup -printer'))).toEqual(['h-a', 'h-b']);
    expect(ids(await search(ctx, 'DB-1'))).toEqual(['h-a', 'h-c']);
    expect(ids(await search(ctx, 'firm*'))).toEqual(['h-e']);
    expect(ids(await search(ctx, 'nowhere'))).toEqual([]);
    expect(ids(await search(ctx, '-disk'))).toEqual([]);
    // `any`: ranked by the summed weights of the words found (similar incidents use it).
    const any = await search(ctx, 'printer disk kraken', { match: 'any' });
    expect(ids(any)).toEqual(['h-e', 'h-a', 'h-b', 'h-c']);
    expect(any.hits.map((h) => h.score)).toEqual([5, 4, 2, 1]);
    expect(ids(await search(ctx, 'printer disk', { match: 'any', filter: { excludeIds: ['h-e'] } }))).toEqual(['h-a', 'h-b', 'h-c']);
  });

  it('filters by status, priority, service, client, verdict, assignee and first-seen range, and sorts', async () => {
    await seed(ctx);
    const filtered = async (filter: IncidentSearch['filter'], sort: IncidentSearch['sort'] = 'newest') => ids(await search(ctx, undefined, { filter, sort }));
    expect(await filtered({})).toEqual(['h-e', 'h-c', 'h-b', 'h-a']);
    expect(await filtered({}, 'oldest')).toEqual(['h-a', 'h-b', 'h-c', 'h-e']);
    expect(await filtered({}, 'priority')).toEqual(['h-a', 'h-e', 'h-b', 'h-c']);
    expect(await filtered({}, 'relevance')).toEqual(['h-e', 'h-c', 'h-b', 'h-a']);
    expect(await filtered({ status: 'resolved' })).toEqual(['h-e', 'h-a']);
    expect(await filtered({ status: 'open' })).toEqual(['h-c', 'h-b']);
    expect(await filtered({ status: 'triggered', priority: 'low' })).toEqual(['h-c']);
    expect(await filtered({ serviceId: 'web' })).toEqual(['h-b']);
    expect(await filtered({ clientId: 'acme' })).toEqual(['h-a']);
    expect(await filtered({ clientId: 'globex' })).toEqual([]);
    expect(await filtered({ verdict: 'none' })).toEqual(['h-e', 'h-c']);
    expect(await filtered({ verdict: 'false_positive' })).toEqual(['h-b']);
    expect(await filtered({ assignee: 'bob' })).toEqual(['h-c', 'h-a']);
    expect(await filtered({ teamId: 'noc', fromMs: at(100).getTime(), toMs: at(400).getTime() })).toEqual(['h-c', 'h-b']);
  });

  it('walks every match exactly once page by page, in every sort, ties broken by id', async () => {
    await seed(ctx);
    // Four more with the same first-seen time: only the id orders them.
    for (const id of ['t-3', 't-1', 't-4', 't-2']) await ctx.store.insertIncident(makeIncident({ id, summary: 'disk tie' }, 500));
    for (const sort of ['relevance', 'newest', 'oldest', 'priority'] as const) {
      const whole = ids(await search(ctx, 'disk', { sort, visibleTo: null }));
      expect(whole).toHaveLength(9);
      const walked: string[] = [];
      let page = await search(ctx, 'disk', { sort, visibleTo: null, limit: 2 });
      for (;;) {
        walked.push(...ids(page));
        expect(page.total).toBe(9);
        if (!page.next) break;
        page = await search(ctx, 'disk', { sort, visibleTo: null, limit: 2, after: page.next });
      }
      expect(walked).toEqual(whole);
    }
    expect(ids(await search(ctx, 'tie', { sort: 'newest' }))).toEqual(['t-4', 't-3', 't-2', 't-1']);
    expect(ids(await search(ctx, 'tie', { sort: 'oldest' }))).toEqual(['t-1', 't-2', 't-3', 't-4']);
  });

  it('keeps the index current: a changed summary, notes written in a batch, an edited post-mortem, all inside the transaction', async () => {
    await seed(ctx);
    await ctx.store.updateIncident('h-c', { summary: 'Backup failed on tape drive' });
    expect(ids(await search(ctx, 'tape'))).toEqual(['h-c']);
    await ctx.store.transaction((tx) => tx.appendTimelines([makeEvent('h-b', 120, { data: { text: 'Zeppelin dashboard attached' } })]));
    expect(ids(await search(ctx, 'zeppelin'))).toEqual(['h-b']);
    const pm = (await ctx.store.getPostmortem('pm-e'))!;
    expect(await ctx.store.updatePostmortem({ ...pm, fields: { ...pm.fields, rootCause: 'A toner sensor failed' }, version: 2 }, 1)).toBe(true);
    expect(ids(await search(ctx, 'controller'))).toEqual([]);
    expect(ids(await search(ctx, 'toner'))).toEqual(['h-e']);
    // A rolled-back write leaves nothing in the index.
    await expect(
      ctx.store.transaction(async (tx) => {
        await tx.insertIncident(makeIncident({ id: 'h-x', summary: 'Walrus sighting' }, 600));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(ids(await search(ctx, 'walrus'))).toEqual([]);
  });

  it('keeps saved searches: own and shared ones listed by name, removed by id', async () => {
    const saved = (id: string, ownerId: string, name: string, shared: boolean) => ({ id, name, query: `q=${name}`, ownerId, shared, createdAt: iso(0) });
    await ctx.store.insertSavedSearch(saved('s1', 'bob', 'zebra', false));
    await ctx.store.insertSavedSearch(saved('s2', 'ann', 'alpha', true));
    await ctx.store.insertSavedSearch(saved('s3', 'ann', 'private', false));
    expect((await ctx.store.listSavedSearches('bob')).map((s) => s.id)).toEqual(['s2', 's1']);
    expect(await ctx.store.getSavedSearch('s2')).toEqual(saved('s2', 'ann', 'alpha', true));
    expect(await ctx.store.deleteSavedSearch('s2')).toBe(true);
    expect(await ctx.store.deleteSavedSearch('s2')).toBe(false);
    expect(await ctx.store.getSavedSearch('s2')).toBeUndefined();
  });
}

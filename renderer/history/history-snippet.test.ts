import { createPinia } from 'pinia';
import PrimeVue from 'primevue/config';
import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { facetEntries, snippetRuns, sortChoices, totalText } from './history-format.js';
import HistoryResults from './HistoryResults.vue';
import HistorySnippet from './HistorySnippet.vue';
import { historyPageFixture } from './testing/history-fixture.js';
import { ClockServicesKey } from '../time/clock-services.js';

/** Renders a component to HTML (server rendering: no DOM needed). */
async function html(component: object, props: Record<string, unknown>): Promise<string> {
  const app = createSSRApp({ render: () => h(component, props) });
  app.use(PrimeVue, { theme: 'none' });
  // The viewer's clock: a fixed zone, so the times in the rows do not depend on the machine.
  app.provide(ClockServicesKey, { storage: null, now: () => new Date('2026-11-28T12:00:00Z'), browserZone: () => 'Asia/Kolkata', every: () => () => undefined });
  app.use(createPinia());
  return (await renderToString(app)).replace(/ data-v-[0-9a-f]+/g, '').replace(/<!--[\s\S]*?-->/g, '');
}

describe('snippets', () => {
  it('joins runs of the same kind and drops empty ones', () => {
    expect(
      snippetRuns([
        { text: 'a ', match: false },
        { text: '', match: true },
        { text: 'b', match: false },
        { text: 'disk', match: true },
        { text: ' full', match: true },
      ]),
    ).toEqual([
      { text: 'a b', match: false },
      { text: 'disk full', match: true },
    ]);
  });

  it('marks the matched words and renders the payload text as text, never as markup', async () => {
    const markup = await html(HistorySnippet, { parts: historyPageFixture().snippets['inc-1'] });
    expect(markup).toContain('…volume <mark>zanzibar</mark> &lt;img src=x onerror=alert(1)&gt; at 99%…');
    expect(markup).not.toContain('<img');
  });

  it('shows each result with its snippet, names from the filter lists, and "—" for what is unknown', async () => {
    const page = historyPageFixture();
    const options = { teams: [], services: [{ value: 'db', label: 'Database' }], clients: [{ value: 'acme', label: 'Acme Ltd' }], responders: [] };
    const markup = await html(HistoryResults, { incidents: page.incidents, snippets: page.snippets, options });
    const rows = [...markup.matchAll(/<tr[^>]*data-testid="history-row"[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()),
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]!.slice(2, 5)).toEqual(['Disk full on db-1 …volume zanzibar &lt;img src=x onerror=alert(1)&gt; at 99%…', 'Database', 'Acme Ltd']);
    expect(rows[0]![7]).toBe('Confirmed');
    expect(rows[0]![5]).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d UTC\+5:30$/);
    expect(rows[1]!.slice(3, 5)).toEqual(['backup', '—']);
    expect(rows[1]![7]).toBe('—');
    expect(markup).toContain('<mark>zanzibar</mark>');
    // Only the first row is in the tab order; arrows move between rows.
    expect([...markup.matchAll(/tabindex="(-?\d)"/g)].map((m) => m[1])).toEqual(['0', '-1']);
  });
});

describe('facets and the page head', () => {
  it('lists priorities high to low and the rest busiest first, with names', () => {
    const page = historyPageFixture();
    expect(facetEntries('priority', page.facets.priority, []).map((e) => `${e.label} ${e.count}`)).toEqual(['High 2', 'Low 1']);
    expect(facetEntries('service', page.facets.service, [{ value: 'db', label: 'Database' }]).map((e) => e.label)).toEqual(['Database', 'backup']);
    expect(facetEntries('verdict', page.facets.verdict, []).map((e) => [e.label, e.narrows])).toEqual([
      ['No verdict', true],
      ['Confirmed', true],
    ]);
  });

  it('lists incidents without a client but cannot narrow to them', () => {
    const entries = facetEntries('client', { acme: 2, none: 1, gone: 0 }, []);
    expect(entries.map((e) => [e.label, e.narrows])).toEqual([
      ['acme', true],
      ['No client', false],
    ]);
  });

  it('offers "best match" only with search words, and counts in words', () => {
    expect(sortChoices(false).map((s) => s.value)).toEqual(['newest', 'oldest', 'priority']);
    expect(sortChoices(true)[0]!.value).toBe('relevance');
    expect(totalText(1)).toBe('1 incident');
    expect(totalText(1234)).toBe(`${(1234).toLocaleString()} incidents`);
  });
});

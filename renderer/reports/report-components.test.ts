import PrimeVue from 'primevue/config';
import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import ReportChartCard from './ReportChartCard.vue';
import ReportKpis from './ReportKpis.vue';
import ReportTable from './ReportTable.vue';
import { incidentsPerDay, pagesPerResponder } from './report-charts.js';
import { respondersTable } from './report-tables.js';
import { reportFixture } from './testing/report-fixture.js';

/** Renders a component to HTML (server rendering: no DOM needed, mounted hooks such as Chart.js's do not run). */
async function html(component: object, props: Record<string, unknown>): Promise<string> {
  const app = createSSRApp({ render: () => h(component, props) });
  app.use(PrimeVue, { theme: 'none' });
  // Scoped styles' attributes say nothing about the content.
  return (await renderToString(app)).replace(/ data-v-[0-9a-f]+/g, '');
}

/** The text of each cell of each body row of the first table in `markup`. */
function bodyRows(markup: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(markup)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<!--[\s\S]*?-->/g, '').trim()),
  );
}

describe('report components', () => {
  it('gives a chart a toggle and, for screen readers, the table of the same numbers', async () => {
    const markup = await html(ReportChartCard, { data: incidentsPerDay(reportFixture()), emptyText: 'none' });
    expect(markup).toContain('aria-pressed="false"');
    expect(markup).toContain('Show table');
    expect(markup).toMatch(/<canvas[^>]*role="img"/);
    expect(markup).toMatch(/<caption[^>]*>\s*Incidents per day\s*<\/caption>/);
    expect(markup).toContain('report-card__sr');
    expect(bodyRows(markup).map((r) => r.slice(1))).toEqual([
      ['2', '1', '0'],
      ['0', '0', '0'],
      ['3', '1', '2'],
    ]);
  });

  it('says a chart has nothing to draw instead of an empty canvas', async () => {
    const empty = reportFixture((r) => (r.responders = []));
    const markup = await html(ReportChartCard, { data: pagesPerResponder(empty), emptyText: 'Nobody was paged in this range.' });
    expect(markup).toContain('Nobody was paged in this range.');
    expect(markup).not.toContain('<canvas');
    expect(markup).not.toContain('Show table');
  });

  it('renders a table with header cells for columns and rows', async () => {
    const markup = await html(ReportTable, { table: respondersTable(reportFixture().responders) });
    expect(markup).toContain('<th scope="col" class="">Responder</th>');
    expect(bodyRows(markup)[0]).toEqual(['Bob', '12', 'Phone 9, E-mail 3', '11', '1m / 5m', '4', '2', '72 h', '3', '1', 'UTC']);
    const none = await html(ReportTable, { table: respondersTable([]), emptyText: 'Nobody was paged in this range.' });
    expect(bodyRows(none)).toEqual([['Nobody was paged in this range.']]);
  });

  it('shows the KPI tiles', async () => {
    const markup = await html(ReportKpis, { report: reportFixture() });
    expect(markup).toMatch(/data-testid="kpi-incidents"[\s\S]*?<strong[^>]*>9<\/strong>/);
    expect(markup).toMatch(/data-testid="kpi-could-have-waited"[\s\S]*?<strong[^>]*>11%<\/strong>/);
  });
});

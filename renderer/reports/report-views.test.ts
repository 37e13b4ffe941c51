import { describe, expect, it } from 'vitest';
import { barChartConfig, durationUnit, incidentsPerDay, interruptionsPerResponder, pagesPerResponder, PRINT_PALETTE, responseTimesByTeam } from './report-charts.js';
import { ruleHintText } from './report-format.js';
import { kpiTiles } from './report-kpis.js';
import { breakdownTables, chartTable, respondersTable } from './report-tables.js';
import { figures, reportFixture } from './testing/report-fixture.js';

describe('report charts and their table views', () => {
  it('stacks incidents per day by priority, and the table says the same numbers', () => {
    const chart = incidentsPerDay(reportFixture());
    expect(chart.series.map((s) => s.label)).toEqual(['High', 'Medium', 'Low']);
    expect(chart.series.map((s) => s.values)).toEqual([
      [2, 0, 3],
      [1, 0, 1],
      [0, 0, 2],
    ]);
    const config = barChartConfig(chart);
    expect(config.options?.scales?.y).toMatchObject({ stacked: true, beginAtZero: true });
    expect(config.options?.animation).toBe(false);
    expect(config.data.datasets.map((d) => d.data)).toEqual(chart.series.map((s) => s.values));

    const table = chartTable(chart);
    expect(table.columns.map((c) => c.label)).toEqual(['Day (UTC)', 'High', 'Medium', 'Low']);
    expect(table.rows.map((r) => Object.values(r.cells))).toEqual([
      [chart.categories[0], '2', '1', '0'],
      [chart.categories[1], '0', '0', '0'],
      [chart.categories[2], '3', '1', '2'],
    ]);
  });

  it('draws response times by team in a readable unit and tables them as human durations', () => {
    const chart = responseTimesByTeam(reportFixture());
    expect(chart.categories).toEqual(['Security', 'NOC']);
    const config = barChartConfig(chart);
    // The longest time is 3h 10m, so the chart is in hours; Security has no acknowledge times (null, not 0).
    expect(config.options?.scales?.y).toMatchObject({ title: { text: 'hours' } });
    expect(config.data.datasets[5]!.data).toEqual([null, 3.2]);
    expect(config.data.datasets[2]!.data).toEqual([null, 0.1]);
    expect(durationUnit([30_000, null, 90_000])).toEqual({ label: 'seconds', ms: 1000 });
    expect(durationUnit([9 * 60_000])).toEqual({ label: 'minutes', ms: 60_000 });
    const nocRow = chartTable(chart).rows[1]!.cells;
    expect(nocRow).toMatchObject({ category: 'NOC', s0: '2m', s1: '9m', s4: '1h 02m', s5: '3h 10m' });
    expect(chartTable(chart).rows[0]!.cells.s2).toBe('—');
  });

  it('stacks pages by the channels used, and lists night and weekend interruptions', () => {
    const report = reportFixture();
    const pages = pagesPerResponder(report);
    expect(pages.series.map((s) => [s.label, s.values])).toEqual([
      ['Phone', [2, 9]],
      ['E-mail', [0, 3]],
    ]);
    const nights = interruptionsPerResponder(report);
    expect(nights.series.map((s) => s.values)).toEqual([
      [0, 4],
      [1, 2],
    ]);
  });

  it('uses the paper palette when printed', () => {
    const config = barChartConfig(incidentsPerDay(reportFixture()), PRINT_PALETTE);
    expect(config.data.datasets[0]!.backgroundColor).toBe(PRINT_PALETTE.series.high);
    expect(config.options?.plugins?.legend?.labels?.color).toBe(PRINT_PALETTE.text);
  });
});

describe('report tables and tiles', () => {
  it('lists breakdowns busiest first with rates as percentages', () => {
    const [byTeam, byService, byClient, byPriority] = breakdownTables(reportFixture());
    expect(byTeam!.rows.map((r) => r.cells.name)).toEqual(['NOC', 'Security']);
    expect(byTeam!.rows[0]!.cells).toMatchObject({ incidents: '7', high: '4', read: '2m / 9m', escalation: '29%', falsePositive: '43%' });
    expect(byTeam!.rows[1]!.cells).toMatchObject({ ack: '— / —', resolve: '— / —' });
    expect(byService!.caption).toBe('By service');
    expect(byClient!.rows[0]!.cells.name).toBe('No client');
    expect(byPriority!.rows.map((r) => r.key)).toEqual(['high', 'medium', 'low']);
    expect(byPriority!.rows.map((r) => r.cells.name)).toEqual(['High', 'Medium', 'Low']);
  });

  it('lists responders most paged first with channels, hours and action items', () => {
    const table = respondersTable(reportFixture().responders);
    expect(table.rows.map((r) => r.key)).toEqual(['bob', 'cara']);
    expect(table.rows[0]!.cells).toMatchObject({ pages: '12', channels: 'Phone 9, E-mail 3', read: '11', night: '4', weekend: '2', onCall: '72 h', open: '3', overdue: '1' });
    expect(table.rows[1]!.cells).toMatchObject({ onCall: '7.5 h', zone: 'Europe/Berlin', timeToRead: '1m / 1m' });
  });

  it('phrases a rule hint as a hint to demote', () => {
    expect(ruleHintText({ rule: 'db-prod#2', incidents: 9, falsePositives: 7, couldHaveWaited: 0 })).toBe(
      'rule db-prod#2 — 7 of 9 incidents false positives: consider demoting',
    );
    expect(ruleHintText({ rule: 'web#1', incidents: 4, falsePositives: 1, couldHaveWaited: 2 })).toBe(
      'rule web#1 — 1 of 4 incidents false positives, 2 of 4 could have waited: consider demoting',
    );
  });

  it('fills the KPI tiles from the totals', () => {
    const tiles = Object.fromEntries(kpiTiles(reportFixture()).map((t) => [t.id, t]));
    expect(tiles.incidents).toMatchObject({ value: '9', detail: 'high 5 · medium 2 · low 2' });
    expect(tiles['time-to-read']).toMatchObject({ value: '2m', detail: 'mean of 8 · p50 1m · p90 9m' });
    expect(tiles['time-to-resolve']!.value).toBe('1h 35m');
    expect(tiles['false-positive']!.value).toBe('33%');
    expect(tiles['action-items']).toMatchObject({ value: '3', detail: '1 overdue · 4 done' });
    expect(tiles.postmortems).toMatchObject({ value: '6', detail: '1 due · 2 draft · 0 in review · 3 signed off' });
  });

  it('says "—" and "nothing measured" for an empty range', () => {
    const tiles = Object.fromEntries(
      kpiTiles(reportFixture((r) => Object.assign(r, { totals: figures(0) }))).map((t) => [t.id, t]),
    );
    expect(tiles['time-to-acknowledge']).toMatchObject({ value: '—', detail: 'nothing measured' });
    expect(tiles.escalation).toMatchObject({ value: '—', detail: 'no incidents' });
  });
});

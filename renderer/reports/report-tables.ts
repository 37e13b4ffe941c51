import type { Priority } from '../../shared/schemas/priority.js';
import type { Report, ReportFigures, ReportGroup, ResponderFigures } from '../../shared/schemas/report.js';
import { chartValueText, type ReportChartData } from './report-charts.js';
import { CHANNEL_LABELS, CHANNELS, formatCount, formatDurationMs, formatHours, formatShare, PRIORITIES, PRIORITY_LABELS } from './report-format.js';

/** A column of a report table; numeric columns align right. */
export interface TableColumn {
  key: string;
  label: string;
  numeric?: boolean;
}

/** A row of a report table: a key for Vue and the text of each cell, by column key. */
export interface TableRow {
  key: string;
  cells: Record<string, string>;
}

/** A table as the page shows (and prints) it. */
export interface ReportTableData {
  id: string;
  caption: string;
  columns: TableColumn[];
  rows: TableRow[];
}

/** The table view of a chart: a row per category, a column per series, the same numbers. */
export function chartTable(chart: ReportChartData): ReportTableData {
  return {
    id: `${chart.id}-table`,
    caption: chart.title,
    columns: [{ key: 'category', label: chart.categoryLabel }, ...chart.series.map((s, i) => ({ key: `s${i}`, label: s.label, numeric: true }))],
    rows: chart.categories.map((category, row) => ({
      key: `${row}`,
      cells: Object.fromEntries([['category', category], ...chart.series.map((s, i) => [`s${i}`, chartValueText(s.values[row] ?? null, chart.kind)])]),
    })),
  };
}

const FIGURE_COLUMNS: TableColumn[] = [
  { key: 'incidents', label: 'Incidents', numeric: true },
  ...PRIORITIES.map((p) => ({ key: p, label: PRIORITY_LABELS[p], numeric: true })),
  { key: 'read', label: 'Read p50 / p90', numeric: true },
  { key: 'ack', label: 'Ack p50 / p90', numeric: true },
  { key: 'resolve', label: 'Resolve p50 / p90', numeric: true },
  { key: 'escalation', label: 'Escalated', numeric: true },
  { key: 'failover', label: 'Failover', numeric: true },
  { key: 'falsePositive', label: 'False pos.', numeric: true },
  { key: 'couldHaveWaited', label: 'Could wait', numeric: true },
];

const pair = (stats: ReportFigures['timeToRead']) => `${formatDurationMs(stats.p50Ms)} / ${formatDurationMs(stats.p90Ms)}`;

/** The cells of one slice's figures, by the keys of the breakdown columns. */
function figureCells(f: ReportFigures): Record<string, string> {
  return {
    incidents: formatCount(f.incidents),
    ...Object.fromEntries(PRIORITIES.map((p) => [p, formatCount(f.byPriority[p] ?? 0)])),
    read: pair(f.timeToRead),
    ack: pair(f.timeToAcknowledge),
    resolve: pair(f.timeToResolve),
    escalation: formatShare(f.escalationRate),
    failover: formatShare(f.failoverRate),
    falsePositive: formatShare(f.falsePositiveRate),
    couldHaveWaited: formatShare(f.couldHaveWaitedRate),
  };
}

/** The dimensions a report breaks its incidents down by. */
export type BreakdownKind = 'team' | 'service' | 'client' | 'priority';

const BREAKDOWN_TITLES: Record<BreakdownKind, string> = { team: 'Team', service: 'Service', client: 'Client', priority: 'Priority' };

/** A breakdown table (by team, service, client or priority), busiest first. */
export function breakdownTable(kind: BreakdownKind, groups: readonly ReportGroup[]): ReportTableData {
  // Priorities keep their own order (high first) and their console names; the rest go busiest first.
  const rank = (g: ReportGroup) => PRIORITIES.indexOf(g.key as Priority);
  const sorted = [...groups].sort((a, b) =>
    kind === 'priority' ? rank(a) - rank(b) : b.figures.incidents - a.figures.incidents || a.name.localeCompare(b.name),
  );
  const name = (g: ReportGroup) => (kind === 'priority' && rank(g) >= 0 ? PRIORITY_LABELS[g.key as Priority] : g.name || g.key);
  return {
    id: `by-${kind}`,
    caption: `By ${BREAKDOWN_TITLES[kind].toLowerCase()}`,
    columns: [{ key: 'name', label: BREAKDOWN_TITLES[kind] }, ...FIGURE_COLUMNS],
    rows: sorted.map((g) => ({ key: g.key, cells: { name: name(g), ...figureCells(g.figures) } })),
  };
}

/** The four breakdowns of a report, in the page's order. */
export function breakdownTables(report: Report): ReportTableData[] {
  return [
    breakdownTable('team', report.byTeam),
    breakdownTable('service', report.byService),
    breakdownTable('client', report.byClient),
    breakdownTable('priority', report.byPriority),
  ];
}

const channelsText = (r: ResponderFigures) =>
  CHANNELS.filter((c) => (r.pagesByChannel[c] ?? 0) > 0)
    .map((c) => `${CHANNEL_LABELS[c]} ${r.pagesByChannel[c]}`)
    .join(', ') || '—';

/** The responders table: what each person went through, most paged first. */
export function respondersTable(responders: readonly ResponderFigures[]): ReportTableData {
  const sorted = [...responders].sort((a, b) => b.pages - a.pages || a.name.localeCompare(b.name));
  return {
    id: 'responders',
    caption: 'Responders',
    columns: [
      { key: 'name', label: 'Responder' },
      { key: 'pages', label: 'Pages', numeric: true },
      { key: 'channels', label: 'By channel' },
      { key: 'read', label: 'Read', numeric: true },
      { key: 'timeToRead', label: 'Time to read p50 / p90', numeric: true },
      { key: 'night', label: 'Night', numeric: true },
      { key: 'weekend', label: 'Weekend', numeric: true },
      { key: 'onCall', label: 'On call', numeric: true },
      { key: 'open', label: 'Actions open', numeric: true },
      { key: 'overdue', label: 'Overdue', numeric: true },
      { key: 'zone', label: 'Time zone' },
    ],
    rows: sorted.map((r) => ({
      key: r.userId,
      cells: {
        name: r.name,
        pages: formatCount(r.pages),
        channels: channelsText(r),
        read: formatCount(r.pagesRead),
        timeToRead: pair(r.timeToRead),
        night: formatCount(r.nightInterruptions),
        weekend: formatCount(r.weekendInterruptions),
        onCall: formatHours(r.onCallHours),
        open: formatCount(r.actionItemsOpen),
        overdue: formatCount(r.actionItemsOverdue),
        zone: r.timeZone,
      },
    })),
  };
}

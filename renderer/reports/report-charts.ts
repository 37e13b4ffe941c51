import type { ChartConfiguration } from 'chart.js';
import type { Report } from '../../shared/schemas/report.js';
import type { Channel } from '../../shared/schemas/user.js';
import { CHANNEL_LABELS, CHANNELS, dayLabel, formatCount, formatDurationMs, PRIORITIES, PRIORITY_LABELS } from './report-format.js';

/** Whether a chart's numbers are counts or durations (milliseconds, drawn in a unit that suits them). */
export type ChartValueKind = 'count' | 'duration';

/** One coloured series of a chart: a bar per category. */
export interface ChartSeries {
  label: string;
  /** One value per category; null when nothing was measured. */
  values: (number | null)[];
  /** A key into the palette, so the screen and the print can colour it differently. */
  colour: ColourKey;
}

/**
 * The numbers of one chart, from which both the Chart.js configuration and its table view are
 * made: the table always says what the chart draws.
 */
export interface ReportChartData {
  id: string;
  title: string;
  /** A sentence for the canvas's label, saying what the chart shows. */
  description: string;
  /** The header of the category column of the table view ("Day", "Team", "Responder"). */
  categoryLabel: string;
  categories: string[];
  series: ChartSeries[];
  kind: ChartValueKind;
  /** What the value axis counts ("incidents", "pages"); duration charts pick their unit from their values. */
  unit: string;
  stacked: boolean;
}

/** The colours the charts use, by meaning. */
export type ColourKey = 'high' | 'medium' | 'low' | 'read' | 'readP90' | 'ack' | 'ackP90' | 'resolve' | 'resolveP90' | Channel | 'night' | 'weekend';

/** A chart's palette: series colours, and the text and grid colours for its background. */
export interface ChartPalette {
  series: Record<ColourKey, string>;
  text: string;
  grid: string;
}

/** Colours on the console's dark surface. */
export const SCREEN_PALETTE: ChartPalette = {
  series: {
    high: '#f87171',
    medium: '#fb923c',
    low: '#94a3b8',
    read: '#38bdf8',
    readP90: '#0369a1',
    ack: '#facc15',
    ackP90: '#a16207',
    resolve: '#4ade80',
    resolveP90: '#15803d',
    push: '#f97316',
    email: '#38bdf8',
    ntfy: '#a78bfa',
    pushover: '#4ade80',
    webhook: '#facc15',
    slack: '#e879f9',
    sms: '#f472b6',
    voice: '#fb923c',
    night: '#818cf8',
    weekend: '#f472b6',
  },
  text: '#cbd5e1',
  grid: '#334155',
};

/** Darker colours that read on white paper. */
export const PRINT_PALETTE: ChartPalette = {
  series: {
    high: '#b91c1c',
    medium: '#c2410c',
    low: '#475569',
    read: '#0284c7',
    readP90: '#075985',
    ack: '#ca8a04',
    ackP90: '#713f12',
    resolve: '#16a34a',
    resolveP90: '#14532d',
    push: '#c2410c',
    email: '#0369a1',
    ntfy: '#6d28d9',
    pushover: '#15803d',
    webhook: '#a16207',
    slack: '#a21caf',
    sms: '#be185d',
    voice: '#c2410c',
    night: '#4338ca',
    weekend: '#be185d',
  },
  text: '#1e293b',
  grid: '#cbd5e1',
};


/** Incidents per day (UTC), by priority, stacked. */
export function incidentsPerDay(report: Report): ReportChartData {
  return {
    id: 'incidents-per-day',
    title: 'Incidents per day',
    description: 'Stacked bars: incidents first seen each day (UTC), by priority.',
    categoryLabel: 'Day (UTC)',
    categories: report.days.map((d) => dayLabel(d.date)),
    series: PRIORITIES.map((p) => ({ label: PRIORITY_LABELS[p], values: report.days.map((d) => d.byPriority[p] ?? 0), colour: p })),
    kind: 'count',
    unit: 'incidents',
    stacked: true,
  };
}

/** Median and 90th percentile time to read, acknowledge and resolve, per team. */
export function responseTimesByTeam(report: Report): ReportChartData {
  const teams = report.byTeam;
  const stat = (pick: (f: Report['totals']) => Report['totals']['timeToRead'], p: 'p50Ms' | 'p90Ms') => teams.map((t) => pick(t.figures)[p]);
  return {
    id: 'response-times-by-team',
    title: 'Time to read, acknowledge and resolve by team',
    description: 'Bars per team: p50 and p90 time to read, to acknowledge and to resolve.',
    categoryLabel: 'Team',
    categories: teams.map((t) => t.name),
    series: [
      { label: 'Read p50', values: stat((f) => f.timeToRead, 'p50Ms'), colour: 'read' },
      { label: 'Read p90', values: stat((f) => f.timeToRead, 'p90Ms'), colour: 'readP90' },
      { label: 'Acknowledge p50', values: stat((f) => f.timeToAcknowledge, 'p50Ms'), colour: 'ack' },
      { label: 'Acknowledge p90', values: stat((f) => f.timeToAcknowledge, 'p90Ms'), colour: 'ackP90' },
      { label: 'Resolve p50', values: stat((f) => f.timeToResolve, 'p50Ms'), colour: 'resolve' },
      { label: 'Resolve p90', values: stat((f) => f.timeToResolve, 'p90Ms'), colour: 'resolveP90' },
    ],
    kind: 'duration',
    unit: 'time',
    stacked: false,
  };
}

/** Pages sent to each responder, stacked by channel (channels nobody was paged on are left out). */
export function pagesPerResponder(report: Report): ReportChartData {
  const people = report.responders;
  const used = CHANNELS.filter((c) => people.some((r) => (r.pagesByChannel[c] ?? 0) > 0));
  return {
    id: 'pages-per-responder',
    title: 'Pages per responder',
    description: 'Stacked bars: pages sent to each responder, by channel.',
    categoryLabel: 'Responder',
    categories: people.map((r) => r.name),
    series: used.map((c) => ({ label: CHANNEL_LABELS[c], values: people.map((r) => r.pagesByChannel[c] ?? 0), colour: c })),
    kind: 'count',
    unit: 'pages',
    stacked: true,
  };
}

/** Night (22:00–07:00) and weekend interruptions of each responder, in their own time zone. */
export function interruptionsPerResponder(report: Report): ReportChartData {
  const people = report.responders;
  return {
    id: 'interruptions-per-responder',
    title: 'Night and weekend interruptions',
    description: 'Bars per responder: incidents that paged them at night (22:00–07:00) and on weekends, their time.',
    categoryLabel: 'Responder',
    categories: people.map((r) => r.name),
    series: [
      { label: 'Night', values: people.map((r) => r.nightInterruptions), colour: 'night' },
      { label: 'Weekend', values: people.map((r) => r.weekendInterruptions), colour: 'weekend' },
    ],
    kind: 'count',
    unit: 'incidents',
    stacked: false,
  };
}

/** A chart value as its table view says it. */
export function chartValueText(value: number | null, kind: ChartValueKind): string {
  if (kind === 'duration') return formatDurationMs(value);
  return value === null ? '—' : formatCount(value);
}

/** The unit a duration chart is drawn in: the one its largest value reads best in. */
export function durationUnit(values: readonly (number | null)[]): { label: string; ms: number } {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  if (max < 2 * 60_000) return { label: 'seconds', ms: 1000 };
  if (max < 3 * 3_600_000) return { label: 'minutes', ms: 60_000 };
  return { label: 'hours', ms: 3_600_000 };
}

/**
 * The Chart.js configuration of a chart's numbers: bars (stacked when the data says so), durations
 * in seconds, minutes or hours (whichever their largest value reads best in), animation off (a report is read, not watched), and the colours of `palette`.
 */
export function barChartConfig(data: ReportChartData, palette: ChartPalette = SCREEN_PALETTE): ChartConfiguration<'bar', (number | null)[], string> {
  const unit = data.kind === 'duration' ? durationUnit(data.series.flatMap((s) => s.values)) : null;
  const scale = (v: number | null) => (v === null || !unit ? v : Math.round((v / unit.ms) * 10) / 10);
  const axis = { ticks: { color: palette.text }, grid: { color: palette.grid } };
  return {
    type: 'bar',
    data: {
      labels: data.categories,
      datasets: data.series.map((s) => ({ label: s.label, data: s.values.map(scale), backgroundColor: palette.series[s.colour] })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { labels: { color: palette.text, boxWidth: 14 } } },
      scales: {
        x: { ...axis, stacked: data.stacked, ticks: { ...axis.ticks, autoSkip: true, maxRotation: 45 } },
        y: {
          ...axis,
          stacked: data.stacked,
          beginAtZero: true,
          ticks: { ...axis.ticks, ...(data.kind === 'count' ? { precision: 0 } : {}) },
          title: { display: true, text: unit?.label ?? data.unit, color: palette.text },
        },
      },
    },
  };
}

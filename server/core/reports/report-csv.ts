import type { DurationStats, Report, ReportFigures } from '../../../shared/schemas/report.js';

/** A cell: text (guarded against formulas) or a number (written as is; null is empty). */
type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Writes one CSV cell per RFC 4180: quoted when it holds a comma, a quote or a line break, with
 * quotes doubled. Text starting with = + - @ (or a tab or carriage return) gets a leading
 * apostrophe, so that a spreadsheet shows it instead of running it as a formula.
 */
export function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The header of the report's CSV: one figure per row. */
export const REPORT_CSV_HEADER = ['section', 'key', 'name', 'metric', 'value'] as const;

function durationRows(prefix: string, stats: DurationStats): [string, Cell][] {
  return [
    [`${prefix}.count`, stats.count],
    [`${prefix}.meanMs`, stats.meanMs],
    [`${prefix}.p50Ms`, stats.p50Ms],
    [`${prefix}.p90Ms`, stats.p90Ms],
  ];
}

function figureRows(figures: ReportFigures): [string, Cell][] {
  return [
    ['incidents', figures.incidents],
    ['incidents.high', figures.byPriority.high],
    ['incidents.medium', figures.byPriority.medium],
    ['incidents.low', figures.byPriority.low],
    ...durationRows('timeToRead', figures.timeToRead),
    ...durationRows('timeToAcknowledge', figures.timeToAcknowledge),
    ...durationRows('timeToResolve', figures.timeToResolve),
    ['escalationRate', figures.escalationRate],
    ['failoverRate', figures.failoverRate],
    ['falsePositiveRate', figures.falsePositiveRate],
    ['couldHaveWaitedRate', figures.couldHaveWaitedRate],
  ];
}

/**
 * The report as one CSV in long form — `section,key,name,metric,value`, one figure per row — so
 * that every section (totals, byTeam, byService, byClient, byPriority, responders, ruleHints, days,
 * actionItems, postmortems) fits one table and a pivot table rebuilds any view. Rates are shares
 * (0..1), durations milliseconds, an empty value means "not measured". Lines end with CRLF.
 */
export function reportCsv(report: Report): string {
  const rows: Cell[][] = [[...REPORT_CSV_HEADER]];
  const add = (section: string, key: string, name: string, metrics: [string, Cell][]) => {
    for (const [metric, value] of metrics) rows.push([section, key, name, metric, value]);
  };
  add('query', '', '', [
    ['from', report.query.from],
    ['to', report.query.to],
    ['team', report.query.team ?? null],
    ['service', report.query.service ?? null],
    ['client', report.query.client ?? null],
    ['priority', report.query.priority ?? null],
    ['responder', report.query.responder ?? null],
    ['generatedAt', report.generatedAt],
  ]);
  add('totals', '', 'All incidents', figureRows(report.totals));
  for (const section of ['byTeam', 'byService', 'byClient', 'byPriority'] as const) {
    for (const group of report[section]) add(section, group.key, group.name, figureRows(group.figures));
  }
  for (const r of report.responders) {
    add('responders', r.userId, r.name, [
      ['timeZone', r.timeZone],
      ['pages', r.pages],
      ...Object.entries(r.pagesByChannel).map(([channel, n]): [string, Cell] => [`pages.${channel}`, n]),
      ['pagesRead', r.pagesRead],
      ...durationRows('timeToRead', r.timeToRead),
      ['nightInterruptions', r.nightInterruptions],
      ['weekendInterruptions', r.weekendInterruptions],
      ['onCallHours', r.onCallHours],
      ['actionItemsOpen', r.actionItemsOpen],
      ['actionItemsOverdue', r.actionItemsOverdue],
    ]);
  }
  for (const hint of report.ruleHints) {
    add('ruleHints', hint.rule, hint.rule, [
      ['incidents', hint.incidents],
      ['falsePositives', hint.falsePositives],
      ['couldHaveWaited', hint.couldHaveWaited],
    ]);
  }
  for (const day of report.days) {
    add('days', day.date, day.date, Object.entries(day.byPriority).map(([p, n]): [string, Cell] => [`incidents.${p}`, n]));
  }
  add('actionItems', '', '', Object.entries(report.actionItems));
  add('postmortems', '', '', Object.entries(report.postmortems));
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

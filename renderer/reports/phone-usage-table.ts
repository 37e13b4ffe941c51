import type { PhoneUsageReport } from '../../shared/schemas/phone-usage.js';
import { formatCount } from './report-format.js';
import type { InstantRange } from './report-range.js';
import type { ReportTableData } from './report-tables.js';

/**
 * The calendar months (UTC, as the relay counts SMS and call minutes) a report range touches: the
 * month of its first instant to the month of its last (the range's end is exclusive).
 */
export function usageMonths(range: InstantRange): { from: string; to: string } {
  const last = new Date(Date.parse(range.to) - 1);
  return { from: new Date(range.from).toISOString().slice(0, 7), to: last.toISOString().slice(0, 7) };
}

/** A month as people read it ("Mar 2026"), in UTC so that it is the month the relay counted. */
export function monthLabel(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** Tells whether a usage report has nothing to show: SMS and voice not set up, or nothing sent in its months. */
export function usageEmpty(report: PhoneUsageReport): boolean {
  return report.months.every((m) => m.smsSegments === 0 && m.callMinutes === 0);
}

/** The usage as a report table: a row per month, newest first, and a total row. */
export function phoneUsageTable(report: PhoneUsageReport): ReportTableData {
  const months = [...report.months].reverse();
  const sum = (pick: (m: (typeof months)[number]) => number) => months.reduce((n, m) => n + pick(m), 0);
  return {
    id: 'phone-usage-table',
    caption: 'SMS and call minutes per month',
    columns: [
      { key: 'month', label: 'Month (UTC)' },
      { key: 'sms', label: 'SMS (billed parts)', numeric: true },
      { key: 'minutes', label: 'Call minutes', numeric: true },
    ],
    rows: [
      ...months.map((m) => ({ key: m.month, cells: { month: monthLabel(m.month), sms: formatCount(m.smsSegments), minutes: formatCount(m.callMinutes) } })),
      ...(months.length > 1
        ? [{ key: 'total', cells: { month: 'Total', sms: formatCount(sum((m) => m.smsSegments)), minutes: formatCount(sum((m) => m.callMinutes)) } }]
        : []),
    ],
  };
}

import { describe, expect, it } from 'vitest';
import { countActionItems, localDate } from './action-items.js';
import { buildReport } from './build-report.js';
import { csvCell, reportCsv } from './report-csv.js';

describe('report CSV', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(null)).toBe('');
  });

  it('writes one figure per row with its section, CRLF line ends', () => {
    const report = buildReport({
      query: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' },
      generatedAt: new Date('2026-03-04T00:00:00Z'),
      incidents: [],
      pages: [],
      actionItems: [],
      schedules: [],
      directory: { teams: [], services: [], clients: [], users: [] },
    });
    const csv = reportCsv(report);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('section,key,name,metric,value');
    expect(lines).toContain('totals,,All incidents,incidents,0');
    expect(lines).toContain('totals,,All incidents,escalationRate,');
    expect(lines).toContain('days,2026-03-02,2026-03-02,incidents.high,0');
    expect(lines).toContain('actionItems,,,overdue,0');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(new Set(lines.slice(1, -1).map((l) => l.split(',')[0]))).toEqual(new Set(['query', 'totals', 'byPriority', 'days', 'actionItems', 'postmortems']));
  });
});

describe('action items', () => {
  it('takes the due date of `to` in the report zone', () => {
    // 2026-03-09T12:00Z is already 2026-03-10 01:00 in Auckland (UTC+13).
    const to = Date.parse('2026-03-09T12:00:00Z');
    expect(localDate(to, 'UTC')).toBe('2026-03-09');
    expect(localDate(to, 'Pacific/Auckland')).toBe('2026-03-10');
    const items = [{ dueDate: '2026-03-09', state: 'open' }];
    expect(countActionItems(items, localDate(to, 'UTC'))).toEqual({ open: 1, overdue: 0, done: 0 });
    expect(countActionItems(items, localDate(to, 'Pacific/Auckland'))).toEqual({ open: 1, overdue: 1, done: 0 });
  });
});

/**
 * Shared helpers for the benchmarks under tests/bench/: percentiles, medians of interleaved rounds,
 * and the one table every suite prints (`measure | baseline | klaxon | ratio`), so that `npm run
 * bench` reads the same from suite to suite and docs/performance.md can copy its rows.
 */

/** Nearest-rank percentile `p` (0–100) of `values` (sorted or not); NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

/** The median (p50, nearest rank) of `values`. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Count, p50, p90, p99 and max of a sample. */
export interface Summary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Summarises a sample as count, p50, p90, p99 and max. */
export function summarise(values: readonly number[]): Summary {
  return {
    count: values.length,
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: values.length === 0 ? NaN : Math.max(...values),
  };
}

/** One measured figure of one round: the bare baseline's and Klaxon's. */
export interface RoundFigures {
  baseline: number;
  klaxon: number;
}

/**
 * Runs `rounds` interleaved rounds — baseline, then Klaxon, then baseline again… so that a machine
 * that gets busier or quieter during the run weighs on both alike — and returns the median of each.
 */
export async function interleavedMedians(
  rounds: number,
  baseline: (round: number) => Promise<number>,
  klaxon: (round: number) => Promise<number>,
): Promise<RoundFigures & { rounds: RoundFigures[] }> {
  const all: RoundFigures[] = [];
  for (let round = 0; round < rounds; round++) {
    const b = await baseline(round);
    const k = await klaxon(round);
    all.push({ baseline: b, klaxon: k });
  }
  return { baseline: median(all.map((r) => r.baseline)), klaxon: median(all.map((r) => r.klaxon)), rounds: all };
}

/** One row of the report table. */
export interface ReportRow {
  /** What is measured, e.g. "time to first /health 200, p50". */
  measure: string;
  /** The bare baseline's figure in the same run (NaN or undefined when the measure has none). */
  baseline?: number;
  klaxon: number;
  /** The unit of both figures, e.g. "ms" or "/s". */
  unit: string;
  /**
   * Whether a higher figure is better (throughput): the ratio is then klaxon / baseline, read as
   * "fraction of bare speed"; otherwise (latency) it is klaxon / baseline as "times slower".
   */
  higherIsBetter?: boolean;
}

/** Formats a figure with thousands separators and sensible decimals. */
export function formatFigure(value: number | undefined, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${unit}`.trim();
}

/** The ratio Klaxon / baseline as text (`0.52×`), or `–` when there is no baseline. */
export function formatRatio(row: ReportRow): string {
  if (row.baseline === undefined || !Number.isFinite(row.baseline) || row.baseline === 0 || !Number.isFinite(row.klaxon)) return '–';
  const ratio = row.klaxon / row.baseline;
  return `${ratio.toFixed(ratio >= 10 ? 0 : 2)}×`;
}

/**
 * Renders rows as a Markdown table `measure | baseline | klaxon | ratio`, which reads well in a
 * terminal and pastes straight into docs/performance.md.
 */
export function reportTable(rows: readonly ReportRow[]): string {
  const cells = rows.map((row) => [row.measure, formatFigure(row.baseline, row.unit), formatFigure(row.klaxon, row.unit), formatRatio(row)]);
  const header = ['measure', 'baseline', 'klaxon', 'ratio'];
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) => `| ${values.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}

/** Prints `title` and the table of `rows` to stdout. */
export function printReport(title: string, rows: readonly ReportRow[]): void {
  process.stdout.write(`\n${title}\n${reportTable(rows)}\n`);
}

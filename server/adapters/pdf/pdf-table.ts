/** A shaded header row and zebra rows, in the PDF's muted palette. */
const HEAD_FILL = '#eaeef2';
const ZEBRA_FILL = '#f6f8fa';
const RULE = '#d0d7de';
/** The table text size, in points. */
export const SMALL = 8.5;
const CELL_PAD = 3;
/** The longest a table row may grow (a fraction of the page's text height); a longer cell is cut with `…`. */
const MAX_ROW_SHARE = 0.45;

/** Lets the relay's other work run between pieces of a long PDF (pdfkit lays text out synchronously). */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** How many table rows or pages are written between two yields. */
export const ROWS_PER_SLICE = 25;

/** What a table is written onto: the document, its text column and page foot, and the writer's helpers. */
export interface TableHost {
  readonly doc: PDFKit.PDFDocument;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly bottom: number;
  /** Selects the regular or bold font at a size, in the ink colour. */
  font(bold: boolean, size: number): PDFKit.PDFDocument;
  /** Fits text to the font (see `fitToFont`). */
  fit(text: string): string;
  /** Writes free text, or `empty` in muted type when there is none. */
  text(text: string, empty: string): void;
  /** Starts a new page unless `height` still fits below the cursor. */
  room(height: number): void;
}

/** Column widths: each column's natural width, shrunk in proportion when they do not fit. */
function columnWidths(host: TableHost, columns: string[], rows: string[][]): number[] {
  const natural = columns.map((column, i) => {
    const head = host.font(true, SMALL).widthOfString(host.fit(column));
    host.font(false, SMALL);
    const cells = rows.map((r) => host.fit(r[i] ?? '').replace(/\s+/g, ' '));
    const widest = Math.max(head, ...cells.map((t) => host.doc.widthOfString(t.slice(0, 200))));
    return Math.min(widest, host.width * 0.55) + 2 * CELL_PAD + 1;
  });
  // Columns narrower than a fair share keep their width; the wide ones share what is left.
  const widths = natural.map(() => 0);
  let open = natural.map((_, i) => i);
  let left = host.width;
  for (;;) {
    const share = left / open.length;
    const narrow = open.filter((i) => natural[i]! <= share);
    if (narrow.length === 0 || narrow.length === open.length) break;
    for (const i of narrow) widths[i] = natural[i]!;
    left -= narrow.reduce((sum, i) => sum + natural[i]!, 0);
    open = open.filter((i) => !narrow.includes(i));
  }
  const wide = open.reduce((sum, i) => sum + natural[i]!, 0);
  for (const i of open) widths[i] = (natural[i]! * left) / wide;
  return widths;
}

/** A cell's text cut so that it is at most `maxHeight` tall, ending in `…` when cut. */
function clip(host: TableHost, text: string, width: number, maxHeight: number): string {
  if (host.doc.heightOfString(text, { width }) <= maxHeight) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (host.doc.heightOfString(`${text.slice(0, mid)}…`, { width }) <= maxHeight) low = mid;
    else high = mid - 1;
  }
  return `${text.slice(0, low)}…`;
}

function row(host: TableHost, cells: string[], widths: number[], header: boolean, fill: string | null): void {
  host.font(header, SMALL);
  const maxHeight = (host.bottom - host.top) * MAX_ROW_SHARE;
  const texts = cells.map((c, i) => clip(host, host.fit(c.replace(/\s+/g, ' ').trim()) || '—', widths[i]! - 2 * CELL_PAD, maxHeight));
  const height = Math.max(...texts.map((t, i) => host.doc.heightOfString(t, { width: widths[i]! - 2 * CELL_PAD }))) + 2 * CELL_PAD;
  const top = host.doc.y;
  if (fill) host.doc.rect(host.left, top, host.width, height).fill(fill);
  let x = host.left;
  host.font(header, SMALL);
  texts.forEach((t, i) => {
    const w = widths[i]! - 2 * CELL_PAD;
    host.doc.text(t, x + CELL_PAD, top + CELL_PAD, { width: w, height: height - CELL_PAD, lineBreak: true });
    x += widths[i]!;
  });
  host.doc.moveTo(host.left, top + height).lineTo(host.left + host.width, top + height).lineWidth(0.5).strokeColor(RULE).stroke();
  host.doc.x = host.left;
  host.doc.y = top + height;
}

/** Measures a row without drawing it, to break the page before it. */
function rowHeight(host: TableHost, cells: string[], widths: number[], header: boolean): number {
  host.font(header, SMALL);
  const maxHeight = (host.bottom - host.top) * MAX_ROW_SHARE;
  return (
    Math.max(
      ...cells.map((c, i) => {
        const w = widths[i]! - 2 * CELL_PAD;
        return host.doc.heightOfString(clip(host, host.fit(c.replace(/\s+/g, ' ').trim()) || '—', w, maxHeight), { width: w });
      }),
    ) +
    2 * CELL_PAD
  );
}

/**
 * Writes a table: columns as wide as their content allows, a shaded header row, zebra rows, and a
 * page break between rows that repeats the header on the next page. A cell taller than
 * `MAX_ROW_SHARE` of the page is cut with `…`. Yields to the event loop every `ROWS_PER_SLICE` rows.
 */
export async function writeTable(host: TableHost, columns: string[], rows: string[][], empty: string): Promise<void> {
  if (rows.length === 0) return host.text('', empty);
  const widths = columnWidths(host, columns, rows);
  const headHeight = rowHeight(host, columns, widths, true);
  host.room(headHeight + rowHeight(host, rows[0]!, widths, false));
  row(host, columns, widths, true, HEAD_FILL);
  for (const [n, cells] of rows.entries()) {
    // A table breaks between rows and repeats its header on the next page.
    if (host.doc.y + rowHeight(host, cells, widths, false) > host.bottom) {
      host.doc.addPage();
      row(host, columns, widths, true, HEAD_FILL);
    }
    row(host, cells, widths, false, n % 2 === 1 ? ZEBRA_FILL : null);
    if (n % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await yieldToLoop();
  }
  host.doc.moveDown(0.8);
}

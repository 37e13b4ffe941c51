import PDFDocument from 'pdfkit';
import type { Postmortem } from '../../../shared/schemas/postmortem.js';
import { postmortemDocument, type ExportBlock, type ExportDocument, type ExportNames } from '../../core/postmortem-export/export-document.js';
import { cleanText } from '../../core/postmortem-export/markdown.js';
import { fitToFont, MISSING_GLYPH, systemPdfFonts, winAnsiHas, type PdfFonts } from './pdf-fonts.js';

/** How a PDF is written. */
export interface PdfOptions {
  /** The fonts; by default a Unicode font of the host when it has one (see `systemPdfFonts`). */
  fonts?: PdfFonts;
  /** The PDF's creation date (its metadata); by default the post-mortem's last update, so the same record gives the same PDF. */
  createdAt?: Date;
}

const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
const INK = '#1f2328';
const MUTED = '#57606a';
const RULE = '#d0d7de';
const HEAD_FILL = '#eaeef2';
const ZEBRA_FILL = '#f6f8fa';
const BODY = 10;
const SMALL = 8.5;
const CELL_PAD = 3;
/** The longest a table row may grow (a fraction of the page's text height); a longer cell is cut with `…`. */
const MAX_ROW_SHARE = 0.45;
const FACT_LABEL_WIDTH = 130;
/** A run of 40 characters without a space that goes on: where a zero-width break point is added. */
const LONG_RUN = /\S{40}(?=\S)/gu;

type Doc = PDFKit.PDFDocument;

/** Lets the relay's other work run between pieces of a long PDF (pdfkit lays text out synchronously). */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** How many table rows or pages are written between two yields. */
const ROWS_PER_SLICE = 25;

/** pdfkit's embedded font object: its fontkit font answers which characters it has (not in pdfkit's types). */
interface EmbeddedFontInternals {
  _font?: { font?: { hasGlyphForCodePoint?: (codePoint: number) => boolean } };
}

/** Every piece of text of a document, to count what the font cannot show before writing. */
function textsOf(document: ExportDocument): string[] {
  return document.blocks.flatMap((b) =>
    b.kind === 'heading' ? [b.text] : b.kind === 'facts' ? b.items.flatMap((f) => [f.label, f.value]) : b.kind === 'text' ? [b.text || b.empty] : [...b.columns, ...b.rows.flat(), b.empty],
  );
}

/** Writes a document's blocks onto buffered pages; page numbers are added once all pages exist. */
class PdfWriter {
  private readonly width: number;
  private readonly zeroWidthSpace: boolean;

  constructor(
    private readonly doc: Doc,
    private readonly has: (codePoint: number) => boolean,
  ) {
    this.width = doc.page.width - MARGIN.left - MARGIN.right;
    this.zeroWidthSpace = has(0x200b);
  }

  fit(text: string): string {
    const fitted = fitToFont(cleanText(text), this.has).text;
    // pdfkit breaks a word wider than its line one character at a time, measuring the rest of the
    // word each time: with an embedded font a 20,000-character word took 19 s. A zero-width space
    // every few dozen characters gives it break points at no visible cost.
    return this.zeroWidthSpace ? fitted.replace(LONG_RUN, '$&\u200b') : fitted;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** Starts a new page unless `height` still fits below the cursor. */
  private room(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private font(bold: boolean, size: number): Doc {
    return this.doc.font(bold ? 'bold' : 'regular').fontSize(size).fillColor(INK);
  }

  heading(level: 1 | 2 | 3, text: string): void {
    const size = level === 1 ? 18 : level === 2 ? 13 : 10.5;
    // A heading never sits alone at the foot of a page.
    this.room(level === 3 ? 48 : 64);
    if (level === 2) this.doc.moveDown(0.6);
    this.font(true, size).text(this.fit(text), MARGIN.left, this.doc.y, { width: this.width, lineGap: 2 });
    if (level <= 2) {
      const y = this.doc.y + 2;
      this.doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + this.width, y).lineWidth(level === 1 ? 1.2 : 0.6).strokeColor(RULE).stroke();
      this.doc.y = y + 6;
    } else {
      this.doc.moveDown(0.25);
    }
  }

  facts(items: { label: string; value: string }[]): void {
    const valueX = MARGIN.left + FACT_LABEL_WIDTH + 8;
    const valueWidth = this.width - FACT_LABEL_WIDTH - 8;
    for (const item of items) {
      this.room(BODY * 1.6);
      const top = this.doc.y;
      const pages = this.doc.bufferedPageRange().count;
      this.font(true, BODY).fillColor(MUTED).text(this.fit(item.label), MARGIN.left, top, { width: FACT_LABEL_WIDTH, lineGap: 2 });
      const labelBottom = this.doc.y;
      // A long value flows on to the next page by itself.
      this.font(false, BODY).text(this.fit(item.value) || '—', valueX, top, { width: valueWidth, lineGap: 2 });
      const samePage = this.doc.bufferedPageRange().count === pages;
      this.doc.x = MARGIN.left;
      this.doc.y = (samePage ? Math.max(this.doc.y, labelBottom) : this.doc.y) + 3;
    }
    this.doc.moveDown(0.4);
  }

  text(text: string, empty: string): void {
    const body = cleanText(text).trim();
    if (!body) {
      if (!empty) return;
      this.room(BODY * 2);
      this.doc.font('regular').fontSize(BODY).fillColor(MUTED).text(this.fit(empty), MARGIN.left, this.doc.y, { width: this.width });
      this.doc.moveDown(0.6);
      return;
    }
    for (const paragraph of body.split(/\n[ \t]*\n+/)) {
      this.room(BODY * 1.6);
      this.font(false, BODY).text(this.fit(paragraph.trim()), MARGIN.left, this.doc.y, { width: this.width, lineGap: 2.5 });
      this.doc.moveDown(0.6);
    }
  }

  /** Column widths: each column's natural width, shrunk in proportion when they do not fit. */
  private widths(columns: string[], rows: string[][]): number[] {
    const natural = columns.map((column, i) => {
      const head = this.font(true, SMALL).widthOfString(this.fit(column));
      this.font(false, SMALL);
      const cells = rows.map((r) => this.fit(r[i] ?? '').replace(/\s+/g, ' '));
      const widest = Math.max(head, ...cells.map((t) => this.doc.widthOfString(t.slice(0, 200))));
      return Math.min(widest, this.width * 0.55) + 2 * CELL_PAD + 1;
    });
    // Columns narrower than a fair share keep their width; the wide ones share what is left.
    const widths = natural.map(() => 0);
    let open = natural.map((_, i) => i);
    let left = this.width;
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
  private clip(text: string, width: number, maxHeight: number): string {
    if (this.doc.heightOfString(text, { width }) <= maxHeight) return text;
    let low = 0;
    let high = text.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (this.doc.heightOfString(`${text.slice(0, mid)}…`, { width }) <= maxHeight) low = mid;
      else high = mid - 1;
    }
    return `${text.slice(0, low)}…`;
  }

  private row(cells: string[], widths: number[], header: boolean, fill: string | null): void {
    this.font(header, SMALL);
    const maxHeight = (this.bottom - MARGIN.top) * MAX_ROW_SHARE;
    const texts = cells.map((c, i) => this.clip(this.fit(c.replace(/\s+/g, ' ').trim()) || '—', widths[i]! - 2 * CELL_PAD, maxHeight));
    const height = Math.max(...texts.map((t, i) => this.doc.heightOfString(t, { width: widths[i]! - 2 * CELL_PAD }))) + 2 * CELL_PAD;
    const top = this.doc.y;
    if (fill) this.doc.rect(MARGIN.left, top, this.width, height).fill(fill);
    let x = MARGIN.left;
    this.font(header, SMALL);
    texts.forEach((t, i) => {
      const w = widths[i]! - 2 * CELL_PAD;
      this.doc.text(t, x + CELL_PAD, top + CELL_PAD, { width: w, height: height - CELL_PAD, lineBreak: true });
      x += widths[i]!;
    });
    this.doc.moveTo(MARGIN.left, top + height).lineTo(MARGIN.left + this.width, top + height).lineWidth(0.5).strokeColor(RULE).stroke();
    this.doc.x = MARGIN.left;
    this.doc.y = top + height;
  }

  /** Measures a row without drawing it, to break the page before it. */
  private rowHeight(cells: string[], widths: number[], header: boolean): number {
    this.font(header, SMALL);
    const maxHeight = (this.bottom - MARGIN.top) * MAX_ROW_SHARE;
    return (
      Math.max(
        ...cells.map((c, i) => {
          const w = widths[i]! - 2 * CELL_PAD;
          return this.doc.heightOfString(this.clip(this.fit(c.replace(/\s+/g, ' ').trim()) || '—', w, maxHeight), { width: w });
        }),
      ) +
      2 * CELL_PAD
    );
  }

  async table(columns: string[], rows: string[][], empty: string): Promise<void> {
    if (rows.length === 0) return this.text('', empty);
    const widths = this.widths(columns, rows);
    const headHeight = this.rowHeight(columns, widths, true);
    this.room(headHeight + this.rowHeight(rows[0]!, widths, false));
    this.row(columns, widths, true, HEAD_FILL);
    for (const [n, cells] of rows.entries()) {
      // A table breaks between rows and repeats its header on the next page.
      if (this.doc.y + this.rowHeight(cells, widths, false) > this.bottom) {
        this.doc.addPage();
        this.row(columns, widths, true, HEAD_FILL);
      }
      this.row(cells, widths, false, n % 2 === 1 ? ZEBRA_FILL : null);
      if (n % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await yieldToLoop();
    }
    this.doc.moveDown(0.8);
  }

  async block(block: ExportBlock): Promise<void> {
    if (block.kind === 'heading') this.heading(block.level, block.text);
    else if (block.kind === 'facts') this.facts(block.items);
    else if (block.kind === 'text') this.text(block.text, block.empty);
    else await this.table(block.columns, block.rows, block.empty);
  }

  /** The footer of every page: the title on the left, "Page n of m" on the right. */
  async footers(title: string): Promise<void> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      if (i % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) await yieldToLoop();
      this.doc.switchToPage(i);
      // Writing below the bottom margin would otherwise start a new page.
      this.doc.page.margins.bottom = 0;
      const y = this.doc.page.height - MARGIN.bottom + 24;
      this.doc.font('regular').fontSize(8).fillColor(MUTED);
      const label = `Page ${i + 1} of ${range.count}`;
      const labelWidth = this.doc.widthOfString(label) + 4;
      this.doc.text(this.fit(title), MARGIN.left, y, { width: this.width - labelWidth - 12, height: 10, ellipsis: true, lineBreak: false });
      this.doc.text(label, MARGIN.left + this.width - labelWidth, y, { width: labelWidth, align: 'right', lineBreak: false });
      this.doc.page.margins.bottom = MARGIN.bottom;
    }
  }
}

/**
 * Writes an export document as an A4 PDF: headings, label/value facts, free text that flows across
 * pages, tables that break between rows and repeat their header, and "Page n of m" with the title
 * in every footer. It yields to the event loop between blocks and every few rows, so a long
 * post-mortem does not hold up the relay's paging for the whole time it takes. Characters the font cannot show are printed as `?`, and the first page says how
 * many there were (see `fitToFont`).
 */
export async function documentPdf(document: ExportDocument, options: PdfOptions = {}): Promise<Buffer> {
  const fonts = options.fonts ?? systemPdfFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: { Title: document.title, Author: 'Klaxon', Creator: 'Klaxon', Producer: 'Klaxon', CreationDate: options.createdAt ?? new Date(0) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  let has = winAnsiHas;
  if (fonts.kind === 'embedded') {
    doc.registerFont('regular', fonts.regular);
    doc.registerFont('bold', fonts.bold);
    const font = (doc.font('regular') as unknown as EmbeddedFontInternals)._font?.font;
    if (font?.hasGlyphForCodePoint) has = (cp) => font.hasGlyphForCodePoint!(cp);
  } else {
    doc.registerFont('regular', 'Helvetica');
    doc.registerFont('bold', 'Helvetica-Bold');
  }
  const writer = new PdfWriter(doc, has);
  const replaced = textsOf(document).reduce((n, t) => n + fitToFont(cleanText(t), has).replaced, 0);
  for (const [index, block] of document.blocks.entries()) {
    await writer.block(block);
    await yieldToLoop();
    if (index === 0 && replaced > 0) {
      doc.font('regular').fontSize(SMALL).fillColor(MUTED);
      doc.text(
        `${replaced} character(s) this PDF's font cannot show are printed as "${MISSING_GLYPH}"; the Markdown export has the text as written.`,
        MARGIN.left,
        doc.y,
        { width: doc.page.width - MARGIN.left - MARGIN.right },
      );
      doc.moveDown(0.6);
    }
  }
  await writer.footers(document.title);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * The post-mortem as a PDF (`export.pdf`): the same content as the Markdown export, on A4 pages
 * with page numbers. Its creation date is the post-mortem's last update unless `options` say otherwise.
 */
export function postmortemPdf(pm: Postmortem, names: ExportNames, options: PdfOptions = {}): Promise<Buffer> {
  return documentPdf(postmortemDocument(pm, names), { createdAt: new Date(pm.updatedAt), ...options });
}

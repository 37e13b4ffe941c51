import PDFDocument from 'pdfkit';
import type { Postmortem } from '../../../shared/schemas/postmortem.js';
import { postmortemDocument, type ExportBlock, type ExportDocument, type ExportNames } from '../../core/postmortem-export/export-document.js';
import { cleanText } from '../../core/postmortem-export/markdown.js';
import { fitToFont, MISSING_GLYPH, systemPdfFonts, winAnsiHas, type PdfFonts } from './pdf-fonts.js';
import { ROWS_PER_SLICE, SMALL, writeTable, yieldToLoop, type TableHost } from './pdf-table.js';

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
const BODY = 10;
const FACT_LABEL_WIDTH = 130;
/** A run of 40 characters without a space that goes on: where a zero-width break point is added. */
const LONG_RUN = /\S{40}(?=\S)/gu;

type Doc = PDFKit.PDFDocument;


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
class PdfWriter implements TableHost {
  readonly width: number;
  readonly left = MARGIN.left;
  readonly top = MARGIN.top;
  private readonly zeroWidthSpace: boolean;

  constructor(
    readonly doc: Doc,
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

  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** Starts a new page unless `height` still fits below the cursor. */
  room(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  font(bold: boolean, size: number): Doc {
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

  async block(block: ExportBlock): Promise<void> {
    if (block.kind === 'heading') this.heading(block.level, block.text);
    else if (block.kind === 'facts') this.facts(block.items);
    else if (block.kind === 'text') this.text(block.text, block.empty);
    else await writeTable(this, block.columns, block.rows, block.empty);
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

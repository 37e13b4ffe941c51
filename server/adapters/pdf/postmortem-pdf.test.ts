import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Postmortem } from '../../../shared/schemas/postmortem.js';
import { examplePostmortem, EXAMPLE_NAMES } from '../../core/postmortem-export/example-postmortem.js';
import { systemPdfFonts, type PdfFonts } from './pdf-fonts.js';
import { postmortemPdf } from './postmortem-pdf.js';

const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-pm-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const STANDARD: PdfFonts = { kind: 'standard' };
const DEJAVU: PdfFonts = { kind: 'embedded', regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' };
const hasDejaVu = systemPdfFonts((file) => file.startsWith('/usr/share/fonts/truetype/dejavu/') && statSync(file, { throwIfNoEntry: false }) !== undefined).kind === 'embedded';

let n = 0;
/** Writes the PDF and reads it back with poppler: its info, each page's text, and each page rendered. */
async function render(pm: Postmortem, fonts: PdfFonts) {
  const file = path.join(dir, `pm-${++n}.pdf`);
  writeFileSync(file, await postmortemPdf(pm, EXAMPLE_NAMES, { fonts }));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  const text = (page: number) => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' });
  // Every page renders to an image (poppler fails on a broken page).
  execFileSync('pdftoppm', ['-r', '30', '-png', file, path.join(dir, `page-${n}`)]);
  const images = readdirSync(dir).filter((f) => f.startsWith(`page-${n}-`) && f.endsWith('.png'));
  return { info, pages, text, images, all: Array.from({ length: pages }, (_, i) => text(i + 1)).join('\f') };
}

function longPostmortem(): Postmortem {
  return examplePostmortem((pm) => {
    pm.fields.rootCause = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1}. ${'The retention job kept every snapshot for ninety days. '.repeat(6)}`).join('\n\n');
    pm.digest.pages = Array.from({ length: 150 }, (_, i) => ({
      userId: i % 2 ? 'ann' : 'bob',
      channel: 'push' as const,
      level: 1 + (i % 3),
      failover: false,
      sentAt: '2026-11-30T10:00:05.000Z',
      readAt: null,
      state: 'sent' as const,
      error: null,
    }));
    pm.digest.pages[149] = { ...pm.digest.pages[149]!, userId: 'carol', state: 'failed', error: `last page failed ${'because '.repeat(400)}` };
  });
}

describe('postmortemPdf', () => {
  it('is an A4 PDF with the digest, the questions, the fields and page numbers', async () => {
    const pdf = await render(examplePostmortem(), STANDARD);
    expect(pdf.info).toMatch(/^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/m);
    expect(pdf.info).toMatch(/^Title:\s+Post-mortem: Disk full on fs-01$/m);
    expect(pdf.images).toHaveLength(pdf.pages);
    const text = pdf.all.replace(/[ \t]+/g, ' ');
    for (const expected of [
      'Post-mortem: Disk full on fs-01',
      'State Signed off',
      'Signed off Carol Manager at 2026-12-01T09:30:00Z (Tue 1 Dec 2026, 09:30:00 UTC)',
      '2026-11-30T10:07:30Z +7 min 30 s Acknowledged Ann Admin',
      'Time to acknowledge 7 min 30 s',
      'Bob Responder email 1 — — failed: no e-mail address',
      'No: the alert was missed by Bob Responder.',
      'What was missing The alert did not say which share.',
      'Nightly backups failed for two days.',
      'Retention was set to 90 days instead of 9.',
      'Fix the retention policy Ann Admin 2026-12-10 Open Runbook of service: fileserver',
      'Agreed; the retention fix is the main item.',
    ]) {
      expect(text).toContain(expected);
    }
    for (let page = 1; page <= pdf.pages; page++) expect(pdf.text(page)).toContain(`Page ${page} of ${pdf.pages}`);
    expect(pdf.all).not.toContain('cannot show');
  });

  it('flows long texts and long tables over pages, repeating the table header', async () => {
    const pdf = await render(longPostmortem(), STANDARD);
    expect(pdf.pages).toBeGreaterThanOrEqual(8);
    expect(pdf.images).toHaveLength(pdf.pages);
    for (let page = 1; page <= pdf.pages; page++) expect(pdf.text(page)).toContain(`Page ${page} of ${pdf.pages}`);
    // Every page the pages table runs over starts with its header again.
    const withRows = Array.from({ length: pdf.pages }, (_, i) => pdf.text(i + 1)).filter((t) => /Ann Admin\s+push\s+\d/.test(t));
    expect(withRows.length).toBeGreaterThanOrEqual(3);
    for (const page of withRows) expect(page).toMatch(/Who\s+Channel\s+Level\s+Sent \(UTC\)\s+Read \(UTC\)\s+Outcome/);
    // All 150 rows are there; the over-long cell is cut with a visible mark, not lost with its row.
    expect(pdf.all.match(/push\s+[123]\s+2026-11-30T10:00:05Z/g)).toHaveLength(150);
    expect(pdf.all).toMatch(/Carol Manager[\s\S]*last page failed because[\s\S]*…/);
    expect(pdf.all).toContain('Paragraph 40.');
    expect(pdf.all.replace(/\s+/g, ' ')).toContain('Agreed; the retention fix is the main item.');
  });

  it('with the standard fonts, shows what WinAnsi lacks as a look-alike or a counted "?"', async () => {
    const pdf = await render(
      examplePostmortem((pm) => {
        pm.fields.impact = 'Zażółć gęślą jaźń → Ünïcödé − Привет 日本';
      }),
      STANDARD,
    );
    expect(pdf.all).toContain('Zazó?c gesla jazn -> Ünïcödé - ?????? ??');
    expect(pdf.text(1)).toContain('9 character(s) this PDF\'s font cannot show are printed as "?"; the Markdown export has the text as written.');
  });

  it.skipIf(!hasDejaVu)('with an embedded Unicode font, shows Polish and Cyrillic as written', async () => {
    const pdf = await render(
      examplePostmortem((pm) => {
        pm.fields.impact = 'Zażółć gęślą jaźń → Ünïcödé − Привет 日本';
      }),
      DEJAVU,
    );
    expect(pdf.all).toContain('Zażółć gęślą jaźń → Ünïcödé − Привет ??');
    expect(pdf.text(1)).toContain('2 character(s) this PDF');
  });

  it.skipIf(!hasDejaVu)('breaks a word longer than a line without losing a character', async () => {
    const pdf = await render(
      examplePostmortem((pm) => {
        pm.fields.summary = `${'x'.repeat(20_000)}END`;
      }),
      DEJAVU,
    );
    expect(pdf.images).toHaveLength(pdf.pages);
    // Read without the footers that sit between the pages.
    const text = pdf.all
      .split('\n')
      .filter((line) => !/Page \d+ of \d+/.test(line))
      .join('')
      .replace(/[\s\u200b\f]+/g, '');
    expect(text).toContain(`${'x'.repeat(20_000)}END`);
  });

  it('gives the same bytes for the same post-mortem', async () => {
    const [a, b] = await Promise.all([postmortemPdf(examplePostmortem(), EXAMPLE_NAMES, { fonts: STANDARD }), postmortemPdf(examplePostmortem(), EXAMPLE_NAMES, { fonts: STANDARD })]);
    expect(a.equals(b)).toBe(true);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

import type { Postmortem } from '../../../shared/schemas/postmortem.js';
import { postmortemDocument, type ExportBlock, type ExportDocument, type ExportNames } from './export-document.js';

// C0 and C1 control characters other than tab and newline, and the bidirectional overrides that
// could make a line read differently from what it holds.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text as lines: controls dropped, line endings unified. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROLS, '');
}

/**
 * Escapes people's text for inline use (a table cell, a heading, after a label): every character
 * Markdown gives a meaning inline (emphasis, code, links, images, raw HTML, entities, tables,
 * strike-through) is backslash-escaped, a bracket's parenthesis too (so no renderer that skips
 * escapes sees a link), and bare addresses (`https://…`, `www.…`) are broken so no viewer links them.
 */
export function escapeMarkdownInline(text: string): string {
  return cleanText(text)
    .replace(/\n/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|&~#!{}]|(?<=\])\(/g, (c) => `\\${c}`)
    .replace(/([a-z][a-z0-9+.-]*):(?=\/\/)/gi, '$1\\:')
    .replace(/\b(www)\./gi, '$1\\.');
}

/**
 * Escapes one line of people's text that starts a Markdown line: as `escapeMarkdownInline`, and it
 * cannot start a list, a quote, a setext underline or an ordered-list item either.
 */
export function escapeMarkdownLine(line: string): string {
  return escapeMarkdownInline(line)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Escapes text for one table cell: one line, pipes escaped, a dash when empty. */
function cell(text: string): string {
  return escapeMarkdownInline(text.replace(/\s+/g, ' ')) || '—';
}

/**
 * Escapes a block of people's text: paragraphs (blank-line separated) stay paragraphs, and each line
 * break stays a line break (a hard break), with every line escaped; `indent` prefixes continuation lines.
 */
export function escapeMarkdownBlock(text: string, indent = ''): string {
  return cleanText(text)
    .split(/\n[ \t]*\n+/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map(escapeMarkdownLine)
        .filter((line) => line !== '')
        .join(`\\\n${indent}`),
    )
    .filter((paragraph) => paragraph !== '')
    .join(`\n${indent}\n${indent}`);
}

/** How tables are written: GitHub pipe tables, or one bullet per row for viewers without tables (ticket notes). */
export type MarkdownTables = 'pipe' | 'list';

function tableMarkdown(block: Extract<ExportBlock, { kind: 'table' }>, tables: MarkdownTables): string {
  if (block.rows.length === 0) return `_${escapeMarkdownLine(block.empty)}_`;
  if (tables === 'list') {
    const head = `_${block.columns.map(cell).join(' · ')}_`;
    return [head, ...block.rows.map((row) => `- ${block.columns.map((_, i) => cell(row[i] ?? '')).join(' · ')}`)].join('\n');
  }
  const head = `| ${block.columns.map(cell).join(' | ')} |`;
  const rule = `|${block.columns.map(() => ' --- ').join('|')}|`;
  return [head, rule, ...block.rows.map((row) => `| ${block.columns.map((_, i) => cell(row[i] ?? '')).join(' | ')} |`)].join('\n');
}

function blockMarkdown(block: ExportBlock, tables: MarkdownTables): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeMarkdownInline(block.text)}`;
    case 'facts':
      return block.items.map((f) => `- **${escapeMarkdownInline(f.label)}:** ${escapeMarkdownBlock(f.value, '  ') || '—'}`).join('\n');
    case 'text': {
      const text = escapeMarkdownBlock(block.text);
      return text || (block.empty ? `_${escapeMarkdownLine(block.empty)}_` : '');
    }
    case 'table':
      return tableMarkdown(block, tables);
  }
}

/**
 * Writes an export document as CommonMark with GitHub tables (or, with `tables: 'list'`, a bullet
 * per row), every piece of people's text escaped; each block is separated by a blank line.
 */
export function documentMarkdown(document: ExportDocument, tables: MarkdownTables = 'pipe'): string {
  return `${document.blocks
    .map((block) => blockMarkdown(block, tables))
    .filter((text) => text !== '')
    .join('\n\n')}\n`;
}

/**
 * The post-mortem as a Markdown document (`export.md`): title, state and sign-off, the digest
 * (timeline, response times, pages), the three questions answered in words, summary, impact, root
 * cause, contributing factors, the action items and the comments. What people wrote is escaped so
 * it reads as written and cannot add headings, HTML, images or links to the document.
 */
export function postmortemMarkdown(pm: Postmortem, names: ExportNames): string {
  return documentMarkdown(postmortemDocument(pm, names));
}

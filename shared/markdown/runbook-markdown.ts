import { safeHref } from './safe-href.js';

/** A run of inline Markdown: plain text, emphasis, code, or a link (http(s) only). */
export type MdInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: MdInline[] }
  | { type: 'em'; children: MdInline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: MdInline[] };

/** A block of Markdown: a heading, a paragraph, a list, or a code block. */
export type MdBlock =
  | { type: 'heading'; level: 1 | 2 | 3; inlines: MdInline[] }
  | { type: 'paragraph'; inlines: MdInline[] }
  | { type: 'list'; ordered: boolean; items: MdInline[][] }
  | { type: 'code'; text: string };

/** The longest runbook text the parser reads; the rest is cut (the service schema allows 20,000). */
export const RUNBOOK_MAX_CHARS = 20_000;

const CODE = /`([^`\n]+)`/y;
const STRONG = /\*\*(?=\S)([^*\n]+?)\*\*/y;
const EM = /(?:\*(?=\S)([^*\n]+?)\*|_(?=\S)([^_\n]+?)_(?![\p{L}\p{N}_]))/uy;
const LINK = /\[([^\]\n]{1,500})\]\(\s*([^)\s]{1,2048})\s*\)/y;
const BARE = /https?:\/\/[^\s<>()[\]]+[^\s<>()[\].,;:!?'"]/y;

/** Parses one line's inline Markdown; a link whose target is not http(s) stays as its text. */
export function parseInlines(text: string): MdInline[] {
  const out: MdInline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ type: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  const at = (pattern: RegExp) => {
    pattern.lastIndex = i;
    return pattern.exec(text);
  };
  while (i < text.length) {
    const c = text[i];
    let m: RegExpExecArray | null;
    if (c === '`' && (m = at(CODE))) {
      flush();
      out.push({ type: 'code', text: m[1]! });
    } else if (c === '*' && (m = at(STRONG))) {
      flush();
      out.push({ type: 'strong', children: parseInlines(m[1]!) });
    } else if ((c === '*' || (c === '_' && !/[\p{L}\p{N}_]/u.test(text[i - 1] ?? ''))) && (m = at(EM))) {
      // An underscore inside a word (snake_case, __init__) is not emphasis.
      flush();
      out.push({ type: 'em', children: parseInlines(m[1] ?? m[2]!) });
    } else if (c === '[' && (m = at(LINK))) {
      flush();
      const href = safeHref(m[2]!);
      const children = parseInlines(m[1]!);
      if (href) out.push({ type: 'link', href, children });
      else out.push(...children);
    } else if (c === 'h' && (m = at(BARE))) {
      flush();
      const href = safeHref(m[0]);
      if (href) out.push({ type: 'link', href, children: [{ type: 'text', text: m[0] }] });
      else plain += m[0];
    } else {
      plain += c;
      i++;
      continue;
    }
    i += m[0].length;
  }
  flush();
  return out;
}

const HEADING = /^(#{1,3})\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,4}[.)]\s+(.*)$/;

/**
 * Parses a runbook's Markdown into blocks a view renders as elements, never as HTML: headings (`#`
 * to `###`), paragraphs, bulleted and numbered lists, fenced code, and inline code, bold, italics and
 * links. Raw HTML stays text (the view escapes it), and links go only to http(s) addresses.
 */
export function parseRunbook(markdown: string): MdBlock[] {
  const lines = markdown.slice(0, RUNBOOK_MAX_CHARS).replace(/\r\n?/g, '\n').split('\n');
  const blocks: MdBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: MdInline[][] } | null = null;
  const endParagraph = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', inlines: parseInlines(paragraph.join(' ')) });
    paragraph = [];
  };
  const endList = () => {
    if (list) blocks.push({ type: 'list', ...list });
    list = null;
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (/^\s*```/.test(line)) {
      endParagraph();
      endList();
      const code: string[] = [];
      while (++n < lines.length && !/^\s*```/.test(lines[n]!)) code.push(lines[n]!);
      blocks.push({ type: 'code', text: code.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (heading) {
      endParagraph();
      endList();
      blocks.push({ type: 'heading', level: heading[1]!.length as 1 | 2 | 3, inlines: parseInlines(heading[2]!.trim()) });
    } else if (bullet || numbered) {
      endParagraph();
      const ordered = !!numbered;
      if (list && list.ordered !== ordered) endList();
      list ??= { ordered, items: [] };
      list.items.push(parseInlines((bullet ?? numbered)![1]!.trim()));
    } else if (line.trim() === '') {
      endParagraph();
      endList();
    } else {
      endList();
      paragraph.push(line.trim());
    }
  }
  endParagraph();
  endList();
  return blocks;
}

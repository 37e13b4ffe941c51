import type { Postmortem } from '../../../shared/schemas/postmortem.js';
import { postmortemDocument, type ExportNames } from './export-document.js';
import { documentMarkdown } from './markdown.js';

/**
 * The longest note Klaxon writes to a ConnectWise ticket, in characters: the same cap as its other
 * ticket notes (ConnectWise publishes no hard limit for a note's text; long notes are unwieldy there).
 */
export const TICKET_NOTE_MAX_CHARS = 4000;

/** The most notes one post-mortem is split into; what does not fit is cut with a visible marker. */
export const TICKET_NOTE_MAX_PARTS = 10;

/** How a post-mortem's ticket note is cut into notes. */
export interface TicketNoteLimits {
  maxChars: number;
  maxParts: number;
}

const DEFAULT_LIMITS: TicketNoteLimits = { maxChars: TICKET_NOTE_MAX_CHARS, maxParts: TICKET_NOTE_MAX_PARTS };

/** Cuts a text into pieces of at most `max` characters, between blocks, else between lines, else anywhere. */
function pieces(text: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  const push = (piece: string, separator: string) => {
    if (current && current.length + separator.length + piece.length <= max) current += separator + piece;
    else {
      if (current) out.push(current);
      current = piece;
    }
  };
  for (const block of text.split('\n\n')) {
    if (block.length <= max) {
      push(block, '\n\n');
      continue;
    }
    // A block too long for one note is cut between its lines, and a line too long anywhere.
    block.split('\n').forEach((line, i) => {
      for (let at = 0; at < Math.max(line.length, 1); at += max) push(line.slice(at, at + max), i === 0 && at === 0 ? '\n\n' : '\n');
    });
  }
  if (current) out.push(current);
  return out;
}

/**
 * Splits a note's text into ConnectWise notes of at most `maxChars` characters each, cut between
 * blocks where it can, each headed "Klaxon post-mortem <id> (part i of n)" when there are several.
 * Past `maxParts` notes the last one ends with a marker saying the rest was cut and where it is.
 */
export function splitTicketNote(text: string, id: string, moreAt: string, limits: TicketNoteLimits = DEFAULT_LIMITS): string[] {
  const body = text.trim();
  if (body.length <= limits.maxChars) return [body];
  const header = (i: number, n: number) => `Klaxon post-mortem ${id} (part ${i} of ${n})\n\n`;
  // Room for the longest header any part can have.
  const room = limits.maxChars - header(limits.maxParts, limits.maxParts).length;
  const cut = `[… cut here: the rest of this post-mortem is in Klaxon: ${moreAt}]`;
  const all = pieces(body, room);
  let parts = all;
  if (all.length > limits.maxParts) {
    parts = all.slice(0, limits.maxParts);
    const last = room - cut.length - 2;
    parts[parts.length - 1] = `${parts[parts.length - 1]!.slice(0, last)}\n\n${cut}`;
  }
  return parts.map((part, i) => `${header(i + 1, parts.length)}${part}`);
}

/**
 * The ticket note of a post-mortem, as notes of at most `limits.maxChars` characters: the same
 * content as the Markdown export, with tables written as one bullet per row (ticket notes show no
 * tables), split (and past `maxParts` cut) by `splitTicketNote`.
 */
export function postmortemTicketNotes(pm: Postmortem, names: ExportNames, moreAt: string, limits: TicketNoteLimits = DEFAULT_LIMITS): string[] {
  return splitTicketNote(documentMarkdown(postmortemDocument(pm, names), 'list'), pm.id, moreAt, limits);
}

/**
 * The note of a confidential incident's post-mortem: that one exists, its state and where to read
 * it, never its content (ConnectWise is a third party; see `planCalls` for the incident's own notes).
 */
export function confidentialTicketNote(pm: Pick<Postmortem, 'state'>, moreAt: string): string {
  const state = pm.state === 'signed_off' ? 'signed off' : pm.state === 'in_review' ? 'in review' : pm.state;
  return `A post-mortem of this confidential incident was written in Klaxon (${state}). Its details stay in Klaxon: ${moreAt}`;
}

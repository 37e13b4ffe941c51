import { describe, expect, it } from 'vitest';
import { examplePostmortem, EXAMPLE_NAMES } from './example-postmortem.js';
import { confidentialTicketNote, postmortemTicketNotes, splitTicketNote, TICKET_NOTE_MAX_CHARS } from './ticket-note.js';

const AT = 'https://klaxon.example/#/postmortems/pm-1';

describe('postmortemTicketNotes', () => {
  it('is one note with the export content, tables as one bullet per row', () => {
    const notes = postmortemTicketNotes(examplePostmortem(), EXAMPLE_NAMES, AT);
    expect(notes).toHaveLength(1);
    const note = notes[0]!;
    expect(note.startsWith('# Post-mortem: Disk full on fs-01')).toBe(true);
    expect(note).toContain('_Who · Channel · Level · Sent (UTC) · Read (UTC) · Outcome_\n- Bob Responder · push · 1 · 2026-11-30T10:00:05Z · — · cancelled');
    expect(note).toContain('- Fix the retention policy · Ann Admin · 2026-12-10 · Open · Runbook of service: fileserver');
    expect(note).toContain('No: the alert was missed by Bob Responder.');
    expect(note).not.toContain('| --- |');
  });

  it('splits a long post-mortem into numbered notes within the limit, losing nothing', () => {
    const id = '7b6dc83b-43ea-42cd-99d6-295a58321ed4';
    const pm = examplePostmortem((p) => {
      p.id = id;
      p.fields.rootCause = Array.from({ length: 12 }, (_, i) => `Cause ${i + 1}: ${'x'.repeat(900)}`).join('\n\n');
      p.fields.impact = `${'y'.repeat(9000)}END`;
    });
    const notes = postmortemTicketNotes(pm, EXAMPLE_NAMES, AT);
    expect(notes.length).toBeGreaterThan(3);
    notes.forEach((note, i) => {
      expect(note.length).toBeLessThanOrEqual(TICKET_NOTE_MAX_CHARS);
      expect(note.startsWith(`Klaxon post-mortem ${id} (part ${i + 1} of ${notes.length})\n\n`)).toBe(true);
    });
    const joined = notes.join('\n');
    for (let i = 1; i <= 12; i++) expect(joined).toContain(`Cause ${i}: `);
    expect(joined.match(/y/g)!.length).toBeGreaterThanOrEqual(9000);
    expect(joined).toContain('yEND');
    expect(joined).not.toContain('cut here');
  });

  it('cuts past the most notes with a visible marker naming where the rest is', () => {
    const notes = splitTicketNote(Array.from({ length: 50 }, (_, i) => `Block ${i} ${'z'.repeat(300)}`).join('\n\n'), 'pm-9', AT, { maxChars: 1000, maxParts: 3 });
    expect(notes).toHaveLength(3);
    for (const note of notes) expect(note.length).toBeLessThanOrEqual(1000);
    expect(notes[2]!.endsWith(`[… cut here: the rest of this post-mortem is in Klaxon: ${AT}]`)).toBe(true);
    expect(notes[0]!.startsWith('Klaxon post-mortem pm-9 (part 1 of 3)')).toBe(true);
  });

  it('says only that a confidential incident has a post-mortem', () => {
    expect(confidentialTicketNote({ state: 'signed_off' }, AT)).toBe(
      `A post-mortem of this confidential incident was written in Klaxon (signed off). Its details stay in Klaxon: ${AT}`,
    );
  });
});

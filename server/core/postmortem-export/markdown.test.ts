import { describe, expect, it } from 'vitest';
import { parseRunbook, type MdBlock, type MdInline } from '../../../shared/markdown/runbook-markdown.js';
import { examplePostmortem, EXAMPLE_NAMES } from './example-postmortem.js';
import { NO_NAMES } from './export-document.js';
import { escapeMarkdownBlock, escapeMarkdownInline, postmortemMarkdown } from './markdown.js';

const HOSTILE = [
  '# Injected heading',
  '<img src=x onerror=alert(1)> &lt;b&gt; <https://evil.example>',
  '[click me](javascript:alert(1)) ![img](https://evil.example/i.png) [ok](https://evil.example)',
  'bare https://evil.example/path and www.evil.example',
  '---',
  '1. not a list',
  '- not a bullet',
  '> not a quote',
  '    not code',
  '| a | b |',
  '**bold** _em_ `code` ~~strike~~ \\',
].join('\n');

/** Every link the console's renderer would find in a Markdown text. */
function linksIn(blocks: MdBlock[]): string[] {
  const inline = (list: MdInline[]): string[] =>
    list.flatMap((i) => (i.type === 'link' ? [i.href] : i.type === 'strong' || i.type === 'em' ? inline(i.children) : []));
  return blocks.flatMap((b) => (b.type === 'heading' || b.type === 'paragraph' ? inline(b.inlines) : b.type === 'list' ? b.items.flatMap(inline) : []));
}

describe('postmortemMarkdown', () => {
  it('writes the title, sign-off, digest, questions, fields, action items and comments', () => {
    const md = postmortemMarkdown(examplePostmortem(), EXAMPLE_NAMES);
    expect(md.startsWith('# Post-mortem: Disk full on fs-01\n')).toBe(true);
    expect(md).toContain('- **State:** Signed off');
    expect(md).toContain('- **Signed off:** Carol Manager at 2026-12-01T09:30:00Z (Tue 1 Dec 2026, 09:30:00 UTC)');
    expect(md).toContain('- **Client:** Acme Corp');
    // Timeline steps in UTC ISO, with the time since the first alert in words.
    expect(md).toContain('| 2026-11-30T10:07:30Z | +7 min 30 s | Acknowledged | Ann Admin | — |');
    expect(md).toContain('- **Time to read:** 6 min');
    expect(md).toContain('- **Time to acknowledge:** 7 min 30 s');
    expect(md).toContain('- **Time to resolve:** 2 h');
    // Pages: who, channel, level, sent, read, and the failure's reason.
    expect(md).toContain('| Who | Channel | Level | Sent (UTC) | Read (UTC) | Outcome |');
    expect(md).toContain('| Bob Responder | email | 1 | — | — | failed: no e-mail address |');
    expect(md).toContain('| Ann Admin | push | 2 | 2026-11-30T10:05:06Z | 2026-11-30T10:06:00Z | read |');
    // The three questions answered in words.
    expect(md).toContain('A real issue that needed attention at once.');
    expect(md).toContain('No: the alert was missed by Bob Responder.');
    expect(md).toContain('- **What was missing:** The alert did not say which share.');
    // Written fields keep their line breaks (hard breaks).
    expect(md).toContain('## Summary\n\nThe backup disk of the file server filled up.\\\nNightly backups failed for two days.\n');
    expect(md).toContain('| Fix the retention policy | Ann Admin | 2026-12-10 | Open | Runbook of service: fileserver |');
    expect(md).toContain('### Carol Manager, 2026-12-01T09:00:00Z\n\nAgreed; the retention fix is the main item.');
    const order = ['## Timeline', '## Response times', '## Pages', '## The three questions', '## Summary', '## Impact', '## Root cause', '## Contributing factors', '## Action items', '## Comments'];
    expect(order.map((h) => md.indexOf(h))).toEqual([...order.map((h) => md.indexOf(h))].sort((a, b) => a - b));
    expect(order.every((h) => md.includes(`\n${h}\n`))).toBe(true);
  });

  it('says what is missing instead of leaving gaps', () => {
    const md = postmortemMarkdown(
      examplePostmortem((pm) => {
        pm.state = 'draft';
        pm.signedOffAt = null;
        pm.signedOffBy = null;
        pm.fields = { summary: '', impact: '', rootCause: '', contributingFactors: '', actionItems: [], questions: { trigger: null, delivery: { answer: null, who: [], note: '' }, information: { enough: null, missing: '' } } };
        pm.digest.pages = [];
        pm.digest.timeToResolveMs = null;
        pm.comments = [];
      }),
      NO_NAMES,
    );
    expect(md).toContain('- **Signed off:** Not signed off yet');
    expect(md).toContain('_No pages were sent._');
    expect(md).toContain('_No summary written._');
    expect(md).toContain('_No action items._');
    expect(md).toContain('_No comments._');
    expect(md).toContain('- **Time to resolve:** —');
    expect(md.match(/Not answered yet\./g)).toHaveLength(3);
    // Without names, ids are shown as they are.
    expect(md).toContain('- **Service:** fileserver');
  });

  it('escapes what people wrote so it cannot add structure, HTML or links', () => {
    const pm = examplePostmortem((p) => {
      p.fields.impact = HOSTILE;
      p.digest.summary = 'Disk <b>full</b> [x](https://evil.example)';
      p.fields.actionItems[0]!.title = 'a | b\nnew row | c';
      p.comments[0]!.body = HOSTILE;
    });
    const md = postmortemMarkdown(pm, { ...EXAMPLE_NAMES, users: { ...EXAMPLE_NAMES.users, carol: '## Carol <script>' } });
    const impact = md.slice(md.indexOf('## Impact\n'), md.indexOf('## Root cause'));
    const lines = impact.split('\n').slice(2).filter(Boolean);
    // Every line of the text is its own escaped line: nothing can start a heading, list, quote or code block.
    expect(lines).toEqual([
      '\\# Injected heading\\',
      '\\<img src=x onerror=alert(1)\\> \\&lt;b\\&gt; \\<https\\://evil.example\\>\\',
      '\\[click me\\]\\(javascript:alert(1)) \\!\\[img\\]\\(https\\://evil.example/i.png) \\[ok\\]\\(https\\://evil.example)\\',
      'bare https\\://evil.example/path and www\\.evil.example\\',
      '\\---\\',
      '1\\. not a list\\',
      '\\- not a bullet\\',
      '\\> not a quote\\',
      'not code\\',
      '\\| a \\| b \\|\\',
      '\\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\~\\~strike\\~\\~ \\\\',
    ]);
    // No raw HTML and no headings beyond Klaxon's own.
    expect(md).not.toMatch(/(^|[^\\])<[a-z]/im);
    expect(md.match(/^#+ .*$/gm)!.every((h) => !/Injected|^## Carol/.test(h))).toBe(true);
    expect(md).toContain('# Post-mortem: Disk \\<b\\>full\\</b\\> \\[x\\]\\(https\\://evil.example)');
    // A table cell stays one cell of one row.
    expect(md).toContain('| a \\| b new row \\| c | Ann Admin |');
    // The console's own renderer finds no link anywhere in the export.
    expect(linksIn(parseRunbook(md))).toEqual([]);
  });

  it('drops control and bidirectional override characters', () => {
    expect(escapeMarkdownInline('a\u0000b\u202ec\u0007d')).toBe('abcd');
    expect(escapeMarkdownBlock('one\r\ntwo\r\n\r\n\r\nthree')).toBe('one\\\ntwo\n\nthree');
  });

  it('reports the failover: whom it paged, when, and whether they read it', () => {
    const paged = (readAt: string | null) =>
      postmortemMarkdown(
        examplePostmortem((pm) => {
          pm.digest.failover = { at: '2026-11-30T10:30:00.000Z', leadId: 'carol', readAt };
          pm.digest.pages.push({ userId: 'carol', channel: 'email', level: 3, failover: true, sentAt: '2026-11-30T10:30:00.000Z', readAt, state: readAt ? 'read' : 'sent', error: null });
        }),
        EXAMPLE_NAMES,
      );
    expect(paged(null)).toContain('- **Failover:** Carol Manager paged at 2026-11-30T10:30:00Z; never read');
    expect(paged('2026-11-30T10:31:00.000Z')).toContain('- **Failover:** Carol Manager paged at 2026-11-30T10:30:00Z; read at 2026-11-30T10:31:00Z');
    expect(paged(null)).toContain('| Carol Manager | email | 3 (failover) | 2026-11-30T10:30:00Z | — | sent |');
  });

  it('is deterministic', () => {
    expect(postmortemMarkdown(examplePostmortem(), EXAMPLE_NAMES)).toBe(postmortemMarkdown(examplePostmortem(), EXAMPLE_NAMES));
  });
});

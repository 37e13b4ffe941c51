import { describe, expect, it } from 'vitest';
import { parseInlines, parseRunbook } from './runbook-markdown.js';

describe('parseRunbook', () => {
  it('reads headings, paragraphs, lists and code', () => {
    expect(parseRunbook('# Core switch\nCheck the\nuplink.\n\n1. First\n2. Second\n- a\n```\nshow int\n```')).toEqual([
      { type: 'heading', level: 1, inlines: [{ type: 'text', text: 'Core switch' }] },
      { type: 'paragraph', inlines: [{ type: 'text', text: 'Check the uplink.' }] },
      { type: 'list', ordered: true, items: [[{ type: 'text', text: 'First' }], [{ type: 'text', text: 'Second' }]] },
      { type: 'list', ordered: false, items: [[{ type: 'text', text: 'a' }]] },
      { type: 'code', text: 'show int' },
    ]);
  });

  it('reads bold, italics, inline code and http(s) links', () => {
    expect(parseInlines('**Stop** the *pump*, run `reboot`, see [the wiki](https://wiki.example/rb) or https://x.example/a.')).toEqual([
      { type: 'strong', children: [{ type: 'text', text: 'Stop' }] },
      { type: 'text', text: ' the ' },
      { type: 'em', children: [{ type: 'text', text: 'pump' }] },
      { type: 'text', text: ', run ' },
      { type: 'code', text: 'reboot' },
      { type: 'text', text: ', see ' },
      { type: 'link', href: 'https://wiki.example/rb', children: [{ type: 'text', text: 'the wiki' }] },
      { type: 'text', text: ' or ' },
      { type: 'link', href: 'https://x.example/a', children: [{ type: 'text', text: 'https://x.example/a' }] },
      { type: 'text', text: '.' },
    ]);
  });

  it('takes underscores inside words literally', () => {
    expect(parseInlines('run restart_all_pumps and window.__pwned, but _this_ is em')).toEqual([
      { type: 'text', text: 'run restart_all_pumps and window.__pwned, but ' },
      { type: 'em', children: [{ type: 'text', text: 'this' }] },
      { type: 'text', text: ' is em' },
    ]);
  });

  it('keeps raw HTML as text and makes no link of another scheme', () => {
    const blocks = parseRunbook('<script>alert(1)</script> [x](javascript:alert(1)) [y](data:text/html,hi) <img src=x onerror=alert(1)>');
    expect(JSON.stringify(blocks)).not.toContain('"link"');
    const text = (blocks[0] as { inlines: { text?: string }[] }).inlines.map((i) => i.text ?? '').join('');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('<img src=x onerror=alert(1)>');
  });

  it('reads a huge or hostile runbook quickly and within bounds', () => {
    const started = performance.now();
    const blocks = parseRunbook(`${'['.repeat(50_000)}\n${'*['.repeat(20_000)}\n${'**a'.repeat(20_000)}`);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(JSON.stringify(blocks).length).toBeLessThan(1_000_000);
  });
});

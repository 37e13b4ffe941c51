import { describe, expect, it } from 'vitest';
import { runbookOf } from './runbook-of.js';

describe('runbookOf', () => {
  it('makes one http(s) address a link and anything else Markdown', () => {
    expect(runbookOf('https://wiki.example/rb/core')).toEqual({ kind: 'url', url: 'https://wiki.example/rb/core' });
    expect(runbookOf('See https://wiki.example/rb')).toEqual({ kind: 'markdown', text: 'See https://wiki.example/rb' });
    expect(runbookOf(undefined)).toBeNull();
  });

  it('never makes a link of another scheme', () => {
    expect(runbookOf('javascript:alert(1)')).toEqual({ kind: 'markdown', text: 'javascript:alert(1)' });
    expect(runbookOf('file:///etc/passwd')).toEqual({ kind: 'markdown', text: 'file:///etc/passwd' });
  });
});

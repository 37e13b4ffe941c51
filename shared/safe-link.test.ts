import { describe, expect, it } from 'vitest';
import { isHttpLink } from './safe-link.js';

describe('isHttpLink', () => {
  it('accepts absolute http and https URLs', () => {
    expect(isHttpLink('https://grafana.example.com/d/abc?orgId=1')).toBe(true);
    expect(isHttpLink('http://prometheus.example.com:9090/graph?g0.expr=up')).toBe(true);
    expect(isHttpLink('HTTPS://EXAMPLE.COM/')).toBe(true);
  });

  it('refuses every other scheme, in any case', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'vbscript:msgbox(1)', 'ftp://example.com/x', 'mailto:a@b.example']) {
      expect(isHttpLink(href), href).toBe(false);
    }
  });

  it('refuses text a browser could read as another scheme (spaces, control characters, tabs inside)', () => {
    for (const href of [' javascript:alert(1)', '\u0001javascript:alert(1)', 'java\tscript:alert(1)', 'https://exa mple.com', 'https://example.com/\n']) {
      expect(isHttpLink(href), JSON.stringify(href)).toBe(false);
    }
  });

  it('refuses relative and host-less addresses', () => {
    for (const href of ['/incidents/1', '//evil.example/x', 'example.com', 'https://']) expect(isHttpLink(href), href).toBe(false);
  });
});

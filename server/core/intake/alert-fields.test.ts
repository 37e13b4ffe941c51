import { describe, expect, it } from 'vitest';
import { toLinks } from './alert-fields.js';

describe('toLinks', () => {
  it('keeps http(s) links and drops every other scheme, empty and over-long addresses', () => {
    expect(
      toLinks([
        { href: 'https://grafana.example.com/d/1', text: ' Dashboard ' },
        { href: 'javascript:alert(1)', text: 'x' },
        { href: 'data:text/html,<b>x</b>' },
        { href: 'file:///etc/passwd' },
        { href: '  ' },
        { href: undefined },
        { href: `https://example.com/${'a'.repeat(2048)}` },
        { href: 'http://prometheus.example.com:9090/graph' },
      ]),
    ).toEqual([{ href: 'https://grafana.example.com/d/1', text: 'Dashboard' }, { href: 'http://prometheus.example.com:9090/graph' }]);
  });
});

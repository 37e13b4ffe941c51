import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIp, parseIp } from './ip.js';
import { normaliseIndicator } from './normalise.js';

const value = (type: Parameters<typeof normaliseIndicator>[0], raw: string) => {
  const result = normaliseIndicator(type, raw);
  return result.ok ? result.value : `refused: ${result.message}`;
};

describe('normaliseIndicator', () => {
  it('writes IPs canonically and refuses what is not one', () => {
    expect(value('ip', ' 192.0.2.1 ')).toBe('192.0.2.1');
    expect(value('ip', '2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(value('ip', '2001:db8:0:1:0:0:0:0')).toBe('2001:db8:0:1::');
    expect(value('ip', '::ffff:192.0.2.1')).toBe('::ffff:c000:201');
    expect(value('ip', '2001:db8::1:0:0:1')).toBe('2001:db8::1:0:0:1');
    for (const bad of ['256.1.1.1', '01.2.3.4', '1.2.3', '1::2::3', 'example.com', '12:30:45']) expect(value('ip', bad)).toMatch(/^refused/);
  });

  it('round-trips every IPv4 and IPv6 address through its canonical text', () => {
    fc.assert(fc.property(fc.ipV4(), (ip) => value('ip', ip) === ip));
    fc.assert(fc.property(fc.ipV6(), (ip) => {
      const once = value('ip', ip);
      return !once.startsWith('refused') && value('ip', once) === once && parseIp(once)!.bits === parseIp(ip)!.bits;
    }));
  });

  it('writes CIDR blocks as their network and checks the prefix length', () => {
    expect(value('cidr', '198.51.100.77/24')).toBe('198.51.100.0/24');
    expect(value('cidr', '2001:DB8::1/32')).toBe('2001:db8::/32');
    expect(value('cidr', '0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(value('cidr', '10.0.0.0/33')).toMatch(/^refused/);
    expect(value('cidr', '10.0.0.0')).toMatch(/^refused/);
  });

  it('lower-cases domains, e-mails and hashes; upper-cases CVEs; checks URLs and phrases', () => {
    expect(value('domain', 'Evil.Example.')).toBe('evil.example');
    expect(value('domain', 'bücher.example')).toBe('xn--bcher-kva.example');
    expect(value('domain', 'localhost')).toMatch(/^refused/);
    expect(value('domain', '-bad.example')).toMatch(/^refused/);
    expect(value('email', 'Boss@Evil.Example')).toBe('boss@evil.example');
    expect(value('email', 'no-at-sign')).toMatch(/^refused/);
    expect(value('hash', 'D41D8CD98F00B204E9800998ECF8427E')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(value('hash', 'abc')).toMatch(/^refused/);
    expect(value('hash', 'g'.repeat(32))).toMatch(/^refused/);
    expect(value('cve', 'cve-2024-3094')).toBe('CVE-2024-3094');
    expect(value('cve', 'CVE-24-1')).toMatch(/^refused/);
    expect(value('url', 'HTTP://Evil.Example:80/a')).toBe('http://evil.example/a');
    expect(value('url', 'javascript:alert(1)')).toMatch(/^refused/);
    expect(value('text', '  Cobalt   Strike ')).toBe('cobalt strike');
    expect(value('text', 'ab')).toMatch(/^refused/);
  });

  it('formats the all-zero and all-ones IPv6 addresses', () => {
    expect(formatIp({ version: 6, bits: 0n })).toBe('::');
    expect(formatIp({ version: 6, bits: (1n << 128n) - 1n })).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AllowListError, createAddressGuard, parseAllowList, unmapAddress } from './address-guard.js';

describe('createAddressGuard', () => {
  const guard = createAddressGuard();

  it('refuses loopback, private, CGNAT, link-local, metadata, multicast and unspecified addresses', () => {
    const refused = [
      '127.0.0.1', '127.9.9.9', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1', '169.254.169.254',
      '224.0.0.1', '239.255.255.250', '255.255.255.255', '0.0.0.0', '::', '::1', '[::1]', 'fe80::1', 'fc00::1',
      'fd00:ec2::254', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '[::ffff:a9fe:a9fe]', '::ffff:10.0.0.1',
    ];
    expect(refused.filter((a) => guard.allows(a))).toEqual([]);
  });

  it('allows public addresses, and refuses anything that is not an IP address', () => {
    expect(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'].every((a) => guard.allows(a))).toBe(true);
    expect(guard.allows('localhost')).toBe(false);
    expect(guard.allows('')).toBe(false);
  });

  it('lets the allow-list open exactly the ranges it names, mapped IPv6 included', () => {
    const allowing = createAddressGuard(['127.0.0.1/32', '10.0.0.0/8']);
    expect(allowing.allows('127.0.0.1')).toBe(true);
    expect(allowing.allows('::ffff:127.0.0.1')).toBe(true);
    expect(allowing.allows('10.200.0.1')).toBe(true);
    expect(allowing.allows('127.0.0.2')).toBe(false);
    expect(allowing.allows('::1')).toBe(false);
    expect(allowing.allows('169.254.169.254')).toBe(false);
  });

  it('sees through every spelling of an IPv4-mapped address (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
        const hex = `::ffff:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        expect(unmapAddress(hex)).toBe(v4);
        expect(guard.allows(hex)).toBe(guard.allows(v4));
        expect(guard.allows(`::ffff:${v4}`)).toBe(guard.allows(v4));
      }),
    );
  });
});

describe('parseAllowList', () => {
  it('reads comma-separated ranges and bare addresses', () => {
    expect(parseAllowList(' 127.0.0.1/32, 10.0.0.0/8 ,::1')).toEqual(['127.0.0.1/32', '10.0.0.0/8', '::1']);
  });

  it('names the range it cannot read', () => {
    expect(() => parseAllowList('10.0.0.0/33')).toThrow(AllowListError);
    expect(() => parseAllowList('example.com/8')).toThrow('"example.com/8"');
    expect(() => parseAllowList('10.0.0.0/8/1')).toThrow(AllowListError);
  });
});

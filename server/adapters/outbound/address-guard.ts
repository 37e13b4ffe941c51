import { BlockList, isIP } from 'node:net';

/**
 * The address ranges a person-supplied destination may not reach unless the allow-list names them:
 * unspecified, loopback, private (RFC 1918), carrier-grade NAT, link-local (with the cloud metadata
 * address 169.254.169.254), IETF protocol and documentation ranges, benchmarking, multicast and
 * reserved IPv4; unspecified, loopback and IPv4-compatible, discard-only, documentation, unique local
 * (with AWS's fd00:ec2::254), link-local, site-local and multicast IPv6.
 */
export const FORBIDDEN_RANGES: readonly string[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/96',
  '100::/64',
  '2001:db8::/32',
  'fc00::/7',
  'fe80::/10',
  'fec0::/10',
  'ff00::/8',
];

/** Decides which addresses an outbound request may connect to. */
export interface AddressGuard {
  /** Tells whether a connection to this IP address (v4 or v6, brackets allowed) may be made. */
  allows(address: string): boolean;
}

/** A CIDR range the allow-list cannot read; the message names it. */
export class AllowListError extends Error {
  override readonly name = 'AllowListError';
}

interface Range {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** Reads one CIDR range (`10.0.0.0/8`, `::1/128`; a bare address means that one address). */
function parseRange(text: string): Range {
  const [address = '', prefixText, extra] = text.trim().split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) throw new AllowListError(`not an IP range: "${text}"`);
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText ?? String(max)) || prefix > max) throw new AllowListError(`not an IP range: "${text}"`);
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * Reads a comma-separated allow-list such as `127.0.0.1/32,10.0.0.0/8,::1/128` into its ranges;
 * throws an `AllowListError` naming the first range it cannot read.
 */
export function parseAllowList(text: string): string[] {
  const ranges = text.split(',').map((part) => part.trim()).filter(Boolean);
  for (const range of ranges) parseRange(range);
  return ranges;
}

function blockListOf(ranges: readonly string[]): BlockList {
  const list = new BlockList();
  for (const text of ranges) {
    const range = parseRange(text);
    list.addSubnet(range.address, range.prefix, range.family);
  }
  return list;
}

/** Expands an IPv6 address into its eight 16-bit groups, or undefined for anything else. */
function ipv6Groups(address: string): number[] | undefined {
  if (isIP(address) !== 6) return undefined;
  let text = address.toLowerCase();
  // A dotted IPv4 tail (::ffff:127.0.0.1) becomes two hex groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}

/**
 * Returns the IPv4 address an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, `::ffff:7f00:1`) stands
 * for, or the address itself (without brackets) otherwise, so that mapping cannot hide a forbidden
 * IPv4 address.
 */
export function unmapAddress(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '');
  const groups = ipv6Groups(bare);
  if (!groups || groups.slice(0, 5).some((g) => g !== 0) || groups[5] !== 0xffff) return bare;
  const [high = 0, low = 0] = groups.slice(6);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/**
 * Creates the guard: an address in `allow` (CIDR ranges, e.g. from `KLAXON_OUTBOUND_ALLOW`) is
 * allowed; otherwise an address in `FORBIDDEN_RANGES` is refused and every other address allowed.
 * Anything that is not an IP address is refused.
 */
export function createAddressGuard(allow: readonly string[] = []): AddressGuard {
  const allowed = blockListOf(allow);
  const forbidden = blockListOf(FORBIDDEN_RANGES);
  return {
    allows(address) {
      const ip = unmapAddress(address);
      const version = isIP(ip);
      if (version === 0) return false;
      const family = version === 4 ? 'ipv4' : 'ipv6';
      if (allowed.check(ip, family)) return true;
      return !forbidden.check(ip, family);
    },
  };
}

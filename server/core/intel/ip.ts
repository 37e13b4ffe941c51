/** An IP address as a number: IPv4 in 32 bits, IPv6 in 128 bits. */
export interface IpAddress {
  version: 4 | 6;
  bits: bigint;
}

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Parses dotted-quad IPv4 text (no leading zeros, which some tools read as octal). */
export function parseIpv4(text: string): IpAddress | undefined {
  if (!V4.test(text)) return undefined;
  const bits = text.split('.').reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
  return { version: 4, bits };
}

/** Parses IPv6 text (compressed or not, with an embedded IPv4 tail; no zone id). */
export function parseIpv6(text: string): IpAddress | undefined {
  if (text.length > 45 || !/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return undefined;
  let head = text;
  let tail: bigint[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = [v4.bits >> 16n, v4.bits & 0xffffn];
    head = text.slice(0, lastColon + 1);
    // "::1.2.3.4" keeps its "::"; "a:b:…:1.2.3.4" leaves a dangling ":" to drop.
    if (!head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): bigint[] | undefined => {
    if (part === '') return [];
    const out: bigint[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt(`0x${g}`));
    }
    return out;
  };
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  if (!left || !right) return undefined;
  const given = left.length + right.length + tail.length;
  let all: bigint[];
  if (halves.length === 2) {
    if (given > 7) return undefined;
    all = [...left, ...Array<bigint>(8 - given).fill(0n), ...right, ...tail];
  } else {
    if (given !== 8) return undefined;
    all = [...left, ...tail];
  }
  return { version: 6, bits: all.reduce((n, g) => (n << 16n) | g, 0n) };
}

/** Parses IPv4 or IPv6 text. */
export function parseIp(text: string): IpAddress | undefined {
  return parseIpv4(text) ?? parseIpv6(text);
}

/** The canonical text: dotted quad, or RFC 5952 IPv6 (lower-case, the longest zero run as "::"). */
export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.bits >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.bits >> BigInt((7 - i) * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) => groups.slice(from, to).map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

/** How many bits an address of this version has. */
export const widthOf = (version: 4 | 6): number => (version === 4 ? 32 : 128);

/** The address with every bit after the first `prefix` cleared. */
export function maskIp(ip: IpAddress, prefix: number): bigint {
  const width = BigInt(widthOf(ip.version));
  const host = width - BigInt(prefix);
  return (ip.bits >> host) << host;
}

import type { IndicatorType } from '../../../shared/schemas/intel.js';
import { formatIp, maskIp, parseIp, widthOf } from './ip.js';

/** A value made canonical, or why it is not a value of its type. */
export type Normalised = { ok: true; value: string } | { ok: false; message: string };

const ok = (value: string): Normalised => ({ ok: true, value });
const bad = (message: string): Normalised => ({ ok: false, message });

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const HASH_LENGTHS: Record<number, string> = { 32: 'MD5', 40: 'SHA-1', 64: 'SHA-256' };

/** Text phrases shorter than this would match nearly every alert. */
export const MIN_PHRASE = 3;
/** The longest text phrase (matching cost grows with it). */
export const MAX_PHRASE = 200;

/** A domain name in lower-case ASCII without the trailing dot, or undefined when it is not one. */
export function canonicalDomain(text: string): string | undefined {
  let host = text.trim().toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.length === 0 || host.length > 253) return undefined;
  if (/[^\x20-\x7e]/.test(host)) {
    // An internationalised name: the URL parser gives its A-label (punycode) form.
    try {
      host = new URL(`http://${host}/`).hostname;
    } catch {
      return undefined;
    }
  }
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return undefined;
  if (/^\d+$/.test(labels.at(-1)!)) return undefined;
  return host;
}

function normaliseCidr(text: string): Normalised {
  const slash = text.indexOf('/');
  if (slash < 0) return bad('a CIDR block is an address, "/" and a prefix length, e.g. 198.51.100.0/24');
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip) return bad(`"${text.slice(0, slash)}" is not an IPv4 or IPv6 address`);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > widthOf(ip.version)) {
    return bad(`the prefix length must be 0 to ${widthOf(ip.version)}`);
  }
  const prefix = Number(prefixText);
  return ok(`${formatIp({ version: ip.version, bits: maskIp(ip, prefix) })}/${prefix}`);
}

function normaliseUrl(text: string): Normalised {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad('not an absolute URL');
  }
  if (!['http:', 'https:', 'ftp:'].includes(url.protocol)) return bad('only http, https and ftp URLs are indicators');
  if (!url.hostname) return bad('the URL has no host');
  return ok(url.href);
}

function normaliseEmail(text: string): Normalised {
  const at = text.lastIndexOf('@');
  const local = text.slice(0, at);
  if (at <= 0 || local.length > 64 || !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(local)) return bad('not an e-mail address');
  const domain = canonicalDomain(text.slice(at + 1));
  if (!domain) return bad('the e-mail address has no valid domain');
  return ok(`${local.toLowerCase()}@${domain}`);
}

/**
 * Checks a value of an indicator type and makes it canonical, so that one indicator has one text
 * and ingest can match it by lookup: IPs in canonical text (IPv6 per RFC 5952), CIDR blocks as
 * their network, domains lower-case without the trailing dot (IDN as punycode), URLs as the URL
 * parser writes them, e-mails and hashes (MD5, SHA-1, SHA-256 hex) lower-case, CVE ids upper-case,
 * text phrases lower-case with runs of white space made one space.
 */
export function normaliseIndicator(type: IndicatorType, raw: string): Normalised {
  const text = raw.trim();
  if (text.length === 0) return bad('empty');
  switch (type) {
    case 'ip': {
      const ip = parseIp(text);
      return ip ? ok(formatIp(ip)) : bad(`"${text}" is not an IPv4 or IPv6 address`);
    }
    case 'cidr':
      return normaliseCidr(text);
    case 'domain': {
      const domain = canonicalDomain(text);
      return domain ? ok(domain) : bad(`"${text}" is not a domain name`);
    }
    case 'url':
      return normaliseUrl(text);
    case 'email':
      return normaliseEmail(text);
    case 'hash':
      return /^[0-9a-fA-F]+$/.test(text) && HASH_LENGTHS[text.length]
        ? ok(text.toLowerCase())
        : bad('a hash is MD5 (32), SHA-1 (40) or SHA-256 (64) hexadecimal digits');
    case 'cve':
      return /^cve-\d{4}-\d{4,7}$/i.test(text) ? ok(text.toUpperCase()) : bad('a CVE id looks like CVE-2024-12345');
    case 'text': {
      const phrase = text.replace(/\s+/g, ' ').toLowerCase();
      if (phrase.length < MIN_PHRASE || phrase.length > MAX_PHRASE) return bad(`a text phrase has ${MIN_PHRASE} to ${MAX_PHRASE} characters`);
      return ok(phrase);
    }
  }
}

/** The hash algorithm a normalised hash value is (by its length). */
export function hashAlgorithm(value: string): 'MD5' | 'SHA-1' | 'SHA-256' {
  return HASH_LENGTHS[value.length] as 'MD5' | 'SHA-1' | 'SHA-256';
}

/** Tags made comparable: trimmed, lower-case, each once, in the order given. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0))];
}

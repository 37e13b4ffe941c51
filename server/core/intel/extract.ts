import type { IndicatorType } from '../../../shared/schemas/intel.js';

/** One string of an alert to search, with where it is ("summary", "links.0.href", "payload.host"). */
export interface AlertText {
  field: string;
  text: string;
}

/** The parts of an alert matching reads. */
export interface MatchableAlert {
  summary: string;
  source: string;
  links: readonly { href: string; text?: string }[];
  payload?: unknown;
}

/** Limits that keep one alert's matching cost bounded, whatever it carries. */
export const SCAN_LIMITS = { strings: 500, chars: 64 * 1024, depth: 12 } as const;

/**
 * The alert's strings to search, in order: summary, source, each link's address and text, then the
 * payload's string values (and object keys are not searched), depth first, within `SCAN_LIMITS`.
 */
export function alertTexts(alert: MatchableAlert): AlertText[] {
  const out: AlertText[] = [];
  let chars = 0;
  const add = (field: string, text: string): boolean => {
    if (out.length >= SCAN_LIMITS.strings || chars >= SCAN_LIMITS.chars) return false;
    const kept = text.slice(0, SCAN_LIMITS.chars - chars);
    chars += kept.length;
    if (kept.length > 0) out.push({ field, text: kept });
    return true;
  };
  add('summary', alert.summary);
  add('source', alert.source);
  alert.links.forEach((link, n) => {
    add(`links.${n}.href`, link.href);
    if (link.text) add(`links.${n}.text`, link.text);
  });
  const walk = (value: unknown, path: string, depth: number): boolean => {
    if (typeof value === 'string') return add(path, value);
    if (depth >= SCAN_LIMITS.depth || value === null || typeof value !== 'object') return true;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (!walk(value[i], `${path}.${i}`, depth + 1)) return false;
      return true;
    }
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) if (!walk(inner, `${path}.${key}`, depth + 1)) return false;
    return true;
  };
  walk(alert.payload, 'payload', 0);
  return out;
}

/** A candidate observable found in a text, before lookup. */
export interface Candidate {
  type: Exclude<IndicatorType, 'cidr' | 'text'>;
  value: string;
}

const PATTERNS: { type: Candidate['type']; re: RegExp }[] = [
  { type: 'url', re: /\b(?:https?|ftp):\/\/[^\s"'<>`\\]+/gi },
  { type: 'email', re: /[a-z0-9._%+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,63}/gi },
  { type: 'ip', re: /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\d|\.\d)/g },
  { type: 'ip', re: /(?<![0-9a-f:])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![0-9a-f:])/gi },
  { type: 'domain', re: /(?<![a-z0-9.@-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9](?![a-z0-9-])/gi },
  { type: 'hash', re: /(?<![0-9a-f])(?:[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})(?![0-9a-f])/gi },
  { type: 'cve', re: /\bcve-\d{4}-\d{4,7}\b/gi },
];

/**
 * The raw observables in a text, by regular expression, for the types in `wanted` (the others are
 * not looked for): URLs, e-mail addresses, IPv4 and IPv6 addresses, domain names, MD5/SHA-1/SHA-256
 * hashes and CVE ids. Values are as written; the matcher makes them canonical.
 */
export function* candidates(text: string, wanted: ReadonlySet<Candidate['type']>): Generator<Candidate> {
  for (const { type, re } of PATTERNS) {
    if (!wanted.has(type)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      // A URL's trailing sentence punctuation is not part of it.
      yield { type, value: type === 'url' ? m[0].replace(/[.,;:!?)\]}]+$/, '') : m[0] };
    }
  }
}

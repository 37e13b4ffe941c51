import type { IndicatorType } from '../schemas/intel.js';

/**
 * Observables in an incident's text: the IPs, CIDR ranges, domains, URLs, e-mail addresses, file
 * hashes and CVE ids an analyst may want to turn into threat indicators (issue 15). Pure, so the
 * console's incident detail and the relay can share it.
 */

/** One value found, with its type and where it was first seen ("summary", "alert 2 payload.details.ip"). */
export interface Observable {
  type: Exclude<IndicatorType, 'text'>;
  /** Normalised: lower-case domains, e-mails and hashes; upper-case CVE ids. */
  value: string;
  field: string;
}

/** A piece of text to search and where it came from. */
export interface ObservableSource {
  field: string;
  text: string;
}

/** At most this many observables per incident: the list is for a person to read. */
export const MAX_OBSERVABLES = 100;
/** Strings longer than this are cut before searching (a payload may carry a whole log). */
const MAX_TEXT = 20_000;
/** How deep into a payload to walk, and how many strings to take from it. */
const MAX_DEPTH = 8;
const MAX_STRINGS = 500;

const URL_RE = /\bhttps?:\/\/[^\s"'<>()[\]{}]+/gi;
const EMAIL_RE = /\b[a-z0-9._%+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,24}\b/gi;
const CVE_RE = /\bCVE-\d{4}-\d{4,7}\b/gi;
const HASH_RE = /\b(?:[a-f0-9]{64}|[a-f0-9]{40}|[a-f0-9]{32})\b/gi;
const IPV4_RE = /\b(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?\b/g;
const DOMAIN_RE = /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b/gi;

/** Endings that make a "domain" far more likely a file name (disk.log, run.sh) than a host. */
const FILE_ENDINGS = new Set([
  'exe', 'dll', 'sys', 'bat', 'cmd', 'ps1', 'sh', 'py', 'js', 'ts', 'rb', 'pl', 'php', 'jar', 'class',
  'txt', 'log', 'csv', 'json', 'yaml', 'yml', 'xml', 'ini', 'cfg', 'conf', 'toml', 'md', 'html', 'htm',
  'zip', 'gz', 'tgz', 'tar', 'rar', '7z', 'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'png',
  'jpg', 'jpeg', 'gif', 'svg', 'bak', 'tmp', 'db', 'sql', 'msi', 'iso', 'vbs', 'lnk', 'hta', 'so',
]);

function validIpv4(text: string): boolean {
  const [address, prefix] = text.split('/');
  const parts = address!.split('.');
  if (!parts.every((p) => Number(p) <= 255 && String(Number(p)) === p)) return false;
  return prefix === undefined || Number(prefix) <= 32;
}

/** The host of a URL as a domain or an IP, if it has one. */
function hostOf(url: string): { type: 'domain' | 'ip'; value: string } | null {
  const host = /^https?:\/\/(?:[^@/?#]*@)?([^/:?#]+)/i.exec(url)?.[1]?.toLowerCase();
  if (!host) return null;
  if (/^(?:\d{1,3}\.){3}\d{1,3}$/.test(host)) return validIpv4(host) ? { type: 'ip', value: host } : null;
  return /^(?:[a-z0-9-]+\.)+[a-z]{2,24}$/.test(host) ? { type: 'domain', value: host } : null;
}

/** The observables in one string, in the order found, each type's matches taken out before the next looks. */
function scan(text: string, field: string, found: Observable[]): void {
  let rest = text.slice(0, MAX_TEXT);
  const take = (re: RegExp, each: (match: string) => Observable['type'] | null, normalise: (m: string) => string) => {
    rest = rest.replace(re, (match) => {
      const type = each(match);
      if (type) found.push({ type, value: normalise(match), field });
      // A blank keeps the parts of a URL or an address from matching again as a domain or an IP.
      return type ? ' ' : match;
    });
  };
  take(URL_RE, () => 'url', (m) => m.replace(/[.,;:!?]+$/, ''));
  // A URL's host is an observable of its own (the domain a feed is likelier to list).
  for (const url of found.filter((o) => o.type === 'url' && o.field === field)) {
    const host = hostOf(url.value);
    if (host) found.push({ type: host.type, value: host.value, field });
  }
  take(EMAIL_RE, () => 'email', (m) => m.toLowerCase());
  take(CVE_RE, () => 'cve', (m) => m.toUpperCase());
  take(HASH_RE, () => 'hash', (m) => m.toLowerCase());
  take(IPV4_RE, (m) => (validIpv4(m) ? (m.includes('/') ? 'cidr' : 'ip') : null), (m) => m);
  take(DOMAIN_RE, (m) => (FILE_ENDINGS.has(m.slice(m.lastIndexOf('.') + 1).toLowerCase()) ? null : 'domain'), (m) => m.toLowerCase());
}

/** Every string in a JSON-like value, with its dotted path, breadth-bounded. */
export function stringsOf(value: unknown, prefix: string, out: ObservableSource[] = [], depth = 0): ObservableSource[] {
  if (out.length >= MAX_STRINGS || depth > MAX_DEPTH) return out;
  if (typeof value === 'string') out.push({ field: prefix, text: value });
  else if (Array.isArray(value)) value.forEach((item, i) => stringsOf(item, `${prefix}.${i}`, out, depth + 1));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) stringsOf(item, `${prefix}.${key}`, out, depth + 1);
  }
  return out;
}

/** The distinct observables (by type and value) in `sources`, first sighting kept, at most `MAX_OBSERVABLES`. */
export function extractObservables(sources: readonly ObservableSource[]): Observable[] {
  const found: Observable[] = [];
  for (const source of sources) scan(source.text, source.field, found);
  const seen = new Set<string>();
  const distinct: Observable[] = [];
  for (const o of found) {
    const key = `${o.type}\u0000${o.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    distinct.push(o);
    if (distinct.length >= MAX_OBSERVABLES) break;
  }
  return distinct;
}

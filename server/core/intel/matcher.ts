import { canonicalDomain, normaliseIndicator } from './normalise.js';
import { alertTexts, candidates, type Candidate, type MatchableAlert } from './extract.js';
import type { IndexedIndicator, IntelIndex } from './intel-index.js';
import { parseIp } from './ip.js';

/** A live indicator found in an alert, and the first field it was found in. */
export interface FoundMatch {
  indicator: IndexedIndicator;
  field: string;
}

/**
 * Finds the live indicators an alert contains: its strings' candidate observables made canonical
 * and looked up in the index's hash maps (an IP also in the CIDR blocks; a domain, and a URL's or
 * e-mail's host, also by its parent domains), and text phrases by the index's automaton over the
 * lower-cased strings. Each indicator is reported once, at its first field. The cost grows with the
 * alert's size (bounded by `SCAN_LIMITS`), not with the number of indicators.
 */
export function matchAlert(index: IntelIndex, alert: MatchableAlert, now: number): FoundMatch[] {
  if (index.size === 0) return [];
  const found = new Map<string, FoundMatch>();
  const hit = (indicator: IndexedIndicator | undefined, field: string) => {
    if (!indicator || found.has(indicator.id)) return;
    if (indicator.expiresAt !== null && indicator.expiresAt <= now) return;
    found.set(indicator.id, { indicator, field });
  };
  const wanted = new Set<Candidate['type']>();
  for (const type of index.types) {
    if (type === 'cidr') wanted.add('ip');
    else if (type !== 'text') wanted.add(type);
  }
  // A host inside a URL or e-mail can match a domain or IP indicator.
  if (index.types.has('domain') || index.types.has('ip') || index.types.has('cidr')) {
    if (wanted.size > 0) {
      wanted.add('url');
      wanted.add('email');
    }
  }
  const domainHit = (host: string, field: string) => {
    const domain = canonicalDomain(host);
    if (!domain) return;
    // evil.example matches www.evil.example too: look up each parent with two labels or more.
    const labels = domain.split('.');
    for (let i = 0; i <= labels.length - 2; i++) hit(index.exact('domain', labels.slice(i).join('.')), field);
  };
  const ipHit = (text: string, field: string) => {
    const ip = parseIp(text);
    if (!ip) return;
    const canonical = normaliseIndicator('ip', text);
    if (canonical.ok) hit(index.exact('ip', canonical.value), field);
    for (const block of index.blocksOf(ip)) hit(block, field);
  };
  const hostHit = (host: string, field: string) => {
    const bare = host.startsWith('[') ? host.slice(1, -1) : host;
    if (parseIp(bare)) ipHit(bare, field);
    else domainHit(bare, field);
  };

  for (const { field, text } of alertTexts(alert)) {
    if (wanted.size > 0) {
      for (const candidate of candidates(text, wanted)) {
        switch (candidate.type) {
          case 'ip':
            ipHit(candidate.value, field);
            break;
          case 'domain':
            domainHit(candidate.value, field);
            break;
          case 'url': {
            const url = normaliseIndicator('url', candidate.value);
            if (!url.ok) break;
            hit(index.exact('url', url.value), field);
            hostHit(new URL(url.value).hostname, field);
            break;
          }
          case 'email': {
            const email = normaliseIndicator('email', candidate.value);
            if (!email.ok) break;
            hit(index.exact('email', email.value), field);
            domainHit(email.value.slice(email.value.lastIndexOf('@') + 1), field);
            break;
          }
          default: {
            const value = normaliseIndicator(candidate.type, candidate.value);
            if (value.ok) hit(index.exact(candidate.type, value.value), field);
          }
        }
      }
    }
    if (index.types.has('text')) {
      for (const phrase of index.phrasesIn(text.replace(/\s+/g, ' ').toLowerCase())) hit(phrase, field);
    }
  }
  return [...found.values()];
}

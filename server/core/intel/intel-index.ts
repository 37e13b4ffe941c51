import type { IndicatorType, IndicatorVisibility } from '../../../shared/schemas/intel.js';
import { maskIp, parseIp, type IpAddress } from './ip.js';
import { buildPhraseAutomaton, type PhraseAutomaton } from './phrase-automaton.js';

/** What the matcher keeps of a live indicator. */
export interface IndexedIndicator {
  id: string;
  type: IndicatorType;
  value: string;
  confidence: number;
  tags: readonly string[];
  visibility: IndicatorVisibility;
  /** Epoch ms after which it no longer matches; null never. */
  expiresAt: number | null;
}

/**
 * Live indicators arranged for lookups that do not grow with their number: one hash map of exact
 * values (type and canonical value), CIDR blocks in one map of masked networks per prefix length,
 * text phrases in an Aho–Corasick automaton.
 */
export interface IntelIndex {
  readonly size: number;
  /** Which types it holds (the matcher skips extracting the others). */
  readonly types: ReadonlySet<IndicatorType>;
  /** The indicator of this type with this canonical value. */
  exact(type: IndicatorType, value: string): IndexedIndicator | undefined;
  /** The CIDR indicators whose block holds the address. */
  blocksOf(ip: IpAddress): IndexedIndicator[];
  /** The text-phrase indicators a lower-case text contains. */
  phrasesIn(text: string): Set<IndexedIndicator>;
}

/** Builds the index; the last of two indicators with the same type and value wins (the store keeps them unique). */
export function buildIntelIndex(indicators: Iterable<IndexedIndicator>): IntelIndex {
  const exact = new Map<string, IndexedIndicator>();
  const blocks = { 4: new Map<number, Map<bigint, IndexedIndicator[]>>(), 6: new Map<number, Map<bigint, IndexedIndicator[]>>() };
  const phrases: [string, IndexedIndicator][] = [];
  const types = new Set<IndicatorType>();
  let size = 0;
  for (const indicator of indicators) {
    size++;
    types.add(indicator.type);
    if (indicator.type === 'text') {
      phrases.push([indicator.value, indicator]);
    } else if (indicator.type === 'cidr') {
      const [address, prefixText] = indicator.value.split('/');
      const ip = parseIp(address!);
      if (!ip) continue;
      const prefix = Number(prefixText);
      const byPrefix = blocks[ip.version];
      let networks = byPrefix.get(prefix);
      if (!networks) byPrefix.set(prefix, (networks = new Map()));
      const network = maskIp(ip, prefix);
      networks.set(network, [...(networks.get(network) ?? []), indicator]);
    } else {
      exact.set(`${indicator.type}\u0000${indicator.value}`, indicator);
    }
  }
  const automaton: PhraseAutomaton<IndexedIndicator> = buildPhraseAutomaton(phrases);
  return {
    size,
    types,
    exact: (type, value) => exact.get(`${type}\u0000${value}`),
    blocksOf(ip) {
      const out: IndexedIndicator[] = [];
      // At most 33 (IPv4) or 129 (IPv6) prefix lengths, however many blocks there are.
      for (const [prefix, networks] of blocks[ip.version]) {
        const found = networks.get(maskIp(ip, prefix));
        if (found) out.push(...found);
      }
      return out;
    },
    phrasesIn: (text) => automaton.find(text),
  };
}

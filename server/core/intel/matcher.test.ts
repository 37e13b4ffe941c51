import { describe, expect, it } from 'vitest';
import { buildIntelIndex, type IndexedIndicator } from './intel-index.js';
import { matchAlert } from './matcher.js';
import { buildPhraseAutomaton } from './phrase-automaton.js';
import { intelPriority } from './priority.js';

const NOW = Date.UTC(2030, 0, 1);
let n = 0;
const ind = (type: IndexedIndicator['type'], value: string, over: Partial<IndexedIndicator> = {}): IndexedIndicator => ({
  id: `i${++n}`,
  type,
  value,
  confidence: 50,
  tags: [],
  visibility: 'team',
  expiresAt: null,
  ...over,
});

const alert = (summary: string, payload: unknown = {}, links: { href: string }[] = []) => ({ summary, source: 'edr', links, payload });
const found = (index: ReturnType<typeof buildIntelIndex>, a: ReturnType<typeof alert>) =>
  matchAlert(index, a, NOW).map((m) => `${m.indicator.type}:${m.indicator.value}@${m.field}`).sort();

describe('matchAlert', () => {
  const index = buildIntelIndex([
    ind('ip', '192.0.2.1'),
    ind('ip', '2001:db8::1'),
    ind('cidr', '198.51.100.0/24'),
    ind('cidr', '2001:db8:ff00::/40'),
    ind('domain', 'evil.example'),
    ind('url', 'http://phish.example/login'),
    ind('email', 'boss@fraud.example'),
    ind('hash', 'd41d8cd98f00b204e9800998ecf8427e'),
    ind('cve', 'CVE-2024-3094'),
    ind('text', 'cobalt strike'),
    ind('domain', 'gone.example', { expiresAt: NOW }),
  ]);

  it('finds each kind of observable in summary, links and payload, once per indicator at its first field', () => {
    expect(found(index, alert('Beacon to 192.0.2.1 and 192.0.2.1 again', { dst: '198.51.100.200', v6: ['2001:DB8:0::1', '2001:db8:ff12::9'] }))).toEqual([
      'cidr:198.51.100.0/24@payload.dst',
      'cidr:2001:db8:ff00::/40@payload.v6.1',
      'ip:192.0.2.1@summary',
      'ip:2001:db8::1@payload.v6.0',
    ]);
    expect(found(index, alert('Mail from BOSS@fraud.example about CVE-2024-3094', { file: { md5: 'D41D8CD98F00B204E9800998ECF8427E' }, note: 'Cobalt\n  Strike beacon' }, [{ href: 'http://PHISH.example/login' }]))).toEqual([
      'cve:CVE-2024-3094@summary',
      'email:boss@fraud.example@summary',
      'hash:d41d8cd98f00b204e9800998ecf8427e@payload.file.md5',
      'text:cobalt strike@payload.note',
      'url:http://phish.example/login@links.0.href',
    ]);
    expect(found(index, alert('DNS query for cdn.Evil.Example.', { url: 'https://www.evil.example/x.' }))).toEqual(['domain:evil.example@summary']);
    expect(found(index, alert('cobalt strike seen'))).toEqual(['text:cobalt strike@summary']);
  });

  it('ignores expired indicators, near misses and lookalikes', () => {
    expect(found(index, alert('gone.example 192.0.2.10 192.0.2.1.5 notevil.example evil.example.org 198.51.101.1 d41d8cd98f00b204e9800998ecf8427e0'))).toEqual([]);
  });

  it('matches nothing and reads nothing when the index is empty', () => {
    expect(matchAlert(buildIntelIndex([]), alert('192.0.2.1'), NOW)).toEqual([]);
  });
});

describe('buildPhraseAutomaton', () => {
  it('finds overlapping phrases and phrases inside others in one pass', () => {
    const automaton = buildPhraseAutomaton([['he', 1], ['she', 2], ['hers', 3], ['his', 4]]);
    expect([...automaton.find('ushers')].sort()).toEqual([1, 2, 3]);
    expect([...automaton.find('this')]).toEqual([4]);
    expect(automaton.find('xyz').size).toBe(0);
  });
});

describe('intelPriority', () => {
  const rules = [
    { minConfidence: 80, tags: ['c2'], types: [], priority: 'high' as const },
    { minConfidence: 0, tags: [], types: ['hash' as const], priority: 'medium' as const },
  ];
  it('applies the first rule that holds, and never lowers a priority', () => {
    expect(intelPriority(rules, [ind('ip', '192.0.2.1', { confidence: 90, tags: ['c2'] })], 'low')).toEqual({ priority: 'high', rule: 1 });
    expect(intelPriority(rules, [ind('ip', '192.0.2.1', { confidence: 70, tags: ['c2'] })], 'low')).toBeUndefined();
    expect(intelPriority(rules, [ind('hash', 'a'.repeat(32))], 'low')).toEqual({ priority: 'medium', rule: 2 });
    expect(intelPriority(rules, [ind('hash', 'a'.repeat(32))], 'high')).toBeUndefined();
  });
});

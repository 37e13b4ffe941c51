import { describe, expect, it } from 'vitest';
import { extractObservables, MAX_OBSERVABLES, stringsOf } from './observables.js';

describe('extractObservables', () => {
  it('finds each type once, normalised, with where it was first seen', () => {
    const found = extractObservables([
      { field: 'summary', text: 'Beacon from 203.0.113.7 to EVIL.example.com (CVE-2024-3400), see https://intel.example.org/r/1.' },
      { field: 'source', text: 'mail from Attacker@Phish.example; block 198.51.100.0/24' },
      { field: 'payload.sha', text: 'D41D8CD98F00B204E9800998ECF8427E and again 203.0.113.7' },
    ]);
    expect(found).toEqual([
      { type: 'url', value: 'https://intel.example.org/r/1', field: 'summary' },
      { type: 'domain', value: 'intel.example.org', field: 'summary' },
      { type: 'cve', value: 'CVE-2024-3400', field: 'summary' },
      { type: 'ip', value: '203.0.113.7', field: 'summary' },
      { type: 'domain', value: 'evil.example.com', field: 'summary' },
      { type: 'email', value: 'attacker@phish.example', field: 'source' },
      { type: 'cidr', value: '198.51.100.0/24', field: 'source' },
      { type: 'hash', value: 'd41d8cd98f00b204e9800998ecf8427e', field: 'payload.sha' },
    ]);
  });

  it('leaves out what only looks like an observable: bad IPs, file names, short hex', () => {
    const found = extractObservables([{ field: 'summary', text: 'disk.log full on 10.0.0.300, run cleanup.sh, build 1.2.3, id deadbeef' }]);
    expect(found).toEqual([]);
  });

  it('stops at the limit', () => {
    const text = Array.from({ length: MAX_OBSERVABLES + 20 }, (_, i) => `10.1.${Math.floor(i / 250)}.${i % 250}`).join(' ');
    expect(extractObservables([{ field: 'summary', text }])).toHaveLength(MAX_OBSERVABLES);
  });
});

describe('stringsOf', () => {
  it('walks a payload with dotted paths', () => {
    expect(stringsOf({ details: { ip: '192.0.2.1', tags: ['a'] }, n: 3 }, 'payload')).toEqual([
      { field: 'payload.details.ip', text: '192.0.2.1' },
      { field: 'payload.details.tags.0', text: 'a' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { findDeepLink, parseDeepLink } from './deep-link.js';

describe('parseDeepLink', () => {
  it('reads an incident link', () => {
    expect(parseDeepLink('klaxon://incident/inc_01HZ')).toEqual({ kind: 'incident', id: 'inc_01HZ' });
  });

  it('accepts the trailing slash Windows adds and percent-encoding', () => {
    expect(parseDeepLink('klaxon://incident/abc-1/')).toEqual({ kind: 'incident', id: 'abc-1' });
    expect(parseDeepLink('klaxon://incident/a%3A1')).toEqual({ kind: 'incident', id: 'a:1' });
  });

  it.each([
    'https://incident/abc',
    'klaxon://incident/',
    'klaxon://incident',
    'klaxon://schedule/abc',
    'klaxon://incident/a/b',
    'klaxon://incident/..%2Fetc',
    'klaxon://incident/%E0%A4%A',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(parseDeepLink(url)).toBeNull();
  });
});

describe('findDeepLink', () => {
  it('picks the link out of a second instance argv', () => {
    expect(findDeepLink(['/opt/Klaxon/klaxon', '--no-sandbox', 'klaxon://incident/42'])).toEqual({ kind: 'incident', id: '42' });
  });

  it('returns null without a link', () => {
    expect(findDeepLink(['/usr/bin/electron', '.'])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { parseWallboardLink, wallboardPageUrl } from './wallboard-link.js';

const TOKEN = `kwb_${'A'.repeat(43)}`;

describe('parseWallboardLink', () => {
  it('takes a relay link apart, also below a path prefix', () => {
    expect(parseWallboardLink(`http://127.0.0.1:7300/wallboard#token=${TOKEN}`)).toEqual({ relayUrl: 'http://127.0.0.1:7300', token: TOKEN });
    expect(parseWallboardLink(` https://ops.example.com/klaxon/wallboard/#token=${TOKEN}&rotate=30 `)).toEqual({
      relayUrl: 'https://ops.example.com/klaxon',
      token: TOKEN,
    });
  });

  it('refuses other schemes, paths, credentials and tokens', () => {
    for (const link of [
      `file:///wallboard#token=${TOKEN}`,
      `http://relay/console#token=${TOKEN}`,
      `http://user:pw@relay/wallboard#token=${TOKEN}`,
      'http://relay/wallboard#token=not-a-wallboard-token',
      'http://relay/wallboard',
      'not a url',
    ]) {
      expect(parseWallboardLink(link)).toBeNull();
    }
  });
});

describe('wallboardPageUrl', () => {
  it('points at the bundled wallboard with the relay and token in the fragment', () => {
    const url = new URL(wallboardPageUrl('app://console', { relayUrl: 'https://ops.example.com/klaxon', token: TOKEN }));
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe('app://console/wallboard.html');
    const params = new URLSearchParams(url.hash.slice(1));
    expect(params.get('token')).toBe(TOKEN);
    expect(params.get('relay')).toBe('https://ops.example.com/klaxon');
  });
});

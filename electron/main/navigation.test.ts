import { describe, expect, it } from 'vitest';
import { decideNavigation } from './navigation.js';

const APP = 'app://console';

describe('decideNavigation', () => {
  it('keeps the app inside the window', () => {
    expect(decideNavigation('app://console/index.html#/x', APP)).toBe('allow');
  });

  it('opens web links in the system browser', () => {
    expect(decideNavigation('https://runbooks.example/disk', APP)).toBe('open-external');
    expect(decideNavigation('http://127.0.0.1:7300/', APP)).toBe('open-external');
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'app://other/index.html', 'klaxon://incident/1', 'nonsense'])(
    'refuses %s',
    (url) => {
      expect(decideNavigation(url, APP)).toBe('deny');
    },
  );
});

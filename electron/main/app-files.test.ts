import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from './app-files.js';

const ROOT = path.resolve('/opt/klaxon/renderer');

describe('resolveAppFile', () => {
  it('serves index.html for the root and for extension-less routes', () => {
    expect(resolveAppFile(ROOT, 'app://console/')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://console/incidents/42')).toBe(path.join(ROOT, 'index.html'));
  });

  it('serves assets under the root', () => {
    expect(resolveAppFile(ROOT, 'app://console/assets/console-1.js?v=1')).toBe(path.join(ROOT, 'assets', 'console-1.js'));
  });

  it.each([
    'app://console/../../etc/passwd',
    'app://console/%2e%2e/%2e%2e/etc/passwd.txt',
    'app://console/assets/%00.js',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    const file = resolveAppFile(ROOT, url);
    if (file !== null) expect(file.startsWith(ROOT + path.sep)).toBe(true);
    else expect(file).toBeNull();
  });
});

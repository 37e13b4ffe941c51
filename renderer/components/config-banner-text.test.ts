import { describe, expect, it } from 'vitest';
import { configBannerText } from './config-banner-text.js';

describe('configBannerText', () => {
  it('says the same rule for every kind of object, and nothing for console-made ones', () => {
    expect(configBannerText('file', 'policy')?.text).toContain("Edits made here are kept across restarts while the file's entry for it stays the same");
    expect(configBannerText('file', 'schedule')?.text).toBe(configBannerText('file', 'policy')?.text.replace('This policy', 'This schedule'));
    expect(configBannerText('edited', 'team')).toMatchObject({ severity: 'warn' });
    expect(configBannerText('console', 'user')).toBeNull();
  });
});

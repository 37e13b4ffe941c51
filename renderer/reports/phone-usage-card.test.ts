import PrimeVue from 'primevue/config';
import { describe, expect, it } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import type { PhoneUsageReport } from '../../shared/schemas/phone-usage.js';
import PhoneUsageCard from './PhoneUsageCard.vue';
import type { PhoneUsageStatus } from './use-phone-usage-store.js';

/** Renders the card to HTML (server rendering: no DOM needed). */
async function card(status: PhoneUsageStatus, report: PhoneUsageReport | null, error: string | null = null): Promise<string> {
  const app = createSSRApp({ render: () => h(PhoneUsageCard, { status, report, error }) });
  app.use(PrimeVue, { theme: 'none' });
  return (await renderToString(app)).replace(/ data-v-[0-9a-f]+/g, '').replace(/<!--[\s\S]*?-->/g, '');
}

const rows = (markup: string) =>
  [...(/<tbody>([\s\S]*?)<\/tbody>/.exec(markup)?.[1] ?? '').matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.trim()),
  );

describe('PhoneUsageCard', () => {
  it('shows a busy skeleton while counting', async () => {
    const markup = await card('loading', null);
    expect(markup).toContain('data-testid="phone-usage-loading"');
    expect(markup).toContain('aria-busy="true"');
    expect(markup).toContain('Counting SMS and call minutes');
    expect(markup).not.toContain('<table');
  });

  it("shows the relay's error with a retry button", async () => {
    const markup = await card('error', null, 'this needs the role ir-manager; you are responder');
    expect(markup).toContain('data-testid="phone-usage-error"');
    expect(markup).toContain('The costs could not be loaded: this needs the role ir-manager; you are responder');
    expect(markup).toContain('Try again');
  });

  it('says when SMS and voice are not set up, without a table of zeros', async () => {
    const markup = await card('ready', { configured: false, months: [{ month: '2026-11', smsSegments: 0, callMinutes: 0 }] });
    expect(markup).toMatch(/data-testid="phone-usage-empty"[^>]*>\s*SMS and voice calls are not set up on this relay/);
    expect(markup).not.toContain('<table');
  });

  it('says when nothing was sent, and still lists the months', async () => {
    const markup = await card('ready', { configured: true, months: [{ month: '2026-11', smsSegments: 0, callMinutes: 0 }] });
    expect(markup).toContain('No SMS or calls were sent in these months.');
    expect(rows(markup)).toEqual([['Nov 2026', '0', '0']]);
  });

  it('lists SMS parts and call minutes per month with a total', async () => {
    const markup = await card('ready', {
      configured: true,
      months: [
        { month: '2026-10', smsSegments: 4, callMinutes: 0 },
        { month: '2026-11', smsSegments: 2, callMinutes: 3 },
      ],
    });
    expect(markup).not.toContain('phone-usage-empty');
    expect(markup).toMatch(/<th[^>]*>\s*SMS \(billed parts\)\s*<\/th>/);
    expect(rows(markup)).toEqual([
      ['Nov 2026', '2', '3'],
      ['Oct 2026', '4', '0'],
      ['Total', '6', '3'],
    ]);
  });
});

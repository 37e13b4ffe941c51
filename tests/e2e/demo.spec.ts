import { expect, test } from './csp-watch.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { apiToken, signIn } from '../support/console-sign-in.js';
import { shootBothSizes } from '../support/screenshots.js';

let relay: RelayProcess | undefined;
test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

test('the demo board shows incidents in several states, and the timeline tags the simulated team', async ({ page }) => {
  test.setTimeout(180_000);
  relay = await startRelayProcess({ env: { KLAXON_DEMO: '1' } });
  await signIn(page, relay, 'ann');
  // Triaged and acknowledged, escalated, held: several states at once on the first screen.
  await expect(page.getByText('SQL02: 40 failed logins for sa in 5 minutes').first()).toBeVisible();
  await expect(page.getByText('Client Acme: firewall WAN1 down').first()).toBeVisible();
  await expect(page.getByText('Veeam: backup job NIGHTLY failed on HV02').first()).toBeVisible();
  await shootBothSizes(page, 'demo-board');

  const token = await apiToken(relay.url, 'ann');
  const open = (await (await fetch(`${relay.url}/api/v1/incidents?status=open`, { headers: { authorization: `Bearer ${token}` } })).json()) as { incidents: { id: string; dedupKey: string }[] };
  const escalated = open.incidents.find((i) => i.dedupKey === 'demo-fw-wan1')!;
  await page.goto(`${relay.url}/#/incidents/${escalated.id}`);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toBeVisible();
  // The on-call person's "I can't take it" was the simulated team's: tagged; the relay's own steps are not.
  await expect(timeline.locator('[data-type="escalation.level"]').getByTestId('timeline-simulated')).toHaveText('simulated');
  await expect(timeline.locator('[data-type="escalation.started"]').getByTestId('timeline-simulated')).toHaveCount(0);
  await shootBothSizes(page, 'demo-timeline', { fullPage: true });
});

import { describe, expect, it } from 'vitest';
import { AlertInputSchema } from '../../../shared/schemas/alert.js';
import { EventsV2EventSchema } from '../../../shared/schemas/ingest/events-v2.js';
import { loadPayload } from '../../../tests/fixtures/payloads/load-payload.js';
import { fromEventsV2 } from './from-events-v2.js';

const event = (name: string) => EventsV2EventSchema.parse(loadPayload(name));

describe('fromEventsV2', () => {
  it("turns PagerDuty's trigger example into one alert", () => {
    const alerts = fromEventsV2(event('pagerduty-trigger'), 'generated-key');
    expect(alerts).toEqual([
      {
        action: 'trigger',
        dedupKey: 'samplekeyhere',
        summary: 'Example alert on host1.example.com',
        severity: 'info',
        source: 'monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003',
        labels: { component: 'postgres', group: 'prod-datapipe', class: 'deploy' },
        links: [
          { href: 'https://example.com/', text: 'Link text' },
          { href: 'https://monitoring.example.com', text: 'Sample Monitoring Service' },
        ],
        occurredAt: '2015-07-17T08:42:58.315Z',
        payload: expect.objectContaining({
          event_action: 'trigger',
          payload: expect.objectContaining({ custom_details: { 'ping time': '1500ms', 'load avg': 0.75 } }),
          images: [expect.objectContaining({ alt: 'Example text' })],
        }),
      },
    ]);
    expect(AlertInputSchema.safeParse(alerts[0]).success).toBe(true);
  });

  it('never stores the routing key', () => {
    const [alert] = fromEventsV2(event('pagerduty-trigger'), 'generated-key');
    expect(JSON.stringify(alert!.payload)).not.toContain('routing_key');
  });

  it('uses the generated key when a trigger has no dedup_key', () => {
    const body = loadPayload('pagerduty-trigger') as Record<string, unknown>;
    delete body.dedup_key;
    const [alert] = fromEventsV2(EventsV2EventSchema.parse(body), 'a1b2c3');
    expect(alert!.dedupKey).toBe('a1b2c3');
  });

  it.each([
    ['pagerduty-acknowledge', 'acknowledge'],
    ['pagerduty-resolve', 'resolve'],
  ] as const)('turns the %s example into a %s for its dedup key', (name, action) => {
    const [alert] = fromEventsV2(event(name), 'unused');
    expect(alert).toMatchObject({ action, dedupKey: 'dedupkeyhere', summary: `${action} dedupkeyhere`, severity: 'info', source: '' });
    expect(AlertInputSchema.safeParse(alert).success).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import type { TestPhone } from '../support/phone.js';
import { startPagingRelay, type PagingRelay } from '../support/paging-relay.js';
import { fastEscalationPolicy, KEYS } from '../support/test-config.js';

/**
 * How the team is doing, through a real relay on a manual clock: an alert comes in, bob reads its
 * page on a real phone socket, ann acknowledges and resolves it over HTTP, and /metrics shows each
 * response time once, in its bucket, labelled by the configured priority, team and service only.
 */

const START = new Date('2026-11-30T10:00:00Z');
const SECOND = 1000;

/** The `_count` samples of a histogram, keyed by their label set. */
function counts(text: string, metric: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${metric}_count\\{(.*)\\} (\\d+)$`).exec(line);
    if (match) found.set(match[1]!, Number(match[2]));
  }
  return found;
}

describe('outcome metrics through a real relay', () => {
  let r: PagingRelay;
  let bob: TestPhone;
  let incident: Incident;
  let labels: string;
  const metrics = async () => (await fetch(`${r.relay.url}/metrics`)).text();
  const until = (what: string, check: (text: string) => boolean) =>
    r.until(what, async () => {
      const text = await metrics();
      return check(text) && text;
    });

  beforeAll(async () => {
    r = await startPagingRelay({ start: START, edit: (doc) => fastEscalationPolicy(doc, ['5m', '5m']) });
    bob = await r.pairPhone('bob');
    incident = await r.trigger('metrics-1');
    labels = `priority="${incident.priority}",team="${incident.teamId}",service="${incident.serviceId}"`;
  });
  afterAll(async () => {
    await r?.close();
  });

  it('measures time to read, acknowledge and resolve in their buckets with configured labels', async () => {
    const pageId = `${incident.id}/0:0:bob/push`;
    await bob.waitForPage((p) => p.id === pageId, 10_000);
    r.clock.advance(30 * SECOND);
    expect(await bob.read(pageId)).toEqual({ ok: true });
    r.clock.advance(60 * SECOND);
    expect((await r.api('ann', `/api/v1/incidents/${incident.id}/acknowledge`, {})).status).toBe(200);
    r.clock.advance(510 * SECOND);
    expect((await r.api('ann', `/api/v1/incidents/${incident.id}/resolve`, {})).status).toBe(200);

    const text = await until('the resolve time', (t) => t.includes(`klaxon_time_to_resolve_seconds_count{${labels}} 1`));
    expect(text).toContain(`klaxon_time_to_read_seconds_bucket{le="30",${labels}} 1`);
    expect(text).toContain(`klaxon_time_to_read_seconds_count{${labels}} 1`);
    expect(text).toContain(`klaxon_time_to_acknowledge_seconds_bucket{le="60",${labels}} 0`);
    expect(text).toContain(`klaxon_time_to_acknowledge_seconds_bucket{le="120",${labels}} 1`);
    expect(text).toContain(`klaxon_time_to_acknowledge_seconds_sum{${labels}} 90`);
    expect(text).toContain(`klaxon_time_to_resolve_seconds_bucket{le="300",${labels}} 0`);
    expect(text).toContain(`klaxon_time_to_resolve_seconds_bucket{le="600",${labels}} 1`);
    expect(text).toContain('klaxon_page_outcomes_total{channel="push",outcome="sent"} 1');
    expect(text).toContain('klaxon_page_outcomes_total{channel="push",outcome="read"} 1');
    // Reading the same page again does not measure the incident a second time.
    // (checked in the next test, once a later change has been recorded after it).
    expect(await bob.read(`${incident.id}/0:0:bob/push`)).toBeDefined();
  });

  it('takes no label from alert text: an alert with a huge, odd summary adds no series', async () => {
    const odd = `"} evil{x="1 ${'ä'.repeat(900)} \\n service="fake" team="fake"`;
    const sent = await fetch(`${r.relay.url}/v2/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        routing_key: KEYS.eventsV2,
        event_action: 'trigger',
        dedup_key: 'metrics-odd',
        payload: { summary: odd, source: `team="fake" ${odd}`.slice(0, 1000), severity: 'critical' },
      }),
    });
    expect(sent.status).toBe(202);
    const list = await r.api('ann', '/api/v1/incidents?status=open');
    const other = (list.body.incidents as Incident[]).find((i) => i.dedupKey === 'metrics-odd')!;
    expect((await r.api('ann', `/api/v1/incidents/${other.id}/acknowledge`, {})).status).toBe(200);

    const text = await until('the second acknowledgement', (t) => counts(t, 'klaxon_time_to_acknowledge_seconds').get(labels) === 2);
    expect([...counts(text, 'klaxon_time_to_acknowledge_seconds').keys()]).toEqual([labels]);
    expect(counts(text, 'klaxon_time_to_read_seconds')).toEqual(new Map([[labels, 1]]));
    expect(text).not.toMatch(/evil|fake|ää/);

    // Dismissing it as a false positive resolves it: one false positive, a second resolve, same labels.
    expect((await r.api('ann', `/api/v1/incidents/${other.id}/dismiss`, { reason: 'test noise' })).status).toBe(200);
    const dismissed = await until('the false positive', (t) => t.includes(`klaxon_incident_false_positives_total{${labels}} 1`));
    expect(counts(dismissed, 'klaxon_time_to_resolve_seconds')).toEqual(new Map([[labels, 2]]));
  });
});

import { describe, expect, it } from 'vitest';
import { loadPayload } from '../../../tests/fixtures/payloads/load-payload.js';
import { EventsV2EventSchema } from './events-v2.js';
import { parseIngestBody } from './ingest-issues.js';

/** Parses a body and returns the paths of its issues (empty when it is accepted). */
function issuePaths(body: unknown): string[] {
  const result = parseIngestBody(EventsV2EventSchema, body);
  return result.ok ? [] : result.issues.map((issue) => issue.path);
}

describe('EventsV2EventSchema', () => {
  it.each(['pagerduty-trigger', 'pagerduty-acknowledge', 'pagerduty-resolve'])('accepts the %s example', (name) => {
    expect(issuePaths(loadPayload(name))).toEqual([]);
  });

  it('keeps unknown fields and custom_details as sent', () => {
    const body = { ...(loadPayload('pagerduty-trigger') as object), extra: { x: 1 } };
    const result = EventsV2EventSchema.parse(body);
    expect(result).toMatchObject({ extra: { x: 1 }, payload: { custom_details: { 'ping time': '1500ms', 'load avg': 0.75 } } });
  });

  it('accepts a 32-character PagerDuty key and a trigger without dedup_key', () => {
    const body = loadPayload('pagerduty-trigger') as Record<string, unknown>;
    delete body.dedup_key;
    expect(issuePaths({ ...body, routing_key: 'e93facc04764012d7bfb002500d5d1a6' })).toEqual([]);
  });

  const trigger = () => loadPayload('pagerduty-trigger') as Record<string, unknown> & { payload: Record<string, unknown> };

  it('names each bad field', () => {
    expect(issuePaths({ ...trigger(), routing_key: 'abc' })).toEqual(['routing_key']);
    expect(issuePaths({ ...trigger(), event_action: 'explode' })).toEqual(['event_action']);
    expect(issuePaths({ ...trigger(), payload: undefined })).toEqual(['payload']);
    expect(issuePaths({ ...trigger(), dedup_key: 'k'.repeat(256) })).toEqual(['dedup_key']);
    expect(issuePaths({ ...trigger(), links: [{ text: 'no href' }] })).toEqual(['links[0].href']);
    expect(issuePaths({ ...trigger(), images: [{ href: 'x' }] })).toEqual(['images[0].src']);
  });

  it('checks the payload fields of a trigger', () => {
    const t = trigger();
    expect(issuePaths({ ...t, payload: { ...t.payload, summary: 's'.repeat(1025) } })).toEqual(['payload.summary']);
    expect(issuePaths({ ...t, payload: { ...t.payload, severity: 'high' } })).toEqual(['payload.severity']);
    expect(issuePaths({ ...t, payload: { ...t.payload, timestamp: 'soon' } })).toEqual(['payload.timestamp']);
    const { source: _source, ...noSource } = t.payload;
    expect(issuePaths({ ...t, payload: noSource })).toEqual(['payload.source']);
  });

  it('says plainly that a trigger needs a payload', () => {
    const { payload: _payload, ...body } = trigger();
    const result = parseIngestBody(EventsV2EventSchema, body);
    expect(result).toEqual({ ok: false, issues: [{ path: 'payload', message: 'required for a trigger event' }] });
  });

  it('requires dedup_key to acknowledge or resolve (PagerDuty rule)', () => {
    for (const action of ['acknowledge', 'resolve']) {
      const result = parseIngestBody(EventsV2EventSchema, { routing_key: 'routingkeyhere', event_action: action });
      expect(result).toEqual({ ok: false, issues: [{ path: 'dedup_key', message: 'required to acknowledge or resolve' }] });
    }
  });

  it('refuses a body that is not an object', () => {
    expect(issuePaths('trigger')).toEqual(['(body)']);
  });
});

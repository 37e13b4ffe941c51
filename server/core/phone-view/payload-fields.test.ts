import { describe, expect, it } from 'vitest';
import { PAYLOAD_LIMITS, payloadFields } from './payload-fields.js';

describe('payloadFields', () => {
  it("takes an Events v2 alert's custom details, nested ones as dotted keys", () => {
    const payload = { dedup_key: 'x', payload: { summary: 's', custom_details: { 'ping time': '1500ms', load: 0.75, disk: { sda: '99%' } } } };
    expect(payloadFields(payload)).toEqual({
      fields: [
        { key: 'ping time', value: '1500ms' },
        { key: 'load', value: '0.75' },
        { key: 'disk.sda', value: '99%' },
      ],
      cut: false,
    });
  });

  it("takes an Alertmanager alert's labels and annotations", () => {
    const payload = { receiver: 'klaxon', alert: { labels: { alertname: 'InstanceDown', instance: 'db-01' }, annotations: { description: 'down 5m' } } };
    expect(payloadFields(payload).fields.map((f) => f.key)).toEqual(['alertname', 'instance', 'description']);
  });

  it('falls back to the top-level scalar fields of a generic payload', () => {
    expect(payloadFields({ host: 'web-1', status: 500, nested: { deep: { deeper: { x: 1 } } } }).fields).toEqual([
      { key: 'host', value: 'web-1' },
      { key: 'status', value: '500' },
    ]);
  });

  it('bounds a huge payload: field count, key and value length', () => {
    const details = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`${'k'.repeat(300)}${i}`, 'v'.repeat(10_000)]));
    const { fields, cut } = payloadFields({ payload: { custom_details: details } });
    expect(cut).toBe(true);
    expect(fields).toHaveLength(PAYLOAD_LIMITS.fields);
    for (const field of fields) {
      expect(field.key.length).toBeLessThanOrEqual(PAYLOAD_LIMITS.key);
      expect(field.value.length).toBeLessThanOrEqual(PAYLOAD_LIMITS.value);
    }
  });

  it('answers no fields for payloads that are not objects', () => {
    expect(payloadFields('plain text')).toEqual({ fields: [], cut: false });
    expect(payloadFields(null)).toEqual({ fields: [], cut: false });
  });
});

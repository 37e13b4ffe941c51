import { describe, expect, it } from 'vitest';
import { refusalText } from './admission.js';

const rule = { perMinute: 60, burst: 2_000 };

describe('refusalText', () => {
  it('names the rate, the burst and the wait for a flood', () => {
    expect(refusalText({ allowed: false, overBurst: false, retryAfterSeconds: 100, available: 500 }, 600, rule)).toBe(
      'this request has 600 alerts and the key may send 500 more now (KLAXON_INGEST_RATE 60 alerts per minute, KLAXON_INGEST_BURST 2000 at once); retry in 100s',
    );
  });

  it('tells a batch over the burst to split', () => {
    expect(refusalText({ allowed: false, overBurst: true }, 2_001, rule)).toMatch(/2001 alerts; a key may send at most 2000 at once \(KLAXON_INGEST_BURST\); split the batch/);
  });
});

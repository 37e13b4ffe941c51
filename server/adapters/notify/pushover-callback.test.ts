import { describe, expect, it } from 'vitest';
import { parsePushoverCallback } from './pushover-callback.js';

const RECEIPT = 'rLqVuqTRh62UzxtmqiaLzQmVcPBiCr';

describe('parsePushoverCallback', () => {
  it("reads Pushover's form body", () => {
    const body = `receipt=${RECEIPT}&acknowledged=1&acknowledged_at=1741064800&acknowledged_by=uQiRzpo4DXghDmr9QzzfQu27cmVRsG&acknowledged_by_device=pixel8`;
    expect(parsePushoverCallback(body)).toEqual({
      ok: true,
      callback: {
        receipt: RECEIPT,
        acknowledged: true,
        acknowledgedAt: new Date(1_741_064_800_000),
        acknowledgedBy: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG',
        acknowledgedByDevice: 'pixel8',
      },
    });
  });

  it('reads a body a framework already parsed, and URLSearchParams', () => {
    const fields = { receipt: RECEIPT, acknowledged: '1', acknowledged_at: '1741064800' };
    expect(parsePushoverCallback(fields)).toMatchObject({ ok: true, callback: { acknowledged: true, acknowledgedBy: null } });
    expect(parsePushoverCallback(new URLSearchParams(fields))).toMatchObject({ ok: true, callback: { receipt: RECEIPT } });
  });

  it('names the field at fault in a bad body', () => {
    expect(parsePushoverCallback('receipt=nope&acknowledged=1&acknowledged_at=1')).toMatchObject({ ok: false, field: 'receipt' });
    expect(parsePushoverCallback(`receipt=${RECEIPT}&acknowledged=1`)).toMatchObject({ ok: false, field: 'acknowledged_at' });
  });
});

import { describe, expect, it } from 'vitest';
import { AlertInputSchema } from '../../../shared/schemas/alert.js';
import { stableDedupKey } from './dedup-key.js';
import { fromWebhook } from './from-webhook.js';

const body = {
  event: { title: 'Backup job failed on FS01', level: 'High', host: 'fs01.contoso.local', state: 'resolved' },
  checks: [{ id: 'backup-fs01-nightly' }],
  'custom data': { ticket: 4711 },
};

describe('fromWebhook', () => {
  it('maps the picked fields onto an alert', () => {
    const outcome = fromWebhook(body, {
      summary: '$.event.title',
      severity: '$.event.level',
      dedupKey: '$.checks[0].id',
      source: '$.event.host',
    });
    expect(outcome).toEqual({
      ok: true,
      alerts: [
        {
          action: 'trigger',
          dedupKey: 'backup-fs01-nightly',
          summary: 'Backup job failed on FS01',
          severity: 'error',
          source: 'fs01.contoso.local',
          labels: {},
          links: [],
          payload: body,
        },
      ],
    });
    if (outcome.ok) expect(AlertInputSchema.safeParse(outcome.alerts[0]).success).toBe(true);
  });

  it('names the mapped path when the summary is missing or empty', () => {
    expect(fromWebhook(body, { summary: '$.event.name' })).toEqual({
      ok: false,
      error: { field: '$.event.name', message: 'no summary text at $.event.name' },
    });
    expect(fromWebhook({ title: '  ' }, { summary: '$.title' })).toMatchObject({ ok: false, error: { field: '$.title' } });
  });

  it('names the path that finds an object where text belongs', () => {
    expect(fromWebhook(body, { summary: '$.event.title', source: '$.event' })).toEqual({
      ok: false,
      error: { field: '$.event', message: 'expected text or a number at $.event, found an object' },
    });
  });

  it('defaults to a trigger, info severity and a stable hash of the body', () => {
    const outcome = fromWebhook(body, { summary: "$['custom data'].ticket" });
    expect(outcome).toMatchObject({
      ok: true,
      alerts: [{ action: 'trigger', summary: '4711', severity: 'info', source: '', dedupKey: stableDedupKey('wh', body) }],
    });
    const reordered = { 'custom data': body['custom data'], checks: body.checks, event: body.event };
    const again = fromWebhook(reordered, { summary: "$['custom data'].ticket" });
    expect(again.ok && again.alerts[0]!.dedupKey).toBe(stableDedupKey('wh', body));
  });

  it('reads action words and refuses unknown ones', () => {
    expect(fromWebhook(body, { summary: '$.event.title', action: '$.event.state' })).toMatchObject({
      ok: true,
      alerts: [{ action: 'resolve' }],
    });
    expect(fromWebhook({ t: 'x', a: 'ACK' }, { summary: '$.t', action: '$.a' })).toMatchObject({ ok: true, alerts: [{ action: 'acknowledge' }] });
    expect(fromWebhook({ t: 'x', a: 'explode' }, { summary: '$.t', action: '$.a' })).toEqual({
      ok: false,
      error: { field: '$.a', message: 'unknown action "explode" at $.a' },
    });
  });

  it('hashes a mapped dedup key too long to keep', () => {
    const outcome = fromWebhook({ t: 'x', k: 'k'.repeat(300) }, { summary: '$.t', dedupKey: '$.k' });
    expect(outcome.ok && outcome.alerts[0]!.dedupKey).toMatch(/^wh-[0-9a-f]{32}$/);
  });

  it('clips a long summary to the alert limit', () => {
    const outcome = fromWebhook({ t: 'x'.repeat(5000) }, { summary: '$.t' });
    expect(outcome.ok && outcome.alerts[0]!.summary).toHaveLength(1024);
  });
});

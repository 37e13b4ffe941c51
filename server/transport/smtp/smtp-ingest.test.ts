import { afterEach, describe, expect, it } from 'vitest';
import { openRawSmtp, type RawSmtp } from '../../../tests/support/raw-smtp.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { createSilentLogger } from '../../adapters/log/create-logger.js';
import { createMetrics } from '../../adapters/metrics/create-metrics.js';
import type { IntakeService } from '../../app/intake/intake-service.js';
import type { IntegrationRecord } from '../../app/ports/store.js';
import { createSmtpIngest, type SmtpIngest } from './smtp-ingest.js';

// The SMTP ingest on a real socket with an intake whose store can be made to fail, and a manual
// clock for the recipient-guessing window.

const integration = { id: 'int-mail', serviceId: 'svc', type: 'email', settings: {} } as unknown as IntegrationRecord;
let ingest: SmtpIngest | undefined;
afterEach(async () => {
  await ingest?.close();
  ingest = undefined;
});

function fakeIntake(storeFails: () => boolean): { intake: IntakeService; stored: string[] } {
  const stored: string[] = [];
  const intake = {
    rate: { perMinute: 1000, burst: 1000 },
    findIntegration: (_type: string, key: string) => Promise.resolve(key === 'good-key' ? integration : undefined),
    admit: () => ({ allowed: true }),
    ingest: (_i: IntegrationRecord, alerts: { summary: string }[]) => {
      if (storeFails()) return Promise.reject(new Error('database is locked'));
      stored.push(...alerts.map((a) => a.summary));
      return Promise.resolve([]);
    },
  } as unknown as IntakeService;
  return { intake, stored };
}

async function start(storeFails = () => false) {
  const clock = createManualClock(new Date('2026-11-30T12:00:00Z'));
  const { intake, stored } = fakeIntake(storeFails);
  ingest = createSmtpIngest({ intake, metrics: createMetrics(), log: createSilentLogger(), clock, maxBytes: 64 * 1024, guessing: { maxUnknown: 3, windowMs: 60_000 } });
  const port = await ingest.listen(0, '127.0.0.1');
  return { clock, stored, port };
}

async function deliver(smtp: RawSmtp, subject: string): Promise<number> {
  expect((await smtp.command('MAIL FROM:<m@client.example>')).code).toBe(250);
  expect((await smtp.command('RCPT TO:<good-key@alerts.example>')).code).toBe(250);
  expect((await smtp.command('DATA')).code).toBe(354);
  smtp.write(`Subject: ${subject}\r\n\r\nbody\r\n.\r\n`);
  return (await smtp.reply()).code;
}

describe('createSmtpIngest', () => {
  it('answers a store failure with a transient 451 (the sender retries), and takes the retry', async () => {
    let fail = true;
    const { stored, port } = await start(() => fail);
    const smtp = await openRawSmtp(port);
    expect((await smtp.command('EHLO c.example')).code).toBe(250);
    expect(await deliver(smtp, 'Disk full')).toBe(451);
    fail = false;
    expect(await deliver(smtp, 'Disk full')).toBe(250);
    expect(stored).toEqual(['Disk full']);
  });

  it('turns a guessing peer away for the window on the injected clock, then forgives it', async () => {
    const { clock, port } = await start();
    const smtp = await openRawSmtp(port);
    expect((await smtp.command('EHLO c.example')).code).toBe(250);
    expect((await smtp.command('MAIL FROM:<m@client.example>')).code).toBe(250);
    for (const guess of ['a', 'b', 'c']) expect((await smtp.command(`RCPT TO:<${guess}@alerts.example>`)).code).toBe(550);
    expect((await smtp.command('RCPT TO:<good-key@alerts.example>')).code).toBe(421);
    await smtp.closed();
    await (await openRawSmtp(port, { expectGreeting: 421 })).closed();
    clock.advance(60_000);
    const later = await openRawSmtp(port);
    expect((await later.command('EHLO c.example')).code).toBe(250);
    expect(await deliver(later, 'After the window')).toBe(250);
  });
});

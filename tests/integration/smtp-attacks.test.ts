import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawSmtp, type RawSmtp } from '../support/raw-smtp.js';
import { freePort, startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

// Hostile SMTP clients, through a real relay process and raw TCP sockets: none of them may end the
// relay, and each gets the answer the RFCs and the README promise.

let relay: RelayProcess;
let smtpPort: number;
let token: string;

beforeAll(async () => {
  smtpPort = await freePort();
  relay = await startRelayProcess({
    env: { KLAXON_CONFIG: writeTestConfig(), KLAXON_SMTP_PORT: String(smtpPort), KLAXON_SMTP_MAX_BYTES: String(1024 * 1024) },
  });
  const response = await fetch(`${relay.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ann', password: 'change-me-ann' }),
  });
  token = ((await response.json()) as { token: string }).token;
});
afterAll(() => relay?.dispose());

async function incidentBySummary(summary: string): Promise<{ alertCount: number } | undefined> {
  const response = await fetch(`${relay.url}/api/v1/incidents?status=open&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
  const { incidents } = (await response.json()) as { incidents: { summary: string; alertCount: number }[] };
  return incidents.find((i) => i.summary === summary);
}

/** The relay still runs, answers /health, and never reached its last-resort crash handler. */
async function expectRelayUp(): Promise<void> {
  // Give a crash (an unhandled 'error' event fires on the next tick) the time to happen.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const health = await fetch(`${relay.url}/health`).then((r) => r.status, () => 0);
  expect(health, `relay stderr:\n${relay.stderr.join('\n')}`).toBe(200);
  expect(relay.stdout.filter((line) => /uncaught|unhandled/i.test(line))).toEqual([]);
}

async function envelope(smtp: RawSmtp, ...recipients: string[]): Promise<void> {
  expect((await smtp.command('EHLO attacker.example')).code).toBe(250);
  expect((await smtp.command('MAIL FROM:<monitor@client.example>')).code).toBe(250);
  for (const to of recipients) expect((await smtp.command(`RCPT TO:<${to}>`)).code).toBe(250);
}

const message = (subject: string, body = 'Something broke.') =>
  `From: monitor@client.example\r\nTo: ${KEYS.email}@alerts.example\r\nSubject: ${subject}\r\n\r\n${body}\r\n.\r\n`;

async function send(smtp: RawSmtp, subject: string): Promise<number> {
  expect((await smtp.command('DATA')).code).toBe(354);
  smtp.write(message(subject));
  return (await smtp.reply()).code;
}

describe('SMTP ingest under attack', () => {
  it('survives a TCP reset in the middle of a mail transaction', async () => {
    const smtp = await openRawSmtp(smtpPort);
    expect((await smtp.command('EHLO attacker.example')).code).toBe(250);
    expect((await smtp.command('MAIL FROM:<a@b.example>')).code).toBe(250);
    smtp.socket.resetAndDestroy();
    await expectRelayUp();
  });

  it('survives a client that vanishes mid-DATA (reset or FIN), and stores nothing of the half message', async () => {
    for (const vanish of ['reset', 'fin'] as const) {
      const subject = `Half a message (${vanish})`;
      const smtp = await openRawSmtp(smtpPort);
      await envelope(smtp, `${KEYS.email}@alerts.example`);
      expect((await smtp.command('DATA')).code).toBe(354);
      smtp.write(`From: monitor@client.example\r\nSubject: ${subject}\r\n\r\nthe first half of`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (vanish === 'reset') smtp.socket.resetAndDestroy();
      else smtp.socket.end();
      await expectRelayUp();
      expect(await incidentBySummary(subject)).toBeUndefined();
    }
  });

  it('answers garbage commands with 5xx and stays up', async () => {
    // Control bytes in a command: smtp-server answers 421 and closes, or refuses with 5xx.
    const binary = await openRawSmtp(smtpPort);
    expect([421, 500, 501, 502]).toContain((await binary.command('\u0000\u00ff\u0001 BINARY')).code);
    binary.socket.resetAndDestroy();
    const smtp = await openRawSmtp(smtpPort);
    expect((await smtp.command('FROBNICATE now')).code).toBeGreaterThanOrEqual(500);
    expect((await smtp.command('RCPT TO:<someone@example.com>')).code).toBe(503);
    expect((await smtp.command('DATA')).code).toBe(503);
    expect((await smtp.command('EHLO x')).code).toBe(250);
    expect((await smtp.command('MAIL FROM:<<<>>>')).code).toBeGreaterThanOrEqual(500);
    // A line far over the limit: refused, or the connection cut with 421; never a crash.
    expect([421, 500, 501]).toContain((await smtp.command(`HELO ${'x'.repeat(100_000)}`)).code);
    smtp.socket.resetAndDestroy();
    await expectRelayUp();
  });

  it('refuses a message with a huge header line as permanently unreadable (554), not "try again" (4xx)', async () => {
    const subject = 'Header bomb';
    const smtp = await openRawSmtp(smtpPort);
    await envelope(smtp, `${KEYS.email}@alerts.example`);
    expect((await smtp.command('DATA')).code).toBe(354);
    smtp.write(`From: monitor@client.example\r\nSubject: ${subject}\r\nX-Padding: ${'a'.repeat(200 * 1024)}\r\n\r\nbody\r\n.\r\n`);
    const reply = await smtp.reply();
    expect(reply.code).toBe(554);
    expect(reply.text).toMatch(/header/i);
    expect(await incidentBySummary(subject)).toBeUndefined();
    // The session goes on: the next message on the same connection is taken.
    expect((await smtp.command('MAIL FROM:<monitor@client.example>')).code).toBe(250);
    expect((await smtp.command(`RCPT TO:<${KEYS.email}@alerts.example>`)).code).toBe(250);
    expect(await send(smtp, 'After the header bomb')).toBe(250);
    expect(await incidentBySummary('After the header bomb')).toMatchObject({ alertCount: 1 });
    await expectRelayUp();
  });

  it('refuses an oversized message with 552 (permanent)', async () => {
    const smtp = await openRawSmtp(smtpPort);
    await envelope(smtp, `${KEYS.email}@alerts.example`);
    expect((await smtp.command('DATA')).code).toBe(354);
    smtp.write(`Subject: Too big\r\n\r\n${'y'.repeat(76).concat('\r\n').repeat(16_000)}.\r\n`);
    expect((await smtp.reply()).code).toBe(552);
    expect(await incidentBySummary('Too big')).toBeUndefined();
  });

  it('forgets the recipients of an envelope cut short by RSET', async () => {
    const smtp = await openRawSmtp(smtpPort);
    await envelope(smtp, `${KEYS.email}@alerts.example`);
    expect((await smtp.command('RSET')).code).toBe(250);
    expect((await smtp.command('MAIL FROM:<monitor@client.example>')).code).toBe(250);
    expect((await smtp.command(`RCPT TO:<${KEYS.email}@alerts.example>`)).code).toBe(250);
    expect(await send(smtp, 'After RSET')).toBe(250);
    expect(await incidentBySummary('After RSET')).toMatchObject({ alertCount: 1 });
  });

  it('delivers each message of a session to its own recipients only', async () => {
    const smtp = await openRawSmtp(smtpPort);
    await envelope(smtp, `${KEYS.email}@alerts.example`);
    expect(await send(smtp, 'First of two')).toBe(250);
    expect((await smtp.command('MAIL FROM:<monitor@client.example>')).code).toBe(250);
    expect((await smtp.command(`RCPT TO:<${KEYS.email}@alerts.example>`)).code).toBe(250);
    expect(await send(smtp, 'Second of two')).toBe(250);
    expect(await incidentBySummary('First of two')).toMatchObject({ alertCount: 1 });
    expect(await incidentBySummary('Second of two')).toMatchObject({ alertCount: 1 });
  });

  it('makes one delivery of a key named twice (other domain, other case of the domain)', async () => {
    const smtp = await openRawSmtp(smtpPort);
    await envelope(smtp, `${KEYS.email}@alerts.example`, `${KEYS.email}@other.example`, `${KEYS.email}@ALERTS.example`);
    expect(await send(smtp, 'Named three times')).toBe(250);
    expect(await incidentBySummary('Named three times')).toMatchObject({ alertCount: 1 });
  });

  it('throttles a peer that guesses recipients: after 10 unknown ones in 10 minutes, 421 and the connection closes', async () => {
    // Another loopback address, so this peer's penalty does not touch the other tests' connections.
    const smtp = await openRawSmtp(smtpPort, { localAddress: '127.0.0.9' });
    expect((await smtp.command('EHLO guesser.example')).code).toBe(250);
    expect((await smtp.command('MAIL FROM:<g@guesser.example>')).code).toBe(250);
    for (let i = 0; i < 10; i++) expect((await smtp.command(`RCPT TO:<guess-${i}@alerts.example>`)).code).toBe(550);
    const throttled = await smtp.command(`RCPT TO:<${KEYS.email}@alerts.example>`);
    expect(throttled.code).toBe(421);
    expect(throttled.text).toMatch(/unknown recipients/);
    await smtp.closed();
    // A new connection from the same peer is turned away at once while the window lasts …
    const again = await openRawSmtp(smtpPort, { localAddress: '127.0.0.9', expectGreeting: 421 });
    await again.closed();
    // … and other peers are not.
    const other = await openRawSmtp(smtpPort);
    await envelope(other, `${KEYS.email}@alerts.example`);
    expect(await send(other, 'From an honest peer')).toBe(250);
    await expectRelayUp();
  });
});

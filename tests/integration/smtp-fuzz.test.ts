import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawSmtp, type RawSmtp } from '../support/raw-smtp.js';
import { freePort, startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

// Generated SMTP sessions and messages thrown at a real relay's SMTP ingest over raw sockets: no
// command or message ends the process, garbage never gets a transient 4xx (which would make the
// sender retry it for days), and the valid mails sent between it are all stored. Seeded, bounded.

const SEED = 20261130;
const RUNS = 30;
const THREAD = '<fuzz-thread@klaxon.test>';

let relay: RelayProcess;
let smtpPort: number;
let token: string;

beforeAll(async () => {
  smtpPort = await freePort();
  relay = await startRelayProcess({
    env: {
      KLAXON_CONFIG: writeTestConfig(),
      KLAXON_SMTP_PORT: String(smtpPort),
      KLAXON_SMTP_MAX_BYTES: String(256 * 1024),
      KLAXON_INGEST_RATE: '1000000',
      KLAXON_INGEST_BURST: '1000000',
    },
  });
  const login = await fetch(`${relay.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ann', password: 'change-me-ann' }),
  });
  token = ((await login.json()) as { token: string }).token;
});
afterAll(() => relay?.dispose());

async function threadAlertCount(): Promise<number> {
  const response = await fetch(`${relay.url}/api/v1/incidents?status=open&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
  const { incidents } = (await response.json()) as { incidents: { dedupKey: string; alertCount: number }[] };
  return incidents.find((i) => i.dedupKey.includes('fuzz-thread'))?.alertCount ?? 0;
}

async function expectUp(): Promise<void> {
  expect((await fetch(`${relay.url}/health`)).status).toBe(200);
  expect(relay.stdout.filter((line) => /uncaught|unhandled/i.test(line))).toEqual([]);
}

/** Sends one valid mail in the thread on a fresh connection; it must be taken (250). */
async function sendValid(n: number): Promise<void> {
  const smtp = await openRawSmtp(smtpPort);
  expect((await smtp.command('EHLO fuzz.example')).code).toBe(250);
  expect((await smtp.command('MAIL FROM:<monitor@fuzz.example>')).code).toBe(250);
  expect((await smtp.command(`RCPT TO:<${KEYS.email}@alerts.example>`)).code).toBe(250);
  expect((await smtp.command('DATA')).code).toBe(354);
  smtp.write(`From: monitor@fuzz.example\r\nSubject: Fuzz valid ${n}\r\nReferences: ${THREAD}\r\n\r\nok\r\n.\r\n`);
  expect((await smtp.reply()).code).toBe(250);
  smtp.socket.end();
}

/** Reads replies until none comes within a moment or the server closes; returns their codes. */
async function drain(smtp: RawSmtp): Promise<number[]> {
  const codes: number[] = [];
  for (;;) {
    const reply = await smtp.reply(300).catch(() => undefined);
    if (!reply) return codes;
    codes.push(reply.code);
  }
}

const unit = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 :<>@.-_=') },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u007f', '\u00ff', '\t', '\u001b', 'é', '\r') },
);
const verb = fc.constantFrom('HELO', 'EHLO', 'MAIL FROM:', 'RCPT TO:', 'DATA', 'RSET', 'NOOP', 'VRFY', 'EXPN', 'HELP', 'STARTTLS', 'AUTH PLAIN', 'BDAT', 'XCLIENT', '');
const commandLine = fc.tuple(verb, fc.string({ unit, maxLength: 60 })).map(([v, rest]) => `${v}${rest}`);

const headerName = fc.oneof(fc.constantFrom('Subject', 'From', 'To', 'Date', 'Message-ID', 'References', 'In-Reply-To', 'Content-Type', 'Content-Transfer-Encoding', 'MIME-Version'), fc.string({ unit, minLength: 1, maxLength: 20 }));
const headerValue = fc.oneof(fc.string({ unit, maxLength: 80 }), fc.constantFrom('multipart/mixed; boundary=', '=?utf-8?B?////?=', 'base64', '<<<>>>', 'Thu, 99 Foo 20262 99:99:99'));
const bodyLine = fc.string({ unit, maxLength: 100 }).map((line) => (line.startsWith('.') ? `.${line}` : line));
const message = fc
  .tuple(fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 }), fc.array(bodyLine, { maxLength: 10 }), fc.boolean())
  .map(([headers, body, blank]) => `${headers.map(([n, v]) => `${n}: ${v}`).join('\r\n')}${blank ? '\r\n\r\n' : '\r\n'}${body.join('\r\n')}`.replace(/\r?\n\.\r?\n/g, '\r\n..\r\n'));

describe('SMTP ingest fuzz', () => {
  it('generated command sequences never end the relay nor get an unexplained 4xx; valid mail between them is stored', { timeout: 60_000 }, async () => {
    let valid = await threadAlertCount();
    await fc.assert(
      fc.asyncProperty(fc.array(commandLine, { minLength: 1, maxLength: 8 }), async (lines) => {
        const smtp = await openRawSmtp(smtpPort);
        for (const line of lines) smtp.write(`${line}\r\n`);
        const codes = await drain(smtp);
        smtp.socket.resetAndDestroy();
        // 421 is the one 4xx garbage may get: smtp-server closing on a broken line.
        expect(codes.filter((c) => c >= 400 && c < 500 && c !== 421), lines.join(' | ')).toEqual([]);
        await sendValid(++valid);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    await expectUp();
    expect(await threadAlertCount()).toBe(valid);
  });

  it('generated messages get 250 or a permanent 5xx, never a transient 4xx or a crash; valid mail between them is stored', { timeout: 60_000 }, async () => {
    let valid = await threadAlertCount();
    await fc.assert(
      fc.asyncProperty(message, async (text) => {
        const smtp = await openRawSmtp(smtpPort);
        expect((await smtp.command('EHLO fuzz.example')).code).toBe(250);
        expect((await smtp.command('MAIL FROM:<fuzz@fuzz.example>')).code).toBe(250);
        expect((await smtp.command(`RCPT TO:<${KEYS.email}@alerts.example>`)).code).toBe(250);
        expect((await smtp.command('DATA')).code).toBe(354);
        smtp.write(`${text}\r\n.\r\n`);
        const reply = await smtp.reply();
        expect(reply.code === 250 || reply.code >= 500, `${reply.code} ${reply.text} for ${JSON.stringify(text).slice(0, 300)}`).toBe(true);
        smtp.socket.end();
        await sendValid(++valid);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    await expectUp();
    expect(await threadAlertCount()).toBe(valid);
  });
});

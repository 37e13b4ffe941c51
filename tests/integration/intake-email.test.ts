import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

let relay: RelayProcess;
let smtpPort: number;
let token: string;

beforeAll(async () => {
  smtpPort = await freePort();
  relay = await startRelayProcess({
    env: { KLAXON_CONFIG: writeTestConfig(), KLAXON_SMTP_PORT: String(smtpPort), KLAXON_SMTP_MAX_BYTES: String(64 * 1024) },
  });
  const response = await fetch(`${relay.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ann', password: 'change-me-ann' }),
  });
  token = ((await response.json()) as { token: string }).token;
});
afterAll(() => relay?.dispose());

const transport = () =>
  nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, tls: { rejectUnauthorized: false } });

async function openIncidents(): Promise<{ summary: string; source: string; alertCount: number; dedupKey: string }[]> {
  const response = await fetch(`${relay.url}/api/v1/incidents`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { incidents: never[] }).incidents;
}

describe('e-mail intake over SMTP', () => {
  it('turns a mail to <key>@… into an incident, and folds the thread’s replies into it', async () => {
    const mail = await transport().sendMail({
      from: 'Veeam <backup@client.example>',
      to: `${KEYS.email}@alerts.example`,
      subject: 'Backup job NIGHTLY failed on FS01',
      text: 'The job failed with error 0x80070005.',
      messageId: '<thread-root-1@client.example>',
    });
    expect(mail.accepted).toEqual([`${KEYS.email}@alerts.example`]);
    let incident = (await openIncidents()).find((i) => i.summary === 'Backup job NIGHTLY failed on FS01');
    expect(incident).toMatchObject({ source: 'backup@client.example', alertCount: 1 });

    await transport().sendMail({
      from: 'Veeam <backup@client.example>',
      to: `${KEYS.email}@alerts.example`,
      subject: 'Re: Backup job NIGHTLY failed on FS01',
      text: 'Retry failed too.',
      inReplyTo: '<thread-root-1@client.example>',
      references: ['<thread-root-1@client.example>'],
    });
    incident = (await openIncidents()).find((i) => i.dedupKey === incident!.dedupKey);
    expect(incident?.alertCount).toBe(2);
  });

  it('refuses an unknown key at RCPT time with 550', async () => {
    await expect(
      transport().sendMail({ from: 'x@example.com', to: 'not-a-key@alerts.example', subject: 'hello', text: 'hi' }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });

  it('refuses an oversized message with 552 and stores nothing from it', async () => {
    await expect(
      transport().sendMail({
        from: 'x@example.com',
        to: `${KEYS.email}@alerts.example`,
        subject: 'Huge attachment',
        text: 'y'.repeat(200 * 1024),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect((await openIncidents()).some((i) => i.summary === 'Huge attachment')).toBe(false);
  });
});

describe('e-mail intake with STARTTLS', () => {
  let tlsRelay: RelayProcess;
  let tlsPort: number;

  beforeAll(async () => {
    // A throw-away self-signed certificate for the relay's SMTP ingest.
    const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-smtp-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    tlsPort = await freePort();
    tlsRelay = await startRelayProcess({
      env: {
        KLAXON_CONFIG: writeTestConfig(),
        KLAXON_SMTP_PORT: String(tlsPort),
        KLAXON_SMTP_TLS_KEY: path.join(dir, 'key.pem'),
        KLAXON_SMTP_TLS_CERT: path.join(dir, 'cert.pem'),
      },
    });
  });
  afterAll(() => tlsRelay?.dispose());

  it('upgrades to TLS when the client requires it, and takes the alert', async () => {
    const secure = nodemailer.createTransport({ host: '127.0.0.1', port: tlsPort, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
    const info = await secure.sendMail({ from: 'nas@client.example', to: `${KEYS.email}@alerts.example`, subject: 'RAID degraded on NAS2', text: 'Disk 3 failed.' });
    expect(info.accepted).toHaveLength(1);
    expect(info.response).toMatch(/^250/);
  });
});

import { globalAgent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectWiseFake, type ConnectWiseFake } from '../../../tests/support/connectwise-fake.js';
import { ConnectWiseCallError, type ConnectWiseCredentials } from '../../app/ports/connectwise-api.js';
import { createAddressGuard } from '../outbound/address-guard.js';
import { createOutboundFetch } from '../outbound/outbound-fetch.js';
import { apiBase, basicAuth, createConnectWiseClient, retryAfterMs } from './connectwise-client.js';

const KEYS = { companyId: 'msp', publicKey: 'pub1', privateKey: 'priv1', clientId: 'cid-1' };
let fake: ConnectWiseFake;
let credentials: ConnectWiseCredentials;

beforeAll(async () => {
  fake = await startConnectWiseFake(KEYS);
  globalAgent.options.ca = [...rootCertificates, fake.cert];
  credentials = { ...KEYS, site: fake.url, codebase: 'v4_6_release/apis/3.0' };
});
afterAll(async () => fake?.close());

const client = (timeoutMs?: number) =>
  createConnectWiseClient({ fetch: createOutboundFetch({ guard: createAddressGuard(['127.0.0.1/32']) }), ...(timeoutMs ? { timeoutMs } : {}) });

const ticket = { summary: 'Disk full', board: 'Desk', status: 'New', priority: 'P1', type: 'Incident', company: { identifier: 'Acme' }, initialDescription: 'text' };

describe('the ConnectWise client', () => {
  it('builds the Basic credentials as company+public:private and the API base from site and codebase', () => {
    expect(basicAuth(credentials)).toBe(`Basic ${Buffer.from('msp+pub1:priv1').toString('base64')}`);
    expect(apiBase({ site: 'https://api-na.myconnectwise.net/', codebase: '/v2025_1/apis/3.0/' })).toBe('https://api-na.myconnectwise.net/v2025_1/apis/3.0');
  });

  it('creates a ticket, patches its status and adds notes as the documented API takes them', async () => {
    const api = client();
    const { id } = await api.createTicket(credentials, ticket);
    await api.setStatus(credentials, id, 'In Progress');
    await api.addNote(credentials, id, { text: 'internal', internal: true });
    await api.addNote(credentials, id, { text: 'shared', internal: false, resolution: true });
    const stored = fake.tickets.get(id)!;
    expect(stored).toMatchObject({ summary: 'Disk full', board: 'Desk', status: 'In Progress', type: 'Incident', company: { identifier: 'Acme' } });
    expect(stored.notes).toEqual([
      { text: 'internal', internal: true, discussion: false, resolution: false },
      { text: 'shared', internal: false, discussion: true, resolution: true },
    ]);
    expect(fake.calls.at(-3)?.body).toEqual([{ op: 'replace', path: 'status', value: { name: 'In Progress' } }]);
  });

  it('cuts a summary to ConnectWise\'s 100 characters and names a company by id when it has one', async () => {
    const { id } = await client().createTicket(credentials, { ...ticket, summary: 'x'.repeat(300), company: { id: 250, identifier: 'ignored' } });
    expect(fake.tickets.get(id)).toMatchObject({ summary: 'x'.repeat(100), company: { id: 250 } });
  });

  it('answers a 401 for wrong keys, and a 429 with its Retry-After, as retryable or not', async () => {
    const wrong = await client().createTicket({ ...credentials, privateKey: 'nope' }, ticket).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ConnectWiseCallError);
    expect(wrong).toMatchObject({ status: 401, retryable: false });
    fake.fail([{ status: 429, headers: { 'retry-after': '7' } }]);
    const limited = await client().createTicket(credentials, ticket).catch((e: unknown) => e);
    expect(limited).toMatchObject({ status: 429, retryAfterMs: 7000, retryable: true });
    fake.fail([{ status: 500 }]);
    expect(await client().addNote(credentials, 1001, { text: 'x', internal: true }).catch((e: unknown) => e)).toMatchObject({ status: 500, retryable: true });
  });

  it('gives up on an answer that never comes (timeout) as retryable, without the body or keys in the message', async () => {
    fake.fail(['hang']);
    const error = await client(300).createTicket(credentials, ticket).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, retryable: true });
    expect((error as Error).message).toContain('no answer within 300 ms');
    expect((error as Error).message).not.toContain('priv1');
    expect(fake.hung).toBe(1);
  });

  it('refuses a destination the address guard forbids', async () => {
    const guarded = createConnectWiseClient({ fetch: createOutboundFetch() });
    expect(await guarded.createTicket(credentials, ticket).catch((e: unknown) => e)).toMatchObject({ status: 0 });
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, caps long waits and ignores nonsense', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs(new Date(Date.UTC(2026, 0, 1, 0, 1)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(60_000);
    expect(retryAfterMs('999999')).toBe(15 * 60_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

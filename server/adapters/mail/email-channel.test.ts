import { describe, expect, it } from 'vitest';
import { createActionLinks } from '../../app/push/action-links.js';
import { at, makeIncident, makePage, makeUser } from '../store/contract/fixtures.js';
import { createEmailChannel } from './email-channel.js';
import type { MailMessage, Mailer } from './mailer.js';

const links = createActionLinks({ key: Buffer.alloc(32, 7), baseUrl: () => 'https://klaxon.example' });
const now = at(100);

function capture(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { configured: true, sent, send: async (message) => void sent.push(message), close: () => {} };
}

const channel = (mailer: Mailer) =>
  createEmailChannel(mailer, (id) => `https://klaxon.example/#/incidents/${id}`, {
    actions: (pageId) => links.forPage(pageId, now),
    serviceName: async () => 'Core network',
  });

describe('the e-mail page channel', () => {
  it('carries signed Read and Acknowledge links that the relay accepts for this page only', async () => {
    const mailer = capture();
    const incident = { ...makeIncident({ id: 'inc-1', summary: 'Core switch down' }), seq: 1 };
    await channel(mailer)(makePage('inc-1', 0, { id: 'inc-1:0:0:bob', channel: 'email' }), incident, makeUser({ email: 'bob@example.com' }), 1);

    const text = mailer.sent[0]!.text;
    const read = /Read: (\S+)/.exec(text)?.[1];
    const acknowledge = /Acknowledge: (\S+)/.exec(text)?.[1];
    expect(read).toBeDefined();
    expect(acknowledge).toBeDefined();
    const check = (href: string, action: 'read' | 'acknowledge', pageId: string) => {
      const url = new URL(href);
      return links.verify(action, pageId, url.searchParams.get('exp')!, url.searchParams.get('sig')!, now);
    };
    expect(check(read!, 'read', 'inc-1:0:0:bob')).toBe(true);
    expect(check(acknowledge!, 'acknowledge', 'inc-1:0:0:bob')).toBe(true);
    expect(check(read!, 'acknowledge', 'inc-1:0:0:bob')).toBe(false);
    expect(check(read!, 'read', 'inc-1:0:0:cara')).toBe(false);
    expect(text).toContain('Service: Core network');
  });

  it('tells nothing of a confidential incident but its service (e-mail is a third-party channel)', async () => {
    const mailer = capture();
    const incident = { ...makeIncident({ id: 'inc-2', summary: 'CEO mailbox exfiltration', source: 'edr-7', confidential: true }), seq: 1 };
    await channel(mailer)(makePage('inc-2', 0, { id: 'inc-2:0:0:bob', channel: 'email' }), incident, makeUser(), 1);
    const { subject, text } = mailer.sent[0]!;
    expect(`${subject}\n${text}`).not.toMatch(/CEO|exfiltration|edr-7/);
    expect(text).toContain('Confidential incident on Core network');
  });
});

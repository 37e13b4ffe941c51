import { describe, expect, it } from 'vitest';
import { incidentCard, plainCardText, statusCard } from './adaptive-card.js';

const incident = { id: 'i1', summary: 'Disk *full* on [db1](http://evil.example)', priority: 'high' as const, status: 'triggered' as const, confidential: false, firstSeenAt: '2026-12-01T09:00:00.000Z' };
const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];

describe('Teams Adaptive Cards', () => {
  it('shows priority, headline, summary, service and client, with an Open in Klaxon action', () => {
    const message = incidentCard({ incident, headline: 'Acknowledged by Ann Example', serviceName: 'RMM alerts', clientName: 'Acme Corp', incidentUrl: 'https://klaxon.example/#/incidents/i1' });
    expect(message.type).toBe('message');
    const [attachment] = message.attachments;
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const content = attachment!.content;
    expect(content).toMatchObject({ type: 'AdaptiveCard', actions: [{ type: 'Action.OpenUrl', title: 'Open in Klaxon', url: 'https://klaxon.example/#/incidents/i1' }] });
    const text = strings(content).join('\n');
    expect(text).toContain('HIGH · Acknowledged by Ann Example');
    expect(text).toContain('RMM alerts');
    expect(text).toContain('Acme Corp');
    // Alert text cannot make a link or emphasis.
    expect(text).toContain('Disk \\*full\\* on \\[db1\\](http://evil.example)');
  });

  it('redacts a confidential incident: no summary, service, client or priority', () => {
    const message = incidentCard({ incident: { ...incident, confidential: true }, headline: 'Resolved', serviceName: 'RMM alerts', clientName: 'Acme Corp', incidentUrl: 'https://klaxon.example/#/incidents/i1' });
    const text = strings(message.attachments[0]!.content).join('\n');
    expect(text).toContain('Confidential incident: Resolved');
    expect(text).not.toMatch(/Disk|db1|RMM|Acme|HIGH/);
    expect(text).toContain('https://klaxon.example/#/incidents/i1');
  });

  it('escapes list markers only at the start of a line and leaves other punctuation alone', () => {
    expect(plainCardText('- one\n2. two\nback by 10:00. (maybe) - yes!')).toBe('\\- one\n2\\. two\nback by 10:00. (maybe) - yes!');
    expect(plainCardText('<at>Everyone</at>')).toBe('\\<at\\>Everyone\\</at\\>');
    expect(plainCardText('x'.repeat(2000))).toHaveLength(1000);
  });

  it('builds a status card with or without a link', () => {
    expect(statusCard({ subject: 'Subject', body: 'Body', incidentUrl: 'https://k.example/#/incidents/i1' }).attachments[0]!.content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open in Klaxon', url: 'https://k.example/#/incidents/i1' }]);
    expect(statusCard({ subject: 'Subject', body: 'Body', incidentUrl: null }).attachments[0]!.content.actions).toBeUndefined();
  });
});

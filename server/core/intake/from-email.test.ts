import { describe, expect, it } from 'vitest';
import { AlertInputSchema } from '../../../shared/schemas/alert.js';
import { stableDedupKey } from './dedup-key.js';
import { emailDedupKey, fromEmail, senderAddress, severityFromSubject } from './from-email.js';

const mail = {
  subject: '** PROBLEM Service Alert: fs01/Backup is CRITICAL **',
  text: 'Service: Backup\nHost: fs01\nState: CRITICAL\n',
  from: 'Nagios <nagios@monitor.contoso.com>',
  messageId: '<20260309130211.4711@monitor.contoso.com>',
};

describe('fromEmail', () => {
  it('turns a mail into a trigger', () => {
    const alerts = fromEmail({ ...mail, date: '2026-03-09T13:02:11Z' });
    expect(alerts).toEqual([
      {
        action: 'trigger',
        dedupKey: '20260309130211.4711@monitor.contoso.com',
        summary: '** PROBLEM Service Alert: fs01/Backup is CRITICAL **',
        severity: 'critical',
        source: 'nagios@monitor.contoso.com',
        labels: {},
        subject: '** PROBLEM Service Alert: fs01/Backup is CRITICAL **',
        links: [],
        occurredAt: '2026-03-09T13:02:11Z',
        payload: expect.objectContaining({ text: mail.text, from: mail.from }),
      },
    ]);
    expect(AlertInputSchema.safeParse(alerts[0]).success).toBe(true);
  });

  it('folds spaces and clips the subject, and names a mail without one', () => {
    expect(fromEmail({ ...mail, subject: ' Disk\r\n  almost full ' })[0]!.summary).toBe('Disk almost full');
    expect(fromEmail({ ...mail, subject: 'x'.repeat(3000) })[0]!.summary).toHaveLength(1024);
    expect(fromEmail({ ...mail, subject: '' })[0]!.summary).toBe('(no subject) from nagios@monitor.contoso.com');
  });
});

describe('emailDedupKey', () => {
  it("takes the dedup pattern's first group, or its whole match, from the subject", () => {
    const subject = 'Ticket #4711 - printer jam';
    expect(emailDedupKey({ ...mail, dedupPattern: '#(\\d+)' }, subject)).toBe('4711');
    expect(emailDedupKey({ ...mail, dedupPattern: '(?i)TICKET #\\d+' }, subject)).toBe('Ticket #4711');
  });

  it('follows the thread root when the pattern does not match', () => {
    const reply = {
      ...mail,
      dedupPattern: '#(\\d+)',
      messageId: '<reply-2@x>',
      inReplyTo: '<reply-1@x>',
      references: '<root@x> <reply-1@x>',
    };
    expect(emailDedupKey(reply, 'Re: no number here')).toBe('root@x');
    expect(emailDedupKey({ ...reply, references: ['<root@x>', '<reply-1@x>'] }, 'Re: x')).toBe('root@x');
    expect(emailDedupKey({ ...reply, references: undefined }, 'Re: x')).toBe('reply-1@x');
    expect(emailDedupKey({ ...reply, references: undefined, inReplyTo: undefined }, 'Re: x')).toBe('reply-2@x');
  });

  it('hashes sender and subject when the mail has no ids', () => {
    const bare = { from: 'alerts@example.com' };
    expect(emailDedupKey(bare, 'UPS on battery')).toBe(stableDedupKey('mail', { from: 'alerts@example.com', subject: 'UPS on battery' }));
  });
});

describe('severityFromSubject', () => {
  it.each([
    ['Host DB1 is DOWN', 'critical'],
    ['Backup failed', 'critical'],
    ['Replication failure on SQL02', 'critical'],
    ['Outage: VPN', 'critical'],
    ['3 errors in the event log', 'error'],
    ['Disk almost full', 'warning'],
    ['Download finished', 'warning'],
  ])('reads "%s" as %s', (subject, severity) => {
    expect(severityFromSubject(subject)).toBe(severity);
  });
});

describe('senderAddress', () => {
  it('reads the address out of a display name', () => {
    expect(senderAddress('"Veeam, Backup" <veeam@contoso.com>')).toBe('veeam@contoso.com');
    expect(senderAddress(' alerts@example.com ')).toBe('alerts@example.com');
  });
});

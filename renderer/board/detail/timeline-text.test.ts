import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import { formatInstant } from '../../time/format-instant.js';
import { actorText, describeEvent } from './timeline-text.js';

const names: Record<string, string> = { cara: 'Cara Example', bob: 'Bob Example' };
const nameOf = (id: string) => names[id] ?? id;
const event = (type: TimelineEvent['type'], data: Record<string, unknown>, actor: TimelineEvent['actor'] = { type: 'user', id: 'bob' }): TimelineEvent => ({
  id: 'e',
  incidentId: 'i',
  at: '2026-11-28T12:00:00Z',
  type,
  actor,
  data,
});

describe('timeline text', () => {
  it('describes triage, assignment, evidence and pages with names', () => {
    expect(describeEvent(event('triage.verdict', { verdict: 'false_positive', reason: 'scanner' }), nameOf)).toBe(
      'Dismissed as a false positive: scanner',
    );
    expect(describeEvent(event('assignee.set', { role: 'forensic', userId: 'cara' }), nameOf)).toBe('Forensic analyst set to Cara Example');
    expect(describeEvent(event('assignee.set', { role: 'triage', userId: null }), nameOf)).toBe('Triage analyst set to nobody');
    expect(describeEvent(event('evidence.added', { description: 'RAM', sha256: 'abcdef0123456789' }), nameOf)).toBe(
      'Evidence added: RAM (SHA-256 abcdef012345…)',
    );
    expect(describeEvent(event('page.queued', { userId: 'cara', level: 0, manual: true }), nameOf)).toBe('Paged by hand: Cara Example');
    expect(describeEvent(event('page.queued', { userId: 'cara', level: 0 }), nameOf)).toBe('Page queued at level 1: Cara Example');
    expect(describeEvent(event('escalation.level', { from: 0, to: 1, reason: 'escalate-now' }), nameOf)).toBe('Escalated from level 1 to level 2 on request');
    expect(describeEvent(event('priority.set', { priority: 'high', previous: 'low' }), nameOf)).toBe('Priority changed from low to high');
    expect(describeEvent(event('intel.matched', { matches: [{}, {}] }), nameOf)).toBe('The alert matched 2 threat indicators');
    expect(describeEvent(event('need-to-know.changed', { added: ['cara', 'bob'], removed: [] }), nameOf)).toBe(
      'Need-to-know list: added Cara Example, Bob Example',
    );
    expect(describeEvent(event('need-to-know.changed', { added: [], removed: ['cara'] }), nameOf)).toBe('Need-to-know list: removed Cara Example');
  });

  it('says when an escalation was restarted, released early, moved on past unreachable people or paged the failover', () => {
    expect(describeEvent(event('escalation.started', { restarted: true, from: 'stopped', stopReason: 'read' }), nameOf)).toBe(
      'Escalation restarted on request (it had stopped (read))',
    );
    expect(describeEvent(event('escalation.started', { restarted: true, from: 'unanswered', stopReason: null }), nameOf)).toBe(
      'Escalation restarted on request (it had failed over)',
    );
    expect(describeEvent(event('incident.released', { early: 'priority-high' }), nameOf)).toBe('Released to escalation at once: raised to high');
    expect(describeEvent(event('escalation.level', { from: 0, to: 1, reason: 'pages-failed' }), nameOf)).toBe(
      'Escalated from level 1 to level 2: nobody on the level could be reached',
    );
    expect(describeEvent(event('page.queued', { userId: 'cara', failover: true }), nameOf)).toBe('Page queued to the failover: Cara Example');
    expect(describeEvent(event('page.sent', { userId: 'bob', channel: 'push', replayed: true }), nameOf)).toBe(
      'Page sent to Bob Example by push (when the phone connected)',
    );
  });

  it('describes status updates and Teams posts, with their reach and failures', () => {
    expect(describeEvent(event('status.posted', { stage: 'identified', message: 'Fix at 10:00', recipients: 2, channels: 1 }), nameOf)).toBe(
      'Status update (identified) to 2 addresses, 1 Teams channel: Fix at 10:00',
    );
    expect(describeEvent(event('status.posted', { stage: 'investigating', message: 'Looking', recipients: 1, channels: 0, confidential: true }), nameOf)).toBe(
      'Status update (investigating) to 1 address, 0 Teams channels, sent although confidential: Looking',
    );
    expect(describeEvent(event('status.sent', { stage: 'identified', emails: 2, channels: 1 }), nameOf)).toBe('Status update (identified) sent to 2 addresses, 1 Teams channel');
    expect(describeEvent(event('status.failed', { stage: 'resolved', emails: 1, channels: 0, error: 'e-mail: refused' }), nameOf)).toBe(
      'Status update (resolved) not sent to 1 address, 0 Teams channels: e-mail: refused',
    );
    expect(describeEvent(event('msteams.posted', { channel: 'noc', headline: 'Triggered', redacted: true }), nameOf)).toBe('Posted to Teams channel noc (redacted: confidential): Triggered');
    expect(describeEvent(event('msteams.failed', { channel: 'noc', headline: 'Resolved', error: 'the Teams webhook answered 404' }), nameOf)).toBe(
      'Teams channel noc not told (Resolved): the Teams webhook answered 404',
    );
  });

  it('names the actor', () => {
    expect(actorText(event('note.added', {}), nameOf)).toBe('Bob Example');
    expect(actorText(event('incident.opened', {}, { type: 'source', id: 'events-v2' }), nameOf)).toBe('source events-v2');
    expect(actorText(event('page.sent', {}, { type: 'system', id: null }), nameOf)).toBe('Klaxon');
  });

  it('writes the instants in an event on the clock it is given, UTC without one', () => {
    const snoozed = event('incident.snoozed', { until: '2026-03-08T07:30:00Z' });
    expect(describeEvent(snoozed, nameOf)).toBe('Snoozed until Sun 8 Mar 07:30 UTC');
    expect(describeEvent(snoozed, nameOf, (at) => formatInstant(at, { zone: 'America/New_York', hourCycle: 12, style: 'time' }))).toBe('Snoozed until 3:30 AM EDT');
  });
});

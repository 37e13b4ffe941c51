import { describe, expect, it } from 'vitest';
import { PolicySchema, type Policy } from '../../../shared/schemas/policy.js';
import { ScheduleSchema, type Schedule } from '../../../shared/schemas/schedule.js';
import { previewPolicy, type PreviewDirectory } from './preview-policy.js';

const primary: Schedule = ScheduleSchema.parse({
  id: 'noc-primary',
  name: 'NOC primary',
  team: 'noc',
  timeZone: 'America/New_York',
  layers: [
    { name: 'weekly', rotation: { participants: ['bob', 'cara'], shiftLength: '1w', start: '2026-11-02T09:00' } },
    {
      name: 'weekday-days',
      rotation: { participants: ['dan'], shiftLength: '1d', start: '2026-11-02T09:00' },
      restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
    },
  ],
  overrides: [{ user: 'dan', replaces: 'bob', start: '2026-11-30T18:00', end: '2026-12-01T08:00' }],
});
const nights: Schedule = ScheduleSchema.parse({
  id: 'nights',
  name: 'Nights',
  team: 'noc',
  timeZone: 'America/New_York',
  layers: [
    {
      name: 'night',
      rotation: { participants: ['dan'], shiftLength: '1d', start: '2026-11-02T20:00' },
      restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '20:00', end: '06:00' }],
    },
  ],
});

const directory: PreviewDirectory = {
  schedules: new Map([
    ['noc-primary', primary],
    ['nights', nights],
  ]),
  userNames: new Map([
    ['ann', 'Ann Example'],
    ['bob', 'Bob Example'],
    ['cara', 'Cara Example'],
    ['dan', 'Dan Example'],
  ]),
};

const policy = (input: Record<string, unknown>): Policy => PolicySchema.parse({ id: 'noc-default', name: 'NOC default', ...input });

/** Saturday 28 November 2026, 09:00 in New York (cara holds the weekly rotation). */
const SATURDAY_9AM = new Date('2026-11-28T14:00:00Z');

describe('previewPolicy', () => {
  it('says who is paged when, through the schedule, and the failover, for the example policy', () => {
    const preview = previewPolicy(
      policy({
        stopOn: 'read',
        repeat: 1,
        repeatPageEvery: '60s',
        levels: [
          { delay: '5m', targets: [{ schedule: 'noc-primary' }] },
          { delay: '10m', targets: [{ user: 'ann' }] },
        ],
        failover: { email: ['lead@example.com'], users: ['ann'] },
      }),
      SATURDAY_9AM,
      'America/New_York',
      directory,
    );
    expect(preview.timeZone).toBe('America/New_York');
    expect(preview.steps.map((s) => s.text)).toEqual([
      '09:00 level 1 pages Cara Example (NOC primary, on call)',
      'if unread by 09:05, level 2 pages Ann Example',
      'if unread by 09:15, starts over, level 1 (pass 2 of 2) pages Cara Example (NOC primary, on call)',
      'if unread by 09:20, level 2 (pass 2 of 2) pages Ann Example',
      'if unread by 09:30, failover: e-mail to lead@example.com; tell Ann Example',
    ]);
    expect(preview.steps.map((s) => s.kind)).toEqual(['page', 'page', 'page', 'page', 'failover']);
    expect(preview.repeatNote).toBe(
      'Unread pages are sent again every 1m until read; the escalation stops once read.',
    );
  });

  it('resolves each level at its own boundary: the weekday layer takes over on Monday at 09:00', () => {
    const preview = previewPolicy(
      policy({ stopOn: 'acknowledged', levels: [{ delay: '30m', targets: [{ user: 'bob' }] }, { delay: '5m', targets: [{ schedule: 'noc-primary' }] }] }),
      new Date('2026-11-30T13:45:00Z'), // Monday 08:45 New York
      'America/New_York',
      directory,
    );
    expect(preview.steps.map((s) => s.text)).toEqual([
      '08:45 level 1 pages Bob Example',
      'if not acknowledged by 09:15, level 2 pages Dan Example (NOC primary, on call)',
      'if not acknowledged by 09:20, failover: nobody (this policy has no failover)',
    ]);
  });

  it('says when an override put someone on call', () => {
    const preview = previewPolicy(
      policy({ levels: [{ delay: '5m', targets: [{ schedule: 'noc-primary' }] }] }),
      new Date('2026-11-30T23:30:00Z'), // Monday 18:30 New York: dan covers bob's week
      'America/New_York',
      directory,
    );
    expect(preview.steps[0]!.text).toBe('18:30 level 1 pages Dan Example (NOC primary, on call by override)');
  });

  it('reports a gap and moves on at once, deduplicates people and shows the date when the day changes', () => {
    const preview = previewPolicy(
      policy({
        stopOn: 'resolved',
        levels: [
          { delay: '5m', targets: [{ schedule: 'nights' }] },
          { delay: '6h', targets: [{ user: 'ann' }, { schedule: 'noc-primary' }, { user: 'ann' }] },
        ],
        failover: { email: ['lead@example.com', 'boss@example.com'] },
      }),
      new Date('2026-11-28T22:00:00Z'), // Saturday 17:00 New York: no night shift yet
      'America/New_York',
      directory,
    );
    expect(preview.steps.map((s) => s.text)).toEqual([
      '17:00 level 1 has nobody on call in Nights, so it moves on at once',
      '17:00 level 2 pages Ann Example and Cara Example (NOC primary, on call)',
      'if not resolved by 23:00, failover: e-mail to lead@example.com and boss@example.com',
    ]);
    const late = previewPolicy(
      policy({ levels: [{ delay: '2h', targets: [{ user: 'ann' }] }], failover: { users: ['bob'] } }),
      new Date('2026-11-29T03:30:00Z'), // Saturday 22:30 New York
      'America/New_York',
      directory,
    );
    expect(late.steps.map((s) => s.text)).toEqual([
      '22:30 level 1 pages Ann Example',
      'if not acknowledged by Sun 29 Nov 00:30, failover: tell Bob Example',
    ]);
  });

  it('fails over at once when every level is empty, shows seconds for second delays, and falls back to UTC', () => {
    const preview = previewPolicy(
      policy({ levels: [{ delay: '30s', targets: [{ schedule: 'gone' }] }], failover: { email: ['lead@example.com'] } }),
      new Date('2026-11-28T14:00:00Z'),
      'Not/AZone',
      directory,
    );
    expect(preview.timeZone).toBe('UTC');
    expect(preview.steps.map((s) => s.text)).toEqual([
      '14:00:00 level 1 has nobody on call in gone (no such schedule), so it moves on at once',
      '14:00:00 then failover: e-mail to lead@example.com',
    ]);
  });
});

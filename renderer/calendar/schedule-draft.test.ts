import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../shared/schemas/schedule.js';
import { fromDraft, newLayer, toDraft } from './schedule-draft.js';

const schedule: Schedule = {
  id: 'noc-primary',
  name: 'NOC primary',
  team: 'noc',
  timeZone: 'America/New_York',
  owner: 'ann',
  layers: [{ name: 'weekly', rotation: { participants: ['bob', 'cara'], shiftLength: 604_800, start: '2026-11-02T09:00' }, restrictions: [] }],
  overrides: [],
};

describe('schedule drafts', () => {
  it('round-trips a schedule through the editor form, with shift lengths as text', () => {
    const draft = toDraft(schedule);
    expect(draft.layers[0]!.shiftLength).toBe('1w');
    expect(fromDraft(draft)).toEqual({ ok: true, schedule });
  });

  it('adds a layer and names a wrong shift length before asking the relay', () => {
    const draft = toDraft(schedule);
    draft.layers.push({ ...newLayer('2026-12-01T22:00'), name: 'nights', participants: ['dan'], shiftLength: 'a while' });
    expect(fromDraft(draft)).toMatchObject({ ok: false, field: 'layers.1.rotation.shiftLength' });
    draft.layers[1]!.shiftLength = '1d';
    const result = fromDraft(draft);
    expect(result.ok && result.schedule.layers[1]).toEqual({
      name: 'nights',
      rotation: { participants: ['dan'], shiftLength: 86_400, start: '2026-12-01T22:00' },
      restrictions: [],
    });
  });

  it('carries the start and the hand-over clock both ways, leaving the default out', () => {
    const hourly: Schedule = {
      ...schedule,
      layers: [{ name: 'shifts', rotation: { participants: ['bob'], shiftLength: 43_200, start: '2026-12-01T08:00', handoffs: 'wall-clock' }, restrictions: [] }],
    };
    const draft = toDraft(hourly);
    expect(draft.layers[0]).toMatchObject({ start: '2026-12-01T08:00', handoffs: 'wall-clock', shiftLength: '12h' });
    expect(fromDraft(draft)).toEqual({ ok: true, schedule: hourly });
    draft.layers[0]!.handoffs = 'default';
    const result = fromDraft(draft);
    expect(result.ok && result.schedule.layers[0]?.rotation).toEqual({ participants: ['bob'], shiftLength: 43_200, start: '2026-12-01T08:00' });
  });

  it('leaves the owner out when the form has none', () => {
    const result = fromDraft({ ...toDraft(schedule), owner: '' });
    expect(result.ok && 'owner' in result.schedule).toBe(false);
  });
});

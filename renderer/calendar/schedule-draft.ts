import { formatDuration, parseDuration } from '../../shared/schemas/common.js';
import type { HandoffClock, Restriction, Schedule } from '../../shared/schemas/schedule.js';

/** A layer as the editor form holds it: the shift length as text ("1w"), and 'default' for no hand-over clock set. */
export interface LayerDraft {
  name: string;
  participants: string[];
  shiftLength: string;
  start: string;
  handoffs: HandoffClock | 'default';
  restrictions: Restriction[];
}

/** The hand-over clocks the editor offers, 'default' leaving the rotation's own default. */
export const HANDOFF_CLOCK_OPTIONS: readonly { value: HandoffClock | 'default'; label: string }[] = [
  { value: 'default', label: 'Default (same local time for whole days)' },
  { value: 'wall-clock', label: 'Same local times across DST' },
  { value: 'elapsed', label: 'Every shift exactly its length' },
];

/** A schedule as the editor form holds it. */
export interface ScheduleDraft {
  id: string;
  name: string;
  team: string;
  timeZone: string;
  owner: string;
  layers: LayerDraft[];
  overrides: Schedule['overrides'];
}

/** Turns a stored schedule into an editable draft. */
export function toDraft(schedule: Schedule): ScheduleDraft {
  return {
    id: schedule.id,
    name: schedule.name,
    team: schedule.team,
    timeZone: schedule.timeZone,
    owner: schedule.owner ?? '',
    layers: schedule.layers.map((l) => ({
      name: l.name,
      participants: [...l.rotation.participants],
      shiftLength: formatDuration(l.rotation.shiftLength),
      start: l.rotation.start,
      handoffs: l.rotation.handoffs ?? 'default',
      restrictions: l.restrictions.map((r) => ({ ...r, days: [...r.days] })),
    })),
    overrides: schedule.overrides.map((o) => ({ ...o })),
  };
}

/** A new layer starting at `start`: a weekly rotation with no restriction and the default clock. */
export function newLayer(start: string): LayerDraft {
  return { name: '', participants: [], shiftLength: '1w', start, handoffs: 'default', restrictions: [] };
}

/**
 * Turns a draft back into a schedule, or names the first field the form can already tell is wrong
 * (the relay checks everything else with the shared schema).
 */
export function fromDraft(draft: ScheduleDraft): { ok: true; schedule: Schedule } | { ok: false; field: string; message: string } {
  const layers: Schedule['layers'] = [];
  for (const [i, layer] of draft.layers.entries()) {
    const seconds = parseDuration(layer.shiftLength);
    if (seconds === undefined) {
      return { ok: false, field: `layers.${i}.rotation.shiftLength`, message: `Layer ${i + 1}: use a shift length such as "12h", "1d" or "1w"` };
    }
    layers.push({
      name: layer.name.trim(),
      rotation: {
        participants: [...layer.participants],
        shiftLength: seconds,
        start: layer.start,
        ...(layer.handoffs !== 'default' ? { handoffs: layer.handoffs } : {}),
      },
      restrictions: layer.restrictions.map((r) => ({ ...r, days: [...r.days] })),
    });
  }
  const { owner, ...rest } = draft;
  return { ok: true, schedule: { ...rest, ...(owner ? { owner } : {}), layers } };
}

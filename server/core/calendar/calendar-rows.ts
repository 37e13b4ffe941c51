import type { CalendarBar, CalendarRow } from '../../../shared/schemas/calendar.js';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import { layerShifts, shifts, type Shift } from '../schedule/index.js';

function toBar(shift: Shift): CalendarBar {
  return {
    start: shift.start.toISOString(),
    end: shift.end.toISOString(),
    users: [...shift.users],
    layer: shift.layer,
    override: shift.override,
  };
}

/**
 * Returns the lines a calendar draws over [from, to): first the final on-call line (layers stacked,
 * overrides applied, from `shifts()`), then each layer's own line (from `layerShifts()`), highest
 * layer first as the final line reads them. Gaps are bars with no users.
 */
export function calendarRows(schedule: Schedule, from: Date, to: Date): CalendarRow[] {
  const final: CalendarRow = { key: 'final', label: 'On call', kind: 'final', bars: shifts(schedule, from, to).map(toBar) };
  const layers = schedule.layers
    .map((layer, index): CalendarRow => ({
      key: `layer-${index}`,
      label: layer.name,
      kind: 'layer',
      bars: layerShifts(schedule, index, from, to).map(toBar),
    }))
    .reverse();
  return [final, ...layers];
}

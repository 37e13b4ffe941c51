import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import { readScheduleDocument } from './schedule-document.js';

const stored = (rotation: Record<string, unknown>): Schedule =>
  JSON.parse(
    JSON.stringify({
      id: 's',
      name: 'S',
      team: 'noc',
      timeZone: 'UTC',
      layers: [{ name: 'l', rotation: { participants: ['a'], shiftLength: 86_400, ...rotation }, restrictions: [] }],
      overrides: [],
    }),
  ) as Schedule;

describe('readScheduleDocument', () => {
  it('gives a document stored under the old name `handoff` its `start`', () => {
    const read = readScheduleDocument(stored({ handoff: '2026-11-02T09:00' }));
    expect(read.layers[0]?.rotation).toEqual({ participants: ['a'], shiftLength: 86_400, start: '2026-11-02T09:00' });
  });

  it('returns a current document unchanged', () => {
    const doc = stored({ start: '2026-11-02T09:00', handoffs: 'elapsed' });
    expect(readScheduleDocument(doc)).toBe(doc);
  });
});

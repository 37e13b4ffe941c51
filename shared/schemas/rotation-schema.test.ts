import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema } from '../config/config-schema.js';
import { RotationSchema } from './schedule.js';

const base = { participants: ['a', 'b'], shiftLength: '12h' };

describe('RotationSchema', () => {
  it('names the first handoff `start` and keeps the hand-over clock when given', () => {
    expect(RotationSchema.parse({ ...base, start: '2026-12-01T08:00', handoffs: 'wall-clock' })).toEqual({
      participants: ['a', 'b'],
      shiftLength: 43_200,
      start: '2026-12-01T08:00',
      handoffs: 'wall-clock',
    });
    expect(RotationSchema.parse({ ...base, start: '2026-12-01T08:00' })).not.toHaveProperty('handoffs');
  });

  it('still reads the old name `handoff` as the start', () => {
    expect(RotationSchema.parse({ ...base, handoff: '2026-11-02T09:00' })).toEqual({
      participants: ['a', 'b'],
      shiftLength: 43_200,
      start: '2026-11-02T09:00',
    });
  });

  it('names the field when the start is missing, doubled, or the clock is unknown', () => {
    const path = (input: unknown) => RotationSchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(path(base)).toEqual(['start']);
    expect(path({ ...base, start: '2026-12-01T08:00', handoff: '2026-12-01T08:00' })).toEqual(['handoff']);
    expect(path({ ...base, start: '2026-12-01T08:00', handoffs: 'sundial' })).toEqual(['handoffs']);
    expect(path({ ...base, start: 'tomorrow' })).toEqual(['start']);
  });

  it('loads both copies of the example config as they are, with every rotation given a start', () => {
    for (const file of [new URL('../config/klaxon.example.yaml', import.meta.url), '/work/shared/examples/klaxon.example.yaml']) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue; // The shared copy exists only on the team's machines.
      }
      const config = ConfigSchema.parse(parse(text));
      const starts = config.schedules.flatMap((s) => s.layers.map((l) => l.rotation.start));
      expect(starts.length).toBeGreaterThan(0);
      for (const start of starts) expect(start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../../shared/schemas/intel.js';
import { fromCell, readCsv, toCell, toCsv } from './csv.js';

const indicator: Indicator = {
  id: '6f1c2c1e-8a0b-4a6e-9d5e-1f2a3b4c5d6e',
  type: 'text',
  value: '=hyperlink("http://evil.example","click")',
  tags: ['-sum', 'apt'],
  confidence: 80,
  source: '@feed',
  firstSeenAt: '2026-11-01T00:00:00.000Z',
  lastSeenAt: '2026-11-02T00:00:00.000Z',
  expiresAt: null,
  notes: '+1 from the SOC',
  visibility: 'team',
  incidentIds: [],
  createdBy: 'tess',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-02T00:00:00.000Z',
};

describe('indicator CSV', () => {
  it('writes no cell a spreadsheet would run as a formula', () => {
    const csv = toCsv([indicator]);
    const cells = csv.split('\r\n')[1]!;
    expect(cells).not.toMatch(/(^|,)"?[=+\-@]/);
    expect(cells).toContain(`"'=hyperlink(""http://evil.example"",""click"")"`);
    expect(cells).toContain("'+1 from the SOC");
    expect(cells).toContain("'@feed");
  });

  it('imports its own export back unchanged', () => {
    const { items, errors } = readCsv(toCsv([indicator]));
    expect(errors).toEqual([]);
    expect(items[0]?.input).toMatchObject({ value: indicator.value, tags: ['-sum', 'apt'], source: '@feed', notes: '+1 from the SOC' });
  });

  it('guards and unguards only formula starts', () => {
    for (const cell of ['=1+1', '+1', '-1', '@x', '\tx']) expect(fromCell(toCell(cell))).toBe(cell);
    expect(toCell('plain')).toBe('plain');
    expect(fromCell("'quoted")).toBe("'quoted");
  });
});

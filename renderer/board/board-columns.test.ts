import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import { anyAssigned, assignedTitle, boardColumns, firstName, gridTemplate, verdictWords } from './board-columns.js';

const incident = (fields: Partial<Incident>) => ({ triageVerdict: null, triageAssignee: null, forensicAssignee: null, ...fields }) as Incident;

describe('boardColumns', () => {
  it('folds Client and Assigned away unless asked for, keeping the summary the widest share', () => {
    expect(boardColumns({ client: false, assigned: false }).map((c) => c.label)).toEqual(['Priority', 'State', 'Service', 'Summary', 'Age', 'Alerts', 'Paged']);
    expect(boardColumns({ client: true, assigned: true }).map((c) => c.label)).toEqual([
      'Priority',
      'State',
      'Service',
      'Client',
      'Summary',
      'Age',
      'Alerts',
      'Paged',
      'Assigned',
    ]);
    const shares = boardColumns({ client: true, assigned: true }).map((c) => Number(/([\d.]+)fr\)$/.exec(c.track)?.[1] ?? 0));
    expect(Math.max(...shares)).toBe(shares[4]);
  });

  it('gives one grid track per column plus the selection box', () => {
    const columns = boardColumns({ client: false, assigned: true });
    const template = gridTemplate(columns);
    expect(template.startsWith('2rem ')).toBe(true);
    expect(template.match(/minmax\([^)]*\)|\S+/g)).toHaveLength(columns.length + 1);
  });
});

describe('anyAssigned', () => {
  it('is true only when some incident has a verdict or an analyst', () => {
    expect(anyAssigned([])).toBe(false);
    expect(anyAssigned([incident({})])).toBe(false);
    expect(anyAssigned([incident({}), incident({ forensicAssignee: 'cara' })])).toBe(true);
    expect(anyAssigned([incident({ triageVerdict: 'confirmed' })])).toBe(true);
  });
});

describe('assigned words', () => {
  it('shortens a false positive and spells everything out in the tooltip', () => {
    expect(verdictWords('false_positive')).toEqual({ short: 'FP', long: 'False positive' });
    expect(verdictWords(null)).toBeNull();
    expect(assignedTitle('false_positive', 'Bob Example', '')).toBe('False positive · Triage: Bob Example · Forensic: —');
    expect(assignedTitle(null, '', 'Cara Example')).toBe('No verdict · Triage: — · Forensic: Cara Example');
    expect(assignedTitle(null, '', '')).toBe('');
    expect([firstName('Bob Example'), firstName(''), firstName(undefined)]).toEqual(['Bob', '—', '—']);
  });
});

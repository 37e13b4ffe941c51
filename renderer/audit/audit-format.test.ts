import { describe, expect, it } from 'vitest';
import { auditQuery } from './audit-api.js';
import { detailsText, subjectText, verdictText } from './audit-format.js';

describe('audit page helpers', () => {
  it('leaves blank filters out of the query and sends instants as ISO text', () => {
    const filters = { action: 'auth.login', actor: ' ', subjectKind: '', subjectId: '', from: new Date('2030-01-01T00:00:00Z'), to: null };
    expect(auditQuery(filters, 42, 50)).toBe('action=auth.login&from=2030-01-01T00%3A00%3A00.000Z&before=42&limit=50');
  });

  it('words subjects, details and verdicts', () => {
    expect(subjectText({ subject: null })).toBe('—');
    expect(subjectText({ subject: { kind: 'user', id: 'bob' } })).toBe('user bob');
    expect(detailsText({ mode: 'update', rules: ['push+0s'] })).toBe('mode: update · rules: ["push+0s"]');
    expect(verdictText({ intact: true, auditEvents: 3, timelineEvents: 2, incidents: 1 })).toBe(
      'Intact: 3 audit events and 2 timeline events of 1 incidents checked.',
    );
    expect(
      verdictText({
        intact: false,
        auditEvents: 1,
        timelineEvents: 0,
        incidents: 0,
        broken: { table: 'audit_events', row: '2', field: 'hash', expected: 'aa', found: 'bb' },
      }),
    ).toBe('Broken at audit event #2: hash should be aa but is bb.');
  });
});

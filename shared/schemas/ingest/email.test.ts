import { describe, expect, it } from 'vitest';
import { InboundEmailSchema } from './email.js';
import { parseIngestBody } from './ingest-issues.js';

describe('InboundEmailSchema', () => {
  it('accepts a parsed message and defaults the missing text', () => {
    const parsed = InboundEmailSchema.parse({ from: 'nagios@example.com', subject: 'PROBLEM', references: ['<a@x>', '<b@x>'] });
    expect(parsed).toMatchObject({ subject: 'PROBLEM', text: '', references: ['<a@x>', '<b@x>'] });
  });

  it('names a missing sender', () => {
    const result = parseIngestBody(InboundEmailSchema, { subject: 'x' });
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['from']);
  });
});

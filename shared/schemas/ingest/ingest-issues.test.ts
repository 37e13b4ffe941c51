import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeIngestIssues, formatIssuePath, parseIngestBody } from './ingest-issues.js';

describe('formatIssuePath', () => {
  it('writes keys, indexes and odd keys the way people read them', () => {
    expect(formatIssuePath([])).toBe('(body)');
    expect(formatIssuePath(['payload', 'summary'])).toBe('payload.summary');
    expect(formatIssuePath(['alerts', 0, 'status'])).toBe('alerts[0].status');
    expect(formatIssuePath(['custom_details', 'free space'])).toBe("custom_details['free space']");
    expect(formatIssuePath(['a', "it's"])).toBe("a['it\\'s']");
  });
});

describe('parseIngestBody', () => {
  const Schema = z.object({ a: z.object({ b: z.number() }) });

  it('returns the parsed value', () => {
    expect(parseIngestBody(Schema, { a: { b: 1 } })).toEqual({ ok: true, value: { a: { b: 1 } } });
  });

  it('returns every issue with its field path instead of throwing', () => {
    const result = parseIngestBody(Schema, { a: { b: 'x' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([{ path: 'a.b', message: expect.stringContaining('number') }]);
    expect(describeIngestIssues(result.issues)).toMatch(/^a\.b: /);
  });
});

import { describe, expect, it } from 'vitest';
import { parseIngestBody } from './ingest-issues.js';
import { WebhookBodySchema } from './webhook.js';

describe('WebhookBodySchema', () => {
  it('accepts JSON objects and arrays', () => {
    expect(WebhookBodySchema.safeParse({ title: 'x', items: [{ id: 1 }] }).success).toBe(true);
    expect(WebhookBodySchema.safeParse([{ id: 1 }]).success).toBe(true);
  });

  it('refuses other bodies with one clear message', () => {
    expect(parseIngestBody(WebhookBodySchema, 'text')).toEqual({
      ok: false,
      issues: [{ path: '(body)', message: 'send a JSON object or array' }],
    });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './json-schema.js';

describe('the published config JSON Schema', () => {
  it('is the one generated from the zod schema (run `npm run schema` after changing it)', () => {
    const committed = JSON.parse(readFileSync(new URL('./klaxon.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(configJsonSchema());
  });

  it('describes the config file people write: durations as text, roles and stop conditions listed', () => {
    const text = JSON.stringify(configJsonSchema());
    for (const word of ['repeatPageEvery', 'businessHours', 'priorityRules', 'triage-analyst', 'acknowledged']) {
      expect(text).toContain(word);
    }
  });
});

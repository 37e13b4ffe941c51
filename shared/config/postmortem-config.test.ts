import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema } from './config-schema.js';

const example = () => parse(readFileSync(new URL('./klaxon.example.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('the postmortems: config section', () => {
  it('loads the example rules with durations in seconds, and is optional', () => {
    const config = ConfigSchema.parse(example());
    expect(config.postmortems?.rules.map((r) => [r.name, r.dueWithin])).toEqual([
      ['every-high', 5 * 86_400],
      ['every-failover', 3 * 86_400],
    ]);
    expect(ConfigSchema.parse({ ...example(), postmortems: undefined }).postmortems).toBeUndefined();
  });

  it('names a rule declared twice and a team or service nobody declared', () => {
    const doc = { ...example(), postmortems: { rules: [{ name: 'a', teams: ['soc'] }, { name: 'a', services: ['rmm', 'mail'] }] } };
    const issues = ConfigSchema.safeParse(doc).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual([
      ['postmortems.rules.0.teams.0', 'unknown team "soc"'],
      ['postmortems.rules.1.name', '"a" is declared twice'],
      ['postmortems.rules.1.services.1', 'unknown service "mail"'],
    ]);
  });
});

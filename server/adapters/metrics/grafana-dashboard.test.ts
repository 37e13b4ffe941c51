import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetrics } from './create-metrics.js';

const read = (name: string) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');

interface Target {
  expr: string;
}
interface Panel {
  id: number;
  title: string;
  type: string;
  targets: Target[];
}

/** The names of the Klaxon metrics a query uses, with a histogram's `_bucket`/`_sum`/`_count` taken off. */
function metricNames(query: string): string[] {
  return [...query.matchAll(/\bklaxon_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, ''));
}

describe('docs/grafana-dashboard.json', () => {
  const registered = new Set(createMetrics().registry.getMetricsAsArray().map((m) => m.name));
  const dashboard = JSON.parse(read('grafana-dashboard.json')) as {
    title: string;
    uid: string;
    schemaVersion: number;
    panels: Panel[];
    templating: { list: { query: { query: string } }[] };
  };

  it('is a dashboard model with panels that each query something', () => {
    expect(dashboard.title).toMatch(/Klaxon/);
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(dashboard.schemaVersion).toBeGreaterThan(30);
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(6);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels) {
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets) expect(metricNames(target.expr).length, panel.title).toBeGreaterThan(0);
    }
  });

  it('uses only metrics the relay registers, in every panel and variable', () => {
    const queries = [
      ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)),
      ...dashboard.templating.list.map((v) => v.query.query),
    ];
    for (const name of queries.flatMap(metricNames)) expect(registered, name).toContain(name);
  });

  it('is matched by docs/metrics.md, which documents every Klaxon metric and only those', () => {
    const documented = new Set(metricNames(read('metrics.md')));
    const klaxon = [...registered].filter((name) => name.startsWith('klaxon_'));
    expect([...documented].sort()).toEqual(klaxon.sort());
  });
});

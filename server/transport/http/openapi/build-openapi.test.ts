import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from './build-openapi.js';
import { renderApiReference } from './render-reference.js';
import { ROUTE_CATALOGUE } from './route-catalogue.js';

describe('the OpenAPI description', () => {
  const doc = buildOpenApi();

  it('is OpenAPI 3.1 with one operation per catalogued route, each naming its scope', () => {
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    expect(operations).toHaveLength(Object.keys(ROUTE_CATALOGUE).length);
    expect(new Set(operations.map((op) => op.operationId)).size).toBe(operations.length);
    for (const op of operations) expect(op['x-klaxon-scope'], op.operationId).toMatch(/^(incidents:read|incidents:act|schedules:manage|ingest|admin|any API token|login token only|public)$/);
  });

  it('turns route patterns into templated paths with path parameters, and the shared schemas into JSON Schema', () => {
    const ack = doc.paths['/api/v1/incidents/{id}/acknowledge']?.post;
    expect(ack?.['x-klaxon-scope']).toBe('incidents:act');
    expect(ack?.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    const create = doc.paths['/api/v1/tokens']?.post as { requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown>; required: string[] } } } } };
    const body = create.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['name', 'scopes', 'expiresAt', 'expiresIn']));
    expect(body.required).toEqual(expect.arrayContaining(['name', 'scopes']));
    const audit = doc.paths['/api/v1/audit']?.get?.parameters as { name: string; in: string }[];
    expect(audit.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(expect.arrayContaining(['action', 'limit', 'before']));
    expect(doc.paths['/api/v1/auth/login']?.post?.security).toEqual([]);
  });

  it('is rendered into docs/api.md, which is current (run `npm run docs:api` after changing routes)', () => {
    const committed = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
    expect(committed === renderApiReference(doc), 'docs/api.md is stale: run `npm run docs:api`').toBe(true);
  });
});

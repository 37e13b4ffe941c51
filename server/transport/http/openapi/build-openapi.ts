import { z } from 'zod';
import { API_SCOPES } from '../../../../shared/schemas/api-token.js';
import { ANY_TOKEN, ROUTE_SCOPES } from '../token-scope.js';
import { ROUTE_CATALOGUE, type RouteDoc } from './route-catalogue.js';

/** An OpenAPI 3.1 document, as plain JSON. */
export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, OpenApiOperation>> };

/** One operation of the document, with Klaxon's `x-klaxon-scope` (the API token scope it needs). */
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  tags: string[];
  'x-klaxon-scope': string;
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

/** The routes that answer without a bearer token. */
const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/v1/auth/login',
  'GET /api/v1/openapi.json',
  'GET /api/v1/auth/methods',
  'GET /api/v1/auth/oidc/start',
  'GET /api/v1/auth/oidc/callback',
  'POST /api/v1/auth/oidc/exchange',
]);

const ERROR_BODY = { type: 'object', properties: { error: { type: 'string' }, field: { type: 'string' } }, required: ['error'] };

// A schema as JSON Schema draft 2020-12 (OpenAPI 3.1's dialect); inputs as the client sends them.
const json = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

// `/api/v1/incidents/:id` → `/api/v1/incidents/{id}`, and the names of its path parameters.
function pathOf(route: string): { path: string; params: string[] } {
  const params: string[] = [];
  const path = route.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path, params };
}

function operationId(method: string, route: string): string {
  const words = route.replace('/api/v1/', '').split(/[/:.-]+/).filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

/** The scope a route needs, as the description names it. */
export function scopeLabel(route: string): string {
  if (PUBLIC_ROUTES.has(route)) return 'public';
  const scope = ROUTE_SCOPES[route];
  if (scope === ANY_TOKEN) return 'any API token';
  return scope ?? 'login token only';
}

function operation(route: string, doc: RouteDoc): OpenApiOperation {
  const [method, url] = route.split(' ') as [string, string];
  const { params } = pathOf(url);
  const parameters: unknown[] = params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  if (doc.query) {
    const query = json(doc.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
    }
  }
  const status = String(doc.status ?? 200);
  const success = doc.status === 204 ? { description: 'Done.' } : {
    description: 'Done.',
    content: { 'application/json': { schema: doc.response ? json(doc.response, 'output') : {} } },
  };
  const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  const isPublic = PUBLIC_ROUTES.has(route);
  return {
    operationId: operationId(method, url),
    summary: doc.summary,
    tags: [doc.tag],
    'x-klaxon-scope': scopeLabel(route),
    ...(isPublic ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(doc.body, 'input') } } } } : {}),
    responses: {
      [status]: success,
      '400': error('A wrong field, named in `field`.'),
      ...(isPublic ? {} : { '401': error('No valid bearer token.'), '403': error('Your role, or the API token\'s scopes, do not allow it.') }),
    },
  };
}

/**
 * Builds the OpenAPI 3.1 description of `/api/v1` from the route catalogue and the API token
 * scopes: one operation per route, with its path and query parameters, body and answer as JSON
 * Schema (from the shared zod schemas, `z.toJSONSchema`), and the scope in `x-klaxon-scope`.
 */
export function buildOpenApi(catalogue: Readonly<Record<string, RouteDoc>> = ROUTE_CATALOGUE): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of Object.keys(catalogue).sort()) {
    const [method, url] = route.split(' ') as [string, string];
    const { path } = pathOf(url);
    (paths[path] ??= {})[method.toLowerCase()] = operation(route, catalogue[route]!);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Klaxon relay API',
      version: 'v1',
      description: `Bearer tokens: a login token from POST /api/v1/auth/login, or an API token (klx_…) with scopes ${API_SCOPES.join(', ')}. Each operation names the scope it needs in x-klaxon-scope.`,
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: ERROR_BODY },
    },
    paths,
  };
}

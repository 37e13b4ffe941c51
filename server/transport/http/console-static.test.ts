import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerConsole } from './console-static.js';

describe('registerConsole with a built console', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'klaxon-console-'));
    mkdirSync(path.join(dir, 'm'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(path.join(dir, 'wallboard.html'), '<!doctype html><title>wallboard</title>');
    writeFileSync(path.join(dir, 'm', 'index.html'), '<!doctype html><title>phone</title>');
    writeFileSync(path.join(dir, 'm', 'sw.js'), 'self.addEventListener("push", () => {});');
    writeFileSync(path.join(dir, 'm', 'manifest.webmanifest'), '{"name":"Klaxon"}');
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    app = Fastify();
    app.get('/api/v1/things/:id', async (request) => ({ id: (request.params as { id: string }).id }));
    expect(await registerConsole(app, dir)).toEqual({ built: true });
    await app.ready();
  });

  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves API paths to the router: an over-long id is 414, an unknown route a JSON 404', async () => {
    expect((await app.inject(`/api/v1/things/${'x'.repeat(201)}`)).statusCode).toBe(414);
    expect((await app.inject('/api/v1/things/abc')).json()).toEqual({ id: 'abc' });
    const unknown = await app.inject('/api/v1/nothing/here');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: 'no route GET /api/v1/nothing/here' });
    expect((await app.inject('/index.html/../../etc/passwd')).statusCode).toBe(404);
  });

  it('serves the built files, and the single-page entries for the console, wallboard and phone paths', async () => {
    expect((await app.inject('/')).body).toContain('console');
    expect((await app.inject('/assets/app.js')).body).toBe('console.log(1)');
    expect((await app.inject('/wallboard/ops')).body).toContain('wallboard');
    expect((await app.inject('/m')).headers.location).toBe('/m/');
    expect((await app.inject('/m/')).body).toContain('phone');
    expect((await app.inject('/m/incidents/abc')).body).toContain('phone');
    const worker = await app.inject('/m/sw.js');
    expect(worker.headers).toMatchObject({ 'cache-control': 'no-cache', 'service-worker-allowed': '/m/' });
    expect((await app.inject('/m/manifest.webmanifest')).headers['content-type']).toContain('application/manifest+json');
    expect((await app.inject('/assets/missing.js')).statusCode).toBe(404);
  });
});

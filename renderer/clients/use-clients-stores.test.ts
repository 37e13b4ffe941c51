import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import type { User } from '../../shared/schemas/user.js';
import { createFakeSocketLink } from '../board/testing/board-fakes.js';
import { ServicesKey } from '../services/services.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createFakeApi, createFakeHost, createFakeLink } from '../testing/fake-services.js';
import { createClientsApi } from './clients-api.js';
import { useClientEditorStore } from './use-client-editor-store.js';
import { ClientsApiKey, useClientsStore } from './use-clients-store.js';

type Call = { method: string; path: string; auth: string | null; body: unknown };
type Answer = { status: number; body?: unknown };

/** A relay at the HTTP boundary: records every request and answers from `routes`. */
function fakeRelay(routes: Record<string, (call: Call) => Answer>) {
  const calls: Call[] = [];
  const fetchImpl = (async (input: string, init: RequestInit = {}) => {
    const url = new URL(input);
    const headers = (init.headers ?? {}) as Record<string, string>;
    const call: Call = {
      method: init.method ?? 'GET',
      path: url.pathname,
      auth: headers.authorization ?? null,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const route = routes[`${call.method} ${call.path}`];
    const answer = route ? route(call) : { status: 404, body: { error: 'no such route' } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const acme = { id: 'acme', name: 'Acme Corp', contacts: [], holidays: [], services: ['erp'], processes: [], managedBy: 'file' };
const services = { services: [{ id: 'erp', name: 'ERP', team: 'noc', integrations: [] }, { id: 'mail', name: 'Mail', team: 'noc', integrations: [] }] };

function setup(role: User['role'], routes: Record<string, (call: Call) => Answer>) {
  const relay = fakeRelay({ 'GET /api/v1/services': () => ({ status: 200, body: services }), ...routes });
  const pinia = createPinia();
  createApp({})
    .provide(ServicesKey, { host: createFakeHost(), api: createFakeApi(async () => { throw new Error('no'); }), openLink: () => createFakeLink(), now: () => new Date() })
    .provide(ClientsApiKey, createClientsApi(relay.fetchImpl))
    .use(pinia);
  setActivePinia(pinia);
  useSessionStore().$patch({ relayUrl: 'http://relay', token: 'tok', user: { id: 'ann', name: 'Ann', email: 'ann@example.com', role, notify: [] } });
  return { relay, list: useClientsStore(), editor: useClientEditorStore() };
}

describe('useClientsStore', () => {
  it('loads the clients and services with the token and names clients by id', async () => {
    const { relay, list } = setup('triage-analyst', { 'GET /api/v1/clients': () => ({ status: 200, body: { clients: [acme] } }) });
    expect(list.status).toBe('idle');
    await list.load();
    expect(list.status).toBe('ready');
    expect(relay.calls.every((c) => c.auth === 'Bearer tok')).toBe(true);
    expect(list.clientName('acme')).toBe('Acme Corp');
    expect(list.clientName('gone')).toBe('gone');
    expect(list.clientName(null)).toBe('');
    expect(list.serviceName('mail')).toBe('Mail');
  });

  it('says why the list could not be fetched, and keeps a list it already had', async () => {
    let up = true;
    const { list } = setup('admin', {
      'GET /api/v1/clients': () => (up ? { status: 200, body: { clients: [acme] } } : { status: 500, body: { error: 'internal error' } }),
    });
    await list.load();
    up = false;
    await list.load();
    expect(list.status).toBe('ready');
    expect(list.error).toBe('internal error');
    expect(list.clients.map((c) => c.id)).toEqual(['acme']);
  });

  it('refuses an answer that does not match the shared schema', async () => {
    const { list } = setup('admin', { 'GET /api/v1/clients': () => ({ status: 200, body: { clients: [{ id: 'acme' }] } }) });
    await list.load();
    expect(list.status).toBe('error');
    expect(list.error).toMatch(/does not understand/);
  });

  it('fetches the list again when the relay pushes clients:changed, until it stops following', async () => {
    let name = 'Acme Corp';
    const { relay, list } = setup('admin', { 'GET /api/v1/clients': () => ({ status: 200, body: { clients: [{ ...acme, name }] } }) });
    const link = createFakeSocketLink();
    const stop = list.follow(link);
    name = 'Acme Group';
    link.push('clients:changed', undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(list.clientName('acme')).toBe('Acme Group');
    stop();
    link.push('clients:changed', undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(relay.calls.filter((c) => c.path === '/api/v1/clients')).toHaveLength(1);
  });
});

describe('useClientEditorStore', () => {
  it('creates a client with the body the shared schema checked, and opens it', async () => {
    const { relay, list, editor } = setup('ir-manager', {
      'GET /api/v1/clients': () => ({ status: 200, body: { clients: [] } }),
      'POST /api/v1/clients': (call) => ({ status: 201, body: { client: { ...(call.body as object), managedBy: 'console' } } }),
    });
    await list.load();
    editor.startNew();
    Object.assign(editor.draft, { id: 'globex', name: 'Globex', services: ['mail'] });
    editor.draft.processes.push({ id: 'orders', name: 'Orders', criticality: 'critical', services: ['mail'], description: '' });
    expect(await editor.save()).toBe(true);
    const post = relay.calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      id: 'globex',
      name: 'Globex',
      contacts: [],
      holidays: [],
      services: ['mail'],
      processes: [{ id: 'orders', name: 'Orders', criticality: 'critical', services: ['mail'] }],
    });
    expect(editor.mode).toBe('update');
    expect(editor.selectedId).toBe('globex');
    expect(list.clientName('globex')).toBe('Globex');
  });

  it('does not send a draft the shared schema refuses, and marks the fields', async () => {
    const { relay, editor } = setup('admin', {});
    editor.startNew();
    Object.assign(editor.draft, { id: 'Bad Id', name: '' });
    expect(await editor.save()).toBe(false);
    expect(Object.keys(editor.errors).sort()).toEqual(['id', 'name']);
    expect(relay.calls.filter((c) => c.method !== 'GET')).toHaveLength(0);
  });

  it('shows the relay\'s 400 at the field it names', async () => {
    const { list, editor } = setup('admin', {
      'GET /api/v1/clients': () => ({ status: 200, body: { clients: [acme] } }),
      'PUT /api/v1/clients/acme': () => ({
        status: 400,
        body: { error: 'processes.0.services.0: unknown service "ghost"', field: 'processes.0.services.0' },
      }),
    });
    await list.load();
    editor.select('acme');
    editor.draft.processes.push({ id: 'p', name: 'P', criticality: 'routine', services: ['ghost'], description: '' });
    expect(await editor.save()).toBe(false);
    expect(editor.errors).toEqual({ 'processes.0.services.0': 'processes.0.services.0: unknown service "ghost"' });
  });

  it('does not let a triage analyst save or delete, and says why when the relay refuses anyway', async () => {
    const { relay, list, editor } = setup('triage-analyst', { 'GET /api/v1/clients': () => ({ status: 200, body: { clients: [acme] } }) });
    await list.load();
    editor.select('acme');
    expect(editor.canEdit).toBe(false);
    expect(await editor.save()).toBe(false);
    expect(await editor.remove()).toBe(false);
    expect(editor.message).toMatch(/Only IR managers and admins/);
    expect(relay.calls.filter((c) => c.method !== 'GET')).toHaveLength(0);
  });

  it('deletes the open client and turns a 403 into words', async () => {
    let allowed = false;
    const { list, editor } = setup('ir-manager', {
      'GET /api/v1/clients': () => ({ status: 200, body: { clients: [acme] } }),
      'DELETE /api/v1/clients/acme': () => (allowed ? { status: 204 } : { status: 403, body: undefined }),
    });
    await list.load();
    editor.select('acme');
    expect(await editor.remove()).toBe(false);
    expect(editor.message).toMatch(/Only IR managers and admins/);
    allowed = true;
    expect(await editor.remove()).toBe(true);
    expect(list.clients).toEqual([]);
    expect(editor.mode).toBe('create');
  });

  it('searches by name, identifier and contact', async () => {
    const globex = { ...acme, id: 'globex', name: 'Globex', connectwise: { identifier: 'GlobexCW' }, contacts: [{ name: 'Hank Scorpio' }] };
    const { list, editor } = setup('admin', { 'GET /api/v1/clients': () => ({ status: 200, body: { clients: [globex, acme] } }) });
    await list.load();
    expect(editor.shown.map((c) => c.id)).toEqual(['acme', 'globex']);
    editor.search = 'scorpio';
    expect(editor.shown.map((c) => c.id)).toEqual(['globex']);
    editor.search = 'globexcw';
    expect(editor.shown.map((c) => c.id)).toEqual(['globex']);
  });
});

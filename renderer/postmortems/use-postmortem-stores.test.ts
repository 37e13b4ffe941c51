import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import type { Postmortem, PostmortemEdit } from '../../shared/schemas/postmortem.js';
import type { User } from '../../shared/schemas/user.js';
import { createFakeSocketLink } from '../board/testing/board-fakes.js';
import { ServicesKey } from '../services/services.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createFakeApi, createFakeHost, createFakeLink } from '../testing/fake-services.js';
import { createPostmortemApi } from './postmortem-api.js';
import { makePostmortem, written } from './testing/postmortem-fixtures.js';
import { usePostmortemEditorStore } from './use-postmortem-editor-store.js';
import { PostmortemApiKey, usePostmortemsStore } from './use-postmortems-store.js';

type Call = { method: string; path: string; query: string; auth: string | null; body: unknown };
type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
type Routes = Record<string, (call: Call) => Answer>;

/** A relay at the HTTP boundary: records every request and answers from `routes`. */
function fakeRelay(routes: Routes) {
  const calls: Call[] = [];
  const fetchImpl = (async (input: string, init: RequestInit = {}) => {
    const url = new URL(input);
    const headers = (init.headers ?? {}) as Record<string, string>;
    const call: Call = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      auth: headers.authorization ?? null,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const route = routes[`${call.method} ${call.path}`];
    const answer = route ? route(call) : { status: 404, body: { error: 'no such route' } };
    const body = answer.body === undefined ? null : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return new Response(body, { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers } });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const choices: Routes = {
  'GET /api/v1/services': () => ({ status: 200, body: { services: [{ id: 'db', name: 'Databases', team: 'noc', priorityRules: [{ priority: 'high' }], integrations: [] }] } }),
  'GET /api/v1/schedules': () => ({ status: 200, body: { schedules: [] } }),
  'GET /api/v1/incidents/inc-1/connectwise': () => ({
    status: 200,
    body: { connectwise: { state: 'synced', reason: null, connectionId: 'cw', ticketId: 42, ticketUrl: null, pending: 0 } },
  }),
};

function setup(role: User['role'], routes: Routes) {
  const relay = fakeRelay({ ...choices, ...routes });
  const pinia = createPinia();
  createApp({})
    .provide(ServicesKey, { host: createFakeHost(), api: createFakeApi(async () => { throw new Error('no'); }), openLink: () => createFakeLink(), now: () => new Date() })
    .provide(PostmortemApiKey, createPostmortemApi(relay.fetchImpl))
    .use(pinia);
  setActivePinia(pinia);
  useSessionStore().$patch({ relayUrl: 'http://relay', token: 'tok', user: { id: 'ann', name: 'Ann', email: 'ann@example.com', role, notify: [] } });
  return { relay, list: usePostmortemsStore(), editor: usePostmortemEditorStore() };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A relay that keeps one post-mortem and applies PATCHes to it as pm-core would (last writer wins). */
function editingRelay(start: Postmortem, by = 'ann') {
  const state = { pm: start, edits: [] as PostmortemEdit[] };
  const routes: Routes = {
    'GET /api/v1/postmortems/pm-1': () => ({ status: 200, body: state.pm }),
    'PATCH /api/v1/postmortems/pm-1': (call) => {
      const edit = call.body as PostmortemEdit;
      state.edits.push(edit);
      const stamp = state.pm.stamps[edit.field]!;
      const conflict = stamp.version !== edit.baseVersion ? { field: edit.field, overwrote: stamp.updatedBy, at: stamp.updatedAt } : null;
      state.pm = written(state.pm, edit.field, edit.value as never, by);
      return { status: 200, body: { postmortem: state.pm, conflict } };
    },
  };
  return { state, routes };
}

describe('usePostmortemsStore', () => {
  it('loads every state with the token, groups them by state and marks the incidents of open ones', async () => {
    const due = { id: 'a', incidentIds: ['inc-1', 'inc-2'], state: 'due', reason: 'high priority', dueAt: '2026-12-01T00:00:00Z', summary: 'A', priority: 'high', openActionItems: 0, updatedAt: '2026-11-30T10:00:00Z' };
    const signed = { ...due, id: 'b', incidentIds: ['inc-3'], state: 'signed_off' };
    const { relay, list } = setup('responder', { 'GET /api/v1/postmortems': () => ({ status: 200, body: { postmortems: [due, signed] } }) });
    await list.load();
    expect(relay.calls[0]).toMatchObject({ auth: 'Bearer tok', query: '?state=due,draft,in_review,signed_off&limit=500' });
    expect(list.status).toBe('ready');
    expect(list.byState.due.map((s) => s.id)).toEqual(['a']);
    expect(list.byState.signed_off.map((s) => s.id)).toEqual(['b']);
    expect([...list.openByIncident.keys()].sort()).toEqual(['inc-1', 'inc-2']);
  });

  it('says why the list could not be fetched', async () => {
    const { list } = setup('responder', { 'GET /api/v1/postmortems': () => ({ status: 500, body: { error: 'store down' } }) });
    await list.load();
    expect(list.status).toBe('error');
    expect(list.error).toBe('store down');
  });

  it('applies postmortem:updated pushes to the list and its listeners, drops malformed ones, and refetches on reconnect', async () => {
    let fetches = 0;
    const { list } = setup('responder', { 'GET /api/v1/postmortems': () => ((fetches += 1), { status: 200, body: { postmortems: [] } }) });
    const link = createFakeSocketLink();
    const heard: string[] = [];
    list.onPush((pm) => heard.push(pm.id));
    const stop = list.follow(link);
    link.push('postmortem:updated', makePostmortem({ state: 'in_review' }));
    link.push('postmortem:updated', { id: 'broken' });
    expect(heard).toEqual(['pm-1']);
    expect(list.openByIncident.get('inc-1')?.state).toBe('in_review');
    link.push('connect', undefined);
    await tick();
    expect(fetches).toBe(1);
    stop();
    link.push('postmortem:updated', makePostmortem({ id: 'pm-2' }));
    expect(heard).toEqual(['pm-1']);
  });
});

describe('usePostmortemEditorStore', () => {
  it('opens a post-mortem with the link picker choices and whether the incident has a ticket', async () => {
    const { editor } = setup('responder', editingRelay(makePostmortem()).routes);
    await editor.open('pm-1');
    await tick();
    expect(editor.status).toBe('ready');
    expect(editor.services.map((s) => s.id)).toEqual(['db']);
    expect(editor.hasTicket).toBe(true);
    expect(editor.maySignOff).toBe(false);
  });

  it('says when the post-mortem is not there or may not be seen', async () => {
    const { editor } = setup('responder', { 'GET /api/v1/postmortems/pm-1': () => ({ status: 403, body: { error: 'need to know' } }) });
    await editor.open('pm-1');
    expect(editor.status).toBe('denied');
    await editor.open('pm-9');
    expect(editor.status).toBe('missing');
  });

  it('saves a written field with the version it started from, and shows the relay\'s copy after', async () => {
    const relay = editingRelay(makePostmortem());
    const { editor } = setup('responder', relay.routes);
    await editor.open('pm-1');
    editor.focus('summary');
    editor.write('summary', 'Disk filled up');
    expect(editor.value('summary')).toBe('Disk filled up');
    await editor.blur('summary');
    expect(relay.state.edits).toEqual([{ field: 'summary', value: 'Disk filled up', baseVersion: 0 }]);
    expect(editor.drafts.has('summary')).toBe(false);
    expect(editor.saveState.get('summary')).toBe('saved');
    expect(editor.postmortem?.fields.summary).toBe('Disk filled up');
    expect(editor.conflict).toBeNull();
  });

  it('does not send a field the person focused but did not change', async () => {
    const relay = editingRelay(makePostmortem());
    const { editor } = setup('responder', relay.routes);
    await editor.open('pm-1');
    editor.focus('impact');
    editor.write('impact', 'x');
    editor.write('impact', '');
    await editor.blur('impact');
    expect(relay.state.edits).toEqual([]);
  });

  it('keeps what the person types when someone else writes the same field, notes who, and reports the conflict on save', async () => {
    const relay = editingRelay(makePostmortem());
    const { list, editor } = setup('responder', relay.routes);
    const link = createFakeSocketLink();
    list.follow(link);
    await editor.open('pm-1');
    editor.focus('rootCause');
    editor.write('rootCause', 'Mine');
    // Bob saves the same field, and another field, meanwhile.
    relay.state.pm = written(written(relay.state.pm, 'rootCause', 'Bob\'s', 'bob'), 'impact', 'Bob\'s impact', 'bob');
    link.push('postmortem:updated', relay.state.pm);
    expect(editor.value('rootCause')).toBe('Mine');
    expect(editor.value('impact')).toBe('Bob\'s impact');
    expect(editor.remoteChanges.get('rootCause')).toMatchObject({ by: 'bob' });
    // A stale copy (an older version) changes nothing.
    link.push('postmortem:updated', makePostmortem());
    expect(editor.value('impact')).toBe('Bob\'s impact');

    await editor.blur('rootCause');
    expect(relay.state.edits.at(-1)).toEqual({ field: 'rootCause', value: 'Mine', baseVersion: 0 });
    expect(editor.conflict).toMatchObject({ field: 'rootCause', overwrote: 'bob' });
    expect(editor.remoteChanges.has('rootCause')).toBe(false);
    expect(editor.value('rootCause')).toBe('Mine');
  });

  it('pins a focused field against pushes even before the person types, and shows the new value once they leave it', async () => {
    const relay = editingRelay(makePostmortem());
    const { list, editor } = setup('responder', relay.routes);
    const link = createFakeSocketLink();
    list.follow(link);
    await editor.open('pm-1');
    editor.focus('impact');
    link.push('postmortem:updated', written(relay.state.pm, 'impact', 'Bob\'s impact', 'bob'));
    expect(editor.value('impact')).toBe('');
    expect(editor.remoteChanges.get('impact')).toMatchObject({ by: 'bob' });
    await editor.blur('impact');
    expect(relay.state.edits).toEqual([]);
    expect(editor.value('impact')).toBe('Bob\'s impact');
    expect(editor.remoteChanges.has('impact')).toBe(false);
  });

  it('keeps a field pinned after an idle save while the person is still in it', async () => {
    const relay = editingRelay(makePostmortem());
    const { list, editor } = setup('responder', relay.routes);
    const link = createFakeSocketLink();
    list.follow(link);
    await editor.open('pm-1');
    editor.focus('summary');
    editor.write('summary', 'Mine');
    await editor.save('summary');
    relay.state.pm = written(relay.state.pm, 'summary', 'Bob\'s', 'bob');
    link.push('postmortem:updated', relay.state.pm);
    expect(editor.value('summary')).toBe('Mine');
    editor.write('summary', 'Mine, longer');
    await editor.blur('summary');
    expect(relay.state.edits.at(-1)).toEqual({ field: 'summary', value: 'Mine, longer', baseVersion: 1 });
    expect(editor.conflict).toMatchObject({ field: 'summary', overwrote: 'bob' });
  });

  it('keeps the draft and says why when the relay refuses a save', async () => {
    const { editor } = setup('responder', {
      ...editingRelay(makePostmortem()).routes,
      'PATCH /api/v1/postmortems/pm-1': () => ({ status: 400, body: { error: 'value.0.title: too short', field: 'value.0.title' } }),
    });
    await editor.open('pm-1');
    expect(await editor.commit('actionItems', [{ title: 'x', owner: null, dueDate: null, state: 'open', link: { kind: 'priority-rule', ref: 'db#1' } }])).toBe(false);
    expect(editor.saveState.get('actionItems')).toBe('error');
    expect(editor.saveErrors.get('actionItems')).toBe('value.0.title: too short');
    expect(editor.drafts.has('actionItems')).toBe(true);
  });

  it('signs off only as a manager, and shows the relay\'s refusal naming the unanswered questions', async () => {
    const relay = editingRelay(makePostmortem({ state: 'in_review' }));
    const { editor } = setup('ir-manager', {
      ...relay.routes,
      'POST /api/v1/postmortems/pm-1/transition': () => ({ status: 409, body: { error: 'unanswered questions: trigger, delivery' } }),
    });
    await editor.open('pm-1');
    expect(editor.maySignOff).toBe(true);
    expect(await editor.transition('signed_off')).toBe(false);
    expect(editor.actionError).toBe('unanswered questions: trigger, delivery');
    expect(editor.postmortem?.state).toBe('in_review');
  });

  it('saves pending drafts before a state change and shows the new state', async () => {
    const relay = editingRelay(makePostmortem());
    let body: unknown;
    const { editor } = setup('responder', {
      ...relay.routes,
      'POST /api/v1/postmortems/pm-1/transition': (call) => {
        body = call.body;
        return { status: 200, body: { ...relay.state.pm, state: 'in_review', version: relay.state.pm.version + 1 } };
      },
    });
    await editor.open('pm-1');
    editor.write('summary', 'Written just before');
    expect(await editor.transition('in_review')).toBe(true);
    expect(relay.state.edits.map((e) => e.field)).toEqual(['summary']);
    expect(body).toEqual({ to: 'in_review' });
    expect(editor.postmortem?.state).toBe('in_review');
  });

  it('is read-only once signed off: writes are ignored', async () => {
    const relay = editingRelay(makePostmortem({ state: 'signed_off' }));
    const { editor } = setup('admin', relay.routes);
    await editor.open('pm-1');
    expect(editor.readOnly).toBe(true);
    editor.write('summary', 'late');
    expect(await editor.save('summary')).toBe(true);
    expect(relay.state.edits).toEqual([]);
  });

  it('fetches an export with the token and hands over the file with the relay\'s name', async () => {
    const { relay, editor } = setup('responder', {
      ...editingRelay(makePostmortem()).routes,
      'GET /api/v1/postmortems/pm-1/export.md': () => ({ status: 200, body: '# Post-mortem', headers: { 'content-type': 'text/markdown', 'content-disposition': 'attachment; filename="pm-1.md"' } }),
    });
    await editor.open('pm-1');
    const saved: { text: string; name: string }[] = [];
    await editor.exportFile('md', (file) => void file.blob.text().then((text) => saved.push({ text, name: file.fileName })));
    await tick();
    expect(saved).toEqual([{ text: '# Post-mortem', name: 'pm-1.md' }]);
    expect(relay.calls.find((c) => c.path.endsWith('export.md'))?.auth).toBe('Bearer tok');
  });

  it('adds the post-mortem as a ticket note, and says so or why not', async () => {
    let up = true;
    const { relay, editor } = setup('responder', {
      ...editingRelay(makePostmortem()).routes,
      'POST /api/v1/postmortems/pm-1/connectwise-note': () => (up ? { status: 200, body: { notes: 1 } } : { status: 409, body: { error: 'the incident has no ConnectWise ticket' } }),
    });
    await editor.open('pm-1');
    await editor.connectWiseNote();
    expect(editor.notice).toMatch(/added as a note/);
    expect(editor.actionError).toBeNull();
    up = false;
    await editor.connectWiseNote();
    expect(editor.notice).toBeNull();
    expect(editor.actionError).toBe('the incident has no ConnectWise ticket');
    expect(relay.calls.filter((c) => c.path.endsWith('connectwise-note')).every((c) => c.method === 'POST' && c.auth === 'Bearer tok')).toBe(true);
  });

  it('adds a comment and shows the post-mortem the relay answers with', async () => {
    const relay = editingRelay(makePostmortem());
    const { editor } = setup('responder', {
      ...relay.routes,
      'POST /api/v1/postmortems/pm-1/comments': (call) => ({
        status: 201,
        body: { ...relay.state.pm, version: 5, comments: [{ id: 'c1', authorId: 'ann', at: '2026-11-30T10:06:00.000Z', body: (call.body as { body: string }).body }] },
      }),
    });
    await editor.open('pm-1');
    expect(await editor.addComment('Looks right')).toBe(true);
    expect(editor.postmortem?.comments.map((c) => c.body)).toEqual(['Looks right']);
  });
});

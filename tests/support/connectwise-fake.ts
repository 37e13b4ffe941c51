import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeSelfSigned } from './self-signed.js';

/** One request the fake took, as it checked it. */
export interface FakeCall {
  method: string;
  /** The path under the API base, e.g. `/service/tickets/1001/notes`. */
  path: string;
  ticketId: number | null;
  body: unknown;
  /** The status the fake answered. */
  status: number;
}

/** A ticket the fake keeps. */
export interface FakeTicket {
  id: number;
  summary: string;
  board: string;
  status: string;
  priority: string;
  type: string | null;
  company: { identifier?: string; id?: number };
  initialDescription: string;
  notes: { text: string; internal: boolean; discussion: boolean; resolution: boolean }[];
}

/** What the fake answers instead of doing the call: a status (with headers), or no answer at all. */
export type FakeFault = { status: number; headers?: Record<string, string> } | 'hang';

/** A local fake ConnectWise Manage (HTTPS, self-signed for 127.0.0.1). */
export interface ConnectWiseFake {
  /** The site origin, e.g. `https://127.0.0.1:43123`. */
  readonly url: string;
  /** The PEM certificate a client must trust. */
  readonly cert: string;
  readonly calls: FakeCall[];
  readonly tickets: Map<number, FakeTicket>;
  /**
   * Answers the next requests with these faults, one each, before working normally again; with
   * `on`, only requests it picks (e.g. ticket creation) take the faults.
   */
  fail(faults: FakeFault[], on?: (request: { method: string; path: string }) => boolean): void;
  /** Requests cut short by a hang so far. */
  readonly hung: number;
  close(): Promise<void>;
}

/** How the fake checks callers. */
export interface FakeOptions {
  companyId: string;
  publicKey: string;
  privateKey: string;
  clientId: string;
  codebase?: string;
}

const isName = (value: unknown): value is { name: string } =>
  typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string' && (value as { name: string }).name.length > 0;

/** ConnectWise's validation answer shape: a code, a message and the wrong fields. */
function invalid(field: string, message: string) {
  return { status: 400, body: { code: 'InvalidObject', message: 'ticket object is invalid', errors: [{ code: 'InvalidField', message, resource: 'ticket', field }] } };
}

function checkTicket(body: unknown): ReturnType<typeof invalid> | undefined {
  const b = body as Record<string, unknown>;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) return invalid('body', 'send a ticket object');
  if (typeof b.summary !== 'string' || b.summary.length === 0 || b.summary.length > 100) return invalid('summary', 'summary is required, at most 100 characters');
  for (const field of ['board', 'status', 'priority'] as const) if (!isName(b[field])) return invalid(field, `${field} must be a reference with a name`);
  if (b.type !== undefined && !isName(b.type)) return invalid('type', 'type must be a reference with a name');
  const company = b.company as Record<string, unknown> | undefined;
  if (!company || (typeof company.identifier !== 'string' && typeof company.id !== 'number')) return invalid('company', 'company needs an identifier or id');
  if (typeof b.initialDescription !== 'string') return invalid('initialDescription', 'initialDescription must be text');
  return undefined;
}

function checkPatch(body: unknown): ReturnType<typeof invalid> | undefined {
  if (!Array.isArray(body) || body.length === 0) return invalid('body', 'send a JSON Patch array');
  for (const op of body as Record<string, unknown>[]) {
    if (!['add', 'replace', 'remove'].includes(String(op.op))) return invalid('op', 'op must be add, replace or remove');
    if (typeof op.path !== 'string' || op.path.length === 0) return invalid('path', 'path is required');
    if (op.op !== 'remove' && op.value === undefined) return invalid('value', 'value is required');
  }
  return undefined;
}

function checkNote(body: unknown): ReturnType<typeof invalid> | undefined {
  const b = body as Record<string, unknown>;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) return invalid('body', 'send a note object');
  if (typeof b.text !== 'string' || b.text.length === 0) return invalid('text', 'text is required');
  for (const flag of ['detailDescriptionFlag', 'internalAnalysisFlag']) if (typeof b[flag] !== 'boolean') return invalid(flag, `${flag} must be a boolean`);
  if (!b.detailDescriptionFlag && !b.internalAnalysisFlag && !b.resolutionFlag) return invalid('flags', 'a note needs one of its flags set');
  return undefined;
}

/**
 * Starts a fake ConnectWise Manage REST API on 127.0.0.1 over HTTPS: `POST /service/tickets`,
 * `PATCH /service/tickets/{id}` (JSON Patch on `status`) and `POST /service/tickets/{id}/notes`,
 * under the codebase path. It checks the Basic auth (`company+public:private`) and `clientId` header
 * (401 / 400 otherwise) and the bodies' shapes (400 as ConnectWise words it), records every call,
 * and can be told to answer faults (429 with Retry-After, 500, or no answer).
 */
export async function startConnectWiseFake(options: FakeOptions): Promise<ConnectWiseFake> {
  const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-cw-fake-'));
  const tls = makeSelfSigned(dir, 'cw');
  const base = `/${options.codebase ?? 'v4_6_release/apis/3.0'}`;
  const auth = `Basic ${Buffer.from(`${options.companyId}+${options.publicKey}:${options.privateKey}`).toString('base64')}`;
  const calls: FakeCall[] = [];
  const tickets = new Map<number, FakeTicket>();
  const faults: { fault: FakeFault; on?: (request: { method: string; path: string }) => boolean }[] = [];
  const hanging = new Set<ServerResponse>();
  let nextId = 1000;
  let hung = 0;

  const handle = (request: IncomingMessage, text: string): { status: number; body?: unknown; headers?: Record<string, string> } | 'hang' => {
    const url = new URL(request.url ?? '/', 'https://fake');
    if (!url.pathname.startsWith(`${base}/`)) return { status: 404, body: { code: 'NotFound', message: 'no such API' } };
    if (request.headers.authorization !== auth) return { status: 401, body: { code: 'Unauthorized', message: 'bad credentials' } };
    if (request.headers.clientid !== options.clientId) return { status: 400, body: { code: 'InvalidClientId', message: 'clientId header is missing or unknown' } };
    const picked = { method: request.method ?? '', path: url.pathname.slice(base.length) };
    const index = faults.findIndex((f) => !f.on || f.on(picked));
    const fault = index >= 0 ? faults.splice(index, 1)[0]!.fault : undefined;
    if (fault === 'hang') return 'hang';
    if (fault) return { status: fault.status, headers: fault.headers, body: { code: 'Fault', message: `fault ${fault.status}` } };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return invalid('body', 'the body is not JSON');
    }
    const sub = url.pathname.slice(base.length);
    const match = /^\/service\/tickets(?:\/(\d+)(\/notes)?)?$/.exec(sub);
    if (!match) return { status: 404, body: { code: 'NotFound', message: 'no such resource' } };
    const ticket = match[1] ? tickets.get(Number(match[1])) : undefined;
    if (match[1] && !ticket) return { status: 404, body: { code: 'NotFound', message: `ticket ${match[1]} not found` } };
    if (request.method === 'POST' && !match[1]) {
      const wrong = checkTicket(body);
      if (wrong) return wrong;
      const b = body as Record<string, { name: string } & Record<string, unknown>> & { summary: string; initialDescription: string };
      const created: FakeTicket = {
        id: ++nextId,
        summary: b.summary,
        board: b.board!.name,
        status: b.status!.name,
        priority: b.priority!.name,
        type: b.type?.name ?? null,
        company: b.company as FakeTicket['company'],
        initialDescription: b.initialDescription,
        notes: [],
      };
      tickets.set(created.id, created);
      return { status: 201, body: { id: created.id, summary: created.summary, status: { name: created.status } } };
    }
    if (request.method === 'PATCH' && ticket && !match[2]) {
      const wrong = checkPatch(body);
      if (wrong) return wrong;
      for (const op of body as { path: string; value: { name?: string } }[]) {
        if (op.path.replace(/^\//, '') === 'status' && op.value?.name) ticket.status = op.value.name;
      }
      return { status: 200, body: { id: ticket.id, status: { name: ticket.status } } };
    }
    if (request.method === 'POST' && ticket && match[2]) {
      const wrong = checkNote(body);
      if (wrong) return wrong;
      const b = body as { text: string; internalAnalysisFlag: boolean; detailDescriptionFlag: boolean; resolutionFlag?: boolean };
      ticket.notes.push({ text: b.text, internal: b.internalAnalysisFlag, discussion: b.detailDescriptionFlag, resolution: b.resolutionFlag === true });
      return { status: 201, body: { id: ticket.notes.length, ticketId: ticket.id, text: b.text } };
    }
    return { status: 405, body: { code: 'MethodNotAllowed', message: 'not allowed' } };
  };

  const server: Server = createServer({ cert: tls.cert, key: readFileSync(tls.keyPath) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const answer = handle(request, text);
      const sub = (request.url ?? '').replace(base, '');
      const ticketId = /\/service\/tickets\/(\d+)/.exec(sub)?.[1];
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Kept as text: the fake answered 400 for it.
      }
      calls.push({ method: request.method ?? '', path: sub, ticketId: ticketId ? Number(ticketId) : null, body, status: answer === 'hang' ? 0 : answer.status });
      if (answer === 'hang') {
        hung += 1;
        hanging.add(response);
        return;
      }
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `https://127.0.0.1:${port}`,
    cert: tls.cert,
    calls,
    tickets,
    get hung() {
      return hung;
    },
    fail: (more, on) => void faults.push(...more.map((fault) => ({ fault, on }))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { ClientSchema, type Client, type Criticality } from '../../shared/schemas/client.js';
import type { Weekday } from '../../shared/schemas/common.js';

/** A contact as the editor holds it: every field as typed (empty means "not given"). */
export interface DraftContact {
  name: string;
  role: string;
  email: string;
  phone: string;
}

/** A business process as the editor holds it. */
export interface DraftProcess {
  id: string;
  name: string;
  criticality: Criticality;
  services: string[];
  description: string;
}

/** A client as the editor holds it while someone changes it: numbers and lists as text. */
export interface ClientDraft {
  id: string;
  name: string;
  /** The ConnectWise company record id as typed. */
  companyId: string;
  companyIdentifier: string;
  contacts: DraftContact[];
  timeZone: string;
  /** Whether the client has its own business hours (then days, start and end count). */
  ownHours: boolean;
  days: Weekday[];
  start: string;
  end: string;
  /** Holidays as YYYY-MM-DD dates separated by commas, spaces or new lines. */
  holidays: string;
  notes: string;
  services: string[];
  processes: DraftProcess[];
  /** Match rules: ConnectWise companies and e-mail domains separated by commas; labels one `name=pattern` a line. */
  matchCompanies: string;
  matchDomains: string;
  matchLabels: string;
}

/** The draft a new client starts from. */
export function emptyClientDraft(): ClientDraft {
  return {
    id: '',
    name: '',
    companyId: '',
    companyIdentifier: '',
    contacts: [],
    timeZone: '',
    ownHours: false,
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    start: '09:00',
    end: '17:00',
    holidays: '',
    notes: '',
    services: [],
    processes: [],
    matchCompanies: '',
    matchDomains: '',
    matchLabels: '',
  };
}

/** Turns a saved client into an editable draft. */
export function toClientDraft(client: Client): ClientDraft {
  const empty = emptyClientDraft();
  return {
    id: client.id,
    name: client.name,
    companyId: client.connectwise?.companyId === undefined ? '' : String(client.connectwise.companyId),
    companyIdentifier: client.connectwise?.identifier ?? '',
    contacts: client.contacts.map((c) => ({ name: c.name, role: c.role ?? '', email: c.email ?? '', phone: c.phone ?? '' })),
    timeZone: client.timeZone ?? '',
    ownHours: client.businessHours !== undefined,
    days: client.businessHours ? [...client.businessHours.days] : empty.days,
    start: client.businessHours?.start ?? empty.start,
    end: client.businessHours?.end ?? empty.end,
    holidays: client.holidays.join(', '),
    notes: client.notes ?? '',
    services: [...client.services],
    processes: client.processes.map((p) => ({ id: p.id, name: p.name, criticality: p.criticality, services: [...p.services], description: p.description ?? '' })),
    matchCompanies: (client.match?.connectwiseCompanies ?? []).join(', '),
    matchDomains: (client.match?.emailDomains ?? []).join(', '),
    matchLabels: Object.entries(client.match?.labels ?? {})
      .map(([name, pattern]) => `${name}=${pattern}`)
      .join('\n'),
  };
}

const words = (text: string) => text.split(/[\s,;]+/).filter(Boolean);
const given = (text: string) => (text.trim() ? text.trim() : undefined);

/** Reads `name=pattern` lines; a line without "=" keeps its text as the name so the schema can refuse it. */
function labelLines(text: string): Record<string, string> | undefined {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (!lines.length) return undefined;
  const labels: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf('=');
    labels[(at === -1 ? line : line.slice(0, at)).trim()] = at === -1 ? '' : line.slice(at + 1).trim();
  }
  return labels;
}

/** Turns a draft into the JSON body the relay checks with `ClientSchema` (empty optional fields left out). */
export function toClientInput(draft: ClientDraft): Record<string, unknown> {
  const companyId = draft.companyId.trim();
  const connectwise = {
    ...(companyId ? { companyId: /^\d+$/.test(companyId) ? Number(companyId) : companyId } : {}),
    ...(given(draft.companyIdentifier) ? { identifier: given(draft.companyIdentifier) } : {}),
  };
  const match = {
    ...(words(draft.matchCompanies).length ? { connectwiseCompanies: draft.matchCompanies.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    ...(labelLines(draft.matchLabels) ? { labels: labelLines(draft.matchLabels) } : {}),
    ...(words(draft.matchDomains).length ? { emailDomains: words(draft.matchDomains) } : {}),
  };
  return {
    id: draft.id.trim(),
    name: draft.name.trim(),
    ...(Object.keys(connectwise).length ? { connectwise } : {}),
    contacts: draft.contacts.map((c) => ({
      name: c.name.trim(),
      ...(given(c.role) ? { role: given(c.role) } : {}),
      ...(given(c.email) ? { email: given(c.email) } : {}),
      ...(given(c.phone) ? { phone: given(c.phone) } : {}),
    })),
    ...(given(draft.timeZone) ? { timeZone: given(draft.timeZone) } : {}),
    ...(draft.ownHours ? { businessHours: { days: [...draft.days], start: draft.start.trim(), end: draft.end.trim() } } : {}),
    holidays: words(draft.holidays),
    ...(given(draft.notes) ? { notes: draft.notes } : {}),
    services: [...draft.services],
    processes: draft.processes.map((p) => ({
      id: p.id,
      name: p.name.trim(),
      criticality: p.criticality,
      services: [...p.services],
      ...(given(p.description) ? { description: p.description } : {}),
    })),
    ...(Object.keys(match).length ? { match } : {}),
  };
}

/** What checking a draft with the shared schema gives: the client, or the problems by field path. */
export type ClientDraftCheck = { ok: true; client: Client } | { ok: false; errors: Record<string, string> };

/** Checks a draft with the shared `ClientSchema`, collecting one message per field path. */
export function checkClientDraft(draft: ClientDraft): ClientDraftCheck {
  const parsed = ClientSchema.safeParse(toClientInput(draft));
  if (parsed.success) return { ok: true, client: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || 'client';
    errors[path] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The messages of the errors at `prefix` or below it (e.g. `contacts.0` gives `contacts.0.email`'s). */
export function errorsUnder(errors: Record<string, string>, prefix: string): string[] {
  return Object.entries(errors)
    .filter(([path]) => path === prefix || path.startsWith(`${prefix}.`))
    .map(([path, message]) => (path === prefix || message.startsWith(path) ? message : `${path.slice(prefix.length + 1)}: ${message}`));
}

import {
  ConnectWiseConnectionInputSchema,
  type ConnectWiseConnectionInput,
  type ConnectWiseConnectionView,
} from '../../shared/schemas/connectwise.js';

/** The connection form's fields, all text (lists comma-separated); keys empty unless typed anew. */
export interface ConnectionForm {
  id: string;
  name: string;
  site: string;
  codebase: string;
  companyId: string;
  clientId: string;
  publicKey: string;
  privateKey: string;
  publicKeyEnv: string;
  privateKeyEnv: string;
  services: string;
  clients: string;
  board: string;
  company: string;
  statusNew: string;
  statusAcknowledged: string;
  statusResolved: string;
  priorityHigh: string;
  priorityMedium: string;
  priorityLow: string;
  typeHigh: string;
  typeMedium: string;
  typeLow: string;
  fromPriority: 'high' | 'medium' | 'low';
}

/** An empty form for a new connection, with ConnectWise's usual names filled in. */
export function emptyForm(): ConnectionForm {
  return {
    id: '', name: '', site: 'https://api-na.myconnectwise.net', codebase: 'v4_6_release/apis/3.0', companyId: '', clientId: '',
    publicKey: '', privateKey: '', publicKeyEnv: '', privateKeyEnv: '', services: '', clients: '',
    board: '', company: '', statusNew: 'New', statusAcknowledged: 'In Progress', statusResolved: 'Closed',
    priorityHigh: 'Priority 1 - Emergency Response', priorityMedium: 'Priority 2 - Quick Response', priorityLow: 'Priority 3 - Normal Response',
    typeHigh: '', typeMedium: '', typeLow: '', fromPriority: 'high',
  };
}

/** The form of a stored connection: its keys are never known here, so they start empty. */
export function formOf(view: ConnectWiseConnectionView): ConnectionForm {
  const m = view.mapping;
  return {
    id: view.id, name: view.name ?? '', site: view.site, codebase: view.codebase, companyId: view.companyId, clientId: view.clientId,
    publicKey: '', privateKey: '', publicKeyEnv: view.publicKeyEnv ?? '', privateKeyEnv: view.privateKeyEnv ?? '',
    services: view.services.join(', '), clients: view.clients.join(', '),
    board: m.board, company: m.company, statusNew: m.status.new, statusAcknowledged: m.status.acknowledged, statusResolved: m.status.resolved,
    priorityHigh: m.priority.high, priorityMedium: m.priority.medium, priorityLow: m.priority.low,
    typeHigh: m.type.high ?? '', typeMedium: m.type.medium ?? '', typeLow: m.type.low ?? '', fromPriority: m.fromPriority,
  };
}

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);
const optional = (text: string) => (text.trim() ? text.trim() : undefined);

/**
 * Turns the form into the API's input, checked by the shared schema: the first wrong field's
 * message (by its path) when it does not pass. Empty key fields are left out (the stored keys stay).
 */
export function inputOf(form: ConnectionForm): { ok: true; input: ConnectWiseConnectionInput } | { ok: false; error: string } {
  const parsed = ConnectWiseConnectionInputSchema.safeParse({
    id: form.id.trim(),
    name: optional(form.name),
    site: form.site.trim(),
    codebase: optional(form.codebase),
    companyId: form.companyId.trim(),
    clientId: form.clientId.trim(),
    publicKey: optional(form.publicKey),
    privateKey: optional(form.privateKey),
    publicKeyEnv: optional(form.publicKeyEnv),
    privateKeyEnv: optional(form.privateKeyEnv),
    services: list(form.services),
    clients: list(form.clients),
    mapping: {
      board: form.board.trim(),
      company: form.company.trim(),
      status: { new: form.statusNew.trim(), acknowledged: form.statusAcknowledged.trim(), resolved: form.statusResolved.trim() },
      priority: { high: form.priorityHigh.trim(), medium: form.priorityMedium.trim(), low: form.priorityLow.trim() },
      type: { high: optional(form.typeHigh), medium: optional(form.typeMedium), low: optional(form.typeLow) },
      fromPriority: form.fromPriority,
    },
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, error: `${issue.path.join('.') || 'form'}: ${issue.message}` };
}

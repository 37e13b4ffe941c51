import type { AlertInput, EventAction } from '../../../shared/schemas/alert.js';
import type { WebhookMapping } from '../../../shared/schemas/service.js';
import { clip } from './alert-fields.js';
import { fitDedupKey, stableDedupKey } from './dedup-key.js';
import { pickJson } from './json-pick.js';
import type { IntakeError, IntakeOutcome } from './outcome.js';
import { normalizeSeverity } from './severity.js';

const ACTION_WORDS: Record<string, EventAction> = {
  trigger: 'trigger',
  triggered: 'trigger',
  firing: 'trigger',
  alerting: 'trigger',
  problem: 'trigger',
  open: 'trigger',
  acknowledge: 'acknowledge',
  acknowledged: 'acknowledge',
  ack: 'acknowledge',
  resolve: 'resolve',
  resolved: 'resolve',
  ok: 'resolve',
  recovery: 'resolve',
  closed: 'resolve',
};

type Picked = { ok: true; text: string | undefined } | { ok: false; error: IntakeError };

// Picks a scalar as text; a missing pick is undefined, an object or array is an error naming the pick.
function pickText(body: unknown, path: string | undefined): Picked {
  if (path === undefined) return { ok: true, text: undefined };
  const picked = pickJson(body, path);
  if (!picked.found || picked.value === null) return { ok: true, text: undefined };
  const { value } = picked;
  if (typeof value === 'string') return { ok: true, text: value.trim() === '' ? undefined : value };
  if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, text: String(value) };
  return { ok: false, error: { field: path, message: `expected text or a number at ${path}, found an ${Array.isArray(value) ? 'array' : 'object'}` } };
}

/**
 * Turns a generic JSON webhook body into an alert with the integration's mapping of picks (see
 * `pickJson`). `summary` must find text, or the outcome is an error naming the mapped path. Severity
 * text goes through `normalizeSeverity` (missing → info). The dedup key is the mapped value, else a
 * stable hash of the whole body (so a resent body folds into the same incident). `action` words:
 * trigger/firing/alerting/problem/open → trigger, ack/acknowledged → acknowledge,
 * resolve(d)/ok/recovery/closed → resolve, missing → trigger; other words are an error. The stored
 * payload is the body.
 */
export function fromWebhook(body: unknown, mapping: WebhookMapping): IntakeOutcome {
  const text: Partial<Record<keyof WebhookMapping, string>> = {};
  for (const field of ['summary', 'severity', 'dedupKey', 'source', 'action'] as const) {
    const picked = pickText(body, mapping[field]);
    if (!picked.ok) return picked;
    if (picked.text !== undefined) text[field] = picked.text;
  }

  if (text.summary === undefined) {
    return { ok: false, error: { field: mapping.summary, message: `no summary text at ${mapping.summary}` } };
  }
  let action: EventAction = 'trigger';
  if (text.action !== undefined && mapping.action !== undefined) {
    const word = ACTION_WORDS[text.action.trim().toLowerCase()];
    if (word === undefined) {
      return { ok: false, error: { field: mapping.action, message: `unknown action "${clip(text.action, 40)}" at ${mapping.action}` } };
    }
    action = word;
  }
  const alert: AlertInput = {
    action,
    dedupKey: fitDedupKey(text.dedupKey, 'wh') ?? stableDedupKey('wh', body),
    summary: clip(text.summary, 1024),
    severity: normalizeSeverity(text.severity),
    source: clip(text.source ?? '', 1024),
    labels: {},
    links: [],
    payload: body,
  };
  return { ok: true, alerts: [alert] };
}

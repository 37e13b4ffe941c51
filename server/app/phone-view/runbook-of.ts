import { safeHref } from '../../../shared/markdown/safe-href.js';
import type { Runbook } from '../../../shared/schemas/phone-incident-view.js';

/** Reads a service's `runbook` field: one http(s) address is a link, anything else is Markdown text. */
export function runbookOf(runbook: string | undefined): Runbook | null {
  const text = runbook?.trim();
  if (!text) return null;
  const url = /\s/.test(text) ? null : safeHref(text);
  return url ? { kind: 'url', url } : { kind: 'markdown', text };
}

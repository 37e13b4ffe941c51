import type { Severity } from '../../../shared/schemas/priority.js';

const SEVERITY_WORDS: Record<string, Severity> = {
  page: 'critical',
  critical: 'critical',
  high: 'error',
  error: 'error',
  warning: 'warning',
  warn: 'warning',
};

/**
 * Maps the severity text of Alertmanager labels, Grafana labels and mapped webhook fields onto
 * Klaxon's severities, ignoring case and surrounding spaces: "page"/"critical" → critical,
 * "high"/"error" → error, "warning"/"warn" → warning, anything else (including nothing) → info.
 */
export function normalizeSeverity(text: string | undefined): Severity {
  return SEVERITY_WORDS[(text ?? '').trim().toLowerCase()] ?? 'info';
}

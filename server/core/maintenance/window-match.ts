import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { MaintenanceMatch } from '../../../shared/schemas/maintenance.js';
import { compilePattern } from '../../../shared/schemas/pattern.js';

/** What a window's matchers read of an alert: its service, its client (when mapped) and its labels. */
export interface MaintenanceSubject {
  serviceId: string;
  clientId: string | null;
  labels: AlertInput['labels'];
}

/** A window's matchers, compiled once. */
export type MaintenanceMatcher = (subject: MaintenanceSubject) => boolean;

/**
 * Compiles a window's matchers. Every condition given must hold: the alert's service is one of
 * `services`; its client is one of `clients`; each label pattern is found in the alert's label of
 * that name (a missing label fails). A matcher with no condition matches nothing.
 */
export function compileMaintenanceMatch(match: MaintenanceMatch): MaintenanceMatcher {
  const services = new Set(match.services);
  const clients = new Set(match.clients);
  const labels = Object.entries(match.labels).map(([name, pattern]) => ({ name, regex: compilePattern(pattern) }));
  if (services.size + clients.size + labels.length === 0) return () => false;
  return (subject) => {
    if (services.size && !services.has(subject.serviceId)) return false;
    if (clients.size && (subject.clientId === null || !clients.has(subject.clientId))) return false;
    return labels.every(({ name, regex }) => {
      const value = Object.hasOwn(subject.labels, name) ? subject.labels[name] : undefined;
      return value !== undefined && regex !== undefined && regex.test(value);
    });
  };
}

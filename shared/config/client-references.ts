import type { Client } from '../schemas/client.js';

/** One wrong reference of a client: its path inside the client and what is wrong. */
export interface ClientReferenceIssue {
  path: (string | number)[];
  message: string;
  /** `taken`: a service that belongs to another client; `unknown`/`duplicate`: a wrong value. */
  kind: 'unknown' | 'taken' | 'duplicate';
}

/**
 * Checks what a client refers to: every service of `services` and of each process's `services` is a
 * known service (`unknown service "x"`), none of its services belongs to another client (`ownerOf`
 * answers the client a service belongs to), and its process ids are unique. Used by the config file
 * and the clients API alike, so both refuse the same things with the same paths.
 */
export function clientReferenceIssues(
  client: Client,
  knownServices: ReadonlySet<string>,
  ownerOf: (serviceId: string) => string | undefined,
): ClientReferenceIssue[] {
  const issues: ClientReferenceIssue[] = [];
  client.services.forEach((serviceId, i) => {
    if (!knownServices.has(serviceId)) issues.push({ path: ['services', i], message: `unknown service "${serviceId}"`, kind: 'unknown' });
    const owner = ownerOf(serviceId);
    if (owner !== undefined && owner !== client.id) {
      issues.push({ path: ['services', i], message: `service "${serviceId}" belongs to client "${owner}"`, kind: 'taken' });
    }
  });
  const processIds = new Set<string>();
  client.processes.forEach((process, i) => {
    if (processIds.has(process.id)) issues.push({ path: ['processes', i, 'id'], message: `"${process.id}" is declared twice`, kind: 'duplicate' });
    processIds.add(process.id);
    process.services.forEach((serviceId, j) => {
      if (!knownServices.has(serviceId)) {
        issues.push({ path: ['processes', i, 'services', j], message: `unknown service "${serviceId}"`, kind: 'unknown' });
      }
    });
  });
  return issues;
}

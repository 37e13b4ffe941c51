import type { AffectedProcess, Criticality } from '../../shared/schemas/client.js';
import type { DraftProcess } from './client-draft.js';

/** How each criticality is written and coloured (PrimeVue Tag severities). */
export const CRITICALITY_LOOK: Record<Criticality, { label: string; severity: 'danger' | 'warn' | 'secondary'; rank: number }> = {
  critical: { label: 'Critical', severity: 'danger', rank: 0 },
  important: { label: 'Important', severity: 'warn', rank: 1 },
  routine: { label: 'Routine', severity: 'secondary', rank: 2 },
};

/** The criticalities in order, most critical first, for pickers. */
export const CRITICALITIES: Criticality[] = ['critical', 'important', 'routine'];

/** One service under a process in the business map tree. */
export interface MapServiceNode {
  id: string;
  name: string;
  /** The names of the other processes that depend on this service too. */
  sharedWith: string[];
  /** True when the service is not one of the client's own services. */
  foreign: boolean;
}

/** One process in the business map tree, with the services it depends on. */
export interface MapProcessNode {
  id: string;
  /** Index in the client's process list (so edits reach the right entry when the tree is sorted). */
  index: number;
  name: string;
  criticality: Criticality;
  services: MapServiceNode[];
}

/**
 * Builds the readable business map of a client: its processes, most critical first (ties keep the
 * client's order), each with the services it depends on by name, marking a service that several
 * processes share and one that does not belong to the client.
 */
export function businessMapTree(
  processes: readonly Pick<DraftProcess, 'id' | 'name' | 'criticality' | 'services'>[],
  clientServices: readonly string[],
  serviceName: (id: string) => string,
): MapProcessNode[] {
  const owned = new Set(clientServices);
  const users = new Map<string, string[]>();
  for (const p of processes) for (const s of new Set(p.services)) users.set(s, [...(users.get(s) ?? []), p.name || p.id]);
  return processes
    .map((p, index) => ({
      id: p.id,
      index,
      name: p.name,
      criticality: p.criticality,
      services: [...new Set(p.services)].map((id) => ({
        id,
        name: serviceName(id),
        sharedWith: (users.get(id) ?? []).filter((name) => name !== (p.name || p.id)),
        foreign: !owned.has(id),
      })),
    }))
    .sort((a, b) => CRITICALITY_LOOK[a.criticality].rank - CRITICALITY_LOOK[b.criticality].rank || a.index - b.index);
}

/** The client's services no process depends on (shown under the tree so nothing is hidden). */
export function unmappedServices(processes: readonly Pick<DraftProcess, 'services'>[], clientServices: readonly string[]): string[] {
  const used = new Set(processes.flatMap((p) => p.services));
  return clientServices.filter((id) => !used.has(id));
}

/** Makes a process id (a slug) from a name that no other process of the client uses yet. */
export function processIdFor(name: string, taken: readonly string[]): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      // Accents become separate combining marks under NFKD; drop them so "Ü" reads as "u".
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'process';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A new process called `name`, routine until someone says otherwise. */
export function newProcess(name: string, processes: readonly DraftProcess[]): DraftProcess {
  return { id: processIdFor(name, processes.map((p) => p.id)), name: name.trim(), criticality: 'routine', services: [], description: '' };
}

/** The affected processes in the order the detail page shows them: critical first, then by name. */
export function sortAffected(processes: readonly AffectedProcess[]): AffectedProcess[] {
  return [...processes].sort((a, b) => CRITICALITY_LOOK[a.criticality].rank - CRITICALITY_LOOK[b.criticality].rank || a.name.localeCompare(b.name));
}

import type { Incident } from '../../../shared/schemas/incident.js';
import type { SuppressedBy } from '../../../shared/schemas/maintenance.js';
import type { MaintenanceSubject } from '../../core/maintenance/index.js';
import type { ChangeSet } from '../incidents/change-set.js';
import { type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { MaintenanceSession } from '../ports/maintenance-store.js';
import type { MaintenanceDirectory } from './maintenance-directory.js';

/** What ingest asks about maintenance when an alert opens an incident. */
export interface MaintenanceGate {
  /** The running window that covers the alert, if any (read from memory; `session` only when stale). */
  windowFor(session: MaintenanceSession, subject: MaintenanceSubject, now: Date): Promise<SuppressedBy | undefined>;
  /** Records, in the ingest transaction, that `window` held the new incident back: on its timeline and the audit trail. */
  suppressed(changes: ChangeSet, incident: Incident, window: SuppressedBy): Promise<void>;
}

/** Creates the gate ingest uses, over the relay's in-memory window directory. */
export function createMaintenanceGate(deps: { directory: MaintenanceDirectory; audit?: AuditTrail }): MaintenanceGate {
  const audit = deps.audit ?? noAuditTrail;
  return {
    async windowFor(session, subject, now) {
      return (await deps.directory.current(session)).windowFor(subject, now);
    },
    async suppressed(changes, incident, window) {
      await changes.timeline(incident.id, 'maintenance.suppressed', { type: 'system', id: null }, { windowId: window.id, windowName: window.name });
      await audit.record(
        { action: 'maintenance.suppressed', actorId: null, subject: { kind: 'maintenance-window', id: window.id }, details: { incidentId: incident.id } },
        changes.tx,
      );
    },
  };
}

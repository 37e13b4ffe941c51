import type { Incident } from '../../../shared/schemas/incident.js';
import { mutedBy, type SuppressedBy } from '../../../shared/schemas/maintenance.js';
import type { MaintenanceSubject } from '../../core/maintenance/index.js';
import type { ChangeSet } from '../incidents/change-set.js';
import { type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { MaintenanceSession } from '../ports/maintenance-store.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import type { MaintenanceDirectory } from './maintenance-directory.js';
import { releaseFromWindow } from './window-end.js';

/** What ingest asks about maintenance when an alert opens an incident. */
export interface MaintenanceGate {
  /** The running window that covers the alert, if any (read from memory; `session` only when stale). */
  windowFor(session: MaintenanceSession, subject: MaintenanceSubject, now: Date): Promise<SuppressedBy | undefined>;
  /** Records, in the ingest transaction, that `window` held the new incident back: on its timeline and the audit trail. */
  suppressed(changes: ChangeSet, incident: Incident, window: SuppressedBy): Promise<void>;
  /**
   * An alert folded into `incident` (inside the ingest transaction): when a window held or dropped
   * the incident and no running window covers this alert, the problem outlived the window, so the
   * incident goes to normal escalation now. Returns the incident as it then stands, or undefined when
   * nothing changed.
   */
  foldedOutside(changes: ChangeSet, incident: Incident, subject: MaintenanceSubject): Promise<Incident | undefined>;
}

/** Creates the gate ingest uses, over the relay's in-memory window directory. */
export function createMaintenanceGate(deps: { directory: MaintenanceDirectory; lifecycle: IncidentLifecycle; audit?: AuditTrail }): MaintenanceGate {
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
    async foldedOutside(changes, incident, subject) {
      const window = mutedBy(incident);
      if (!window) return undefined;
      if ((await deps.directory.current(changes.tx)).windowFor(subject, changes.now)) return undefined;
      const data = { windowId: window.id, windowName: window.name, why: 'alert-after-window' };
      return releaseFromWindow(changes, incident, deps.lifecycle, { type: 'system', id: null }, data);
    },
  };
}

import type { Incident } from '../../../shared/schemas/incident.js';
import type { MaintenanceWindow } from '../../../shared/schemas/maintenance.js';

/**
 * A maintenance window as the store keeps it. `configDigest` is the digest of the config file's
 * declaration last applied (null when the file never declared it); a deleted window keeps its row
 * (`deletedAt`) so that the file entry it came from does not bring it back while unchanged.
 */
export interface MaintenanceWindowRecord {
  window: MaintenanceWindow;
  configDigest: string | null;
  deletedAt: Date | null;
}

/** The store's part for maintenance windows. `StoreSession` extends it. */
export interface MaintenanceSession {
  /** Every window not deleted, by id. */
  listMaintenanceWindows(): Promise<MaintenanceWindowRecord[]>;
  /** One window's record, deleted or not. */
  getMaintenanceWindowRecord(id: string): Promise<MaintenanceWindowRecord | undefined>;
  /** Adds or replaces a window's record. */
  saveMaintenanceWindow(record: MaintenanceWindowRecord): Promise<void>;
  /** The open (not resolved) incidents a window holds back, oldest first. */
  listSuppressedIncidents(windowId: string): Promise<Incident[]>;
}

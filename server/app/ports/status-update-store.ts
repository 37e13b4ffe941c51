import type { StatusStage, StatusSubscriber, StatusTemplate, StatusUpdate } from '../../../shared/schemas/status-update.js';

/** A stage's edited words, with who edited them last. */
export interface StatusTemplateRecord extends StatusTemplate {
  updatedAt: Date;
  updatedBy: string;
}

/** The store's part for stakeholder status updates. `StoreSession` extends it. */
export interface StatusUpdateSession {
  listStatusSubscribers(): Promise<StatusSubscriber[]>;
  addStatusSubscriber(subscriber: StatusSubscriber): Promise<void>;
  /** Removes a subscriber; false when there was none with that id. */
  deleteStatusSubscriber(id: string): Promise<boolean>;
  /** The stages a manager has edited (the others use the defaults). */
  listStatusTemplates(): Promise<StatusTemplateRecord[]>;
  putStatusTemplate(record: StatusTemplateRecord): Promise<void>;
  addStatusUpdate(update: StatusUpdate): Promise<void>;
  getStatusUpdate(id: string): Promise<StatusUpdate | undefined>;
  /** An incident's updates, oldest first. */
  listStatusUpdates(incidentId: string): Promise<StatusUpdate[]>;
}

/** The stages, for stores that need to check a stored value. */
export type { StatusStage };

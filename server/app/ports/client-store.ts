import type { Client } from '../../../shared/schemas/client.js';

/** Which side last set a client: the config file, or a person in the console. */
export type ClientManagedBy = 'file' | 'console';

/**
 * A client as the store keeps it. `configDigest` is the digest of the config file's declaration last
 * applied (null when the file never declared it); `position` orders the list (match rules are tried
 * in that order); a deleted client keeps its row (`deletedAt`) so that a file declaration it came
 * from does not bring it back while that declaration is unchanged.
 */
export interface ClientRecord {
  client: Client;
  managedBy: ClientManagedBy;
  configDigest: string | null;
  position: number;
  updatedAt: Date;
  deletedAt: Date | null;
}

/** The store's part for clients and their business maps. `StoreSession` extends it. */
export interface ClientSession {
  /** Every client not deleted, in list order (position, then id). */
  listClients(): Promise<ClientRecord[]>;
  /** One client's record, deleted or not. */
  getClientRecord(id: string): Promise<ClientRecord | undefined>;
  /**
   * Adds or replaces a client's record, and which services belong to it (none once deleted). Throws
   * a `StoreConflictError` when one of its services already belongs to another client.
   */
  saveClient(record: ClientRecord): Promise<void>;
}

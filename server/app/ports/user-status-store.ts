/** A person's deactivation as stored. */
export interface UserDeactivationRecord {
  userId: string;
  deactivatedAt: Date;
  /** The admin who deactivated them (null: the relay itself). */
  deactivatedBy: string | null;
}

/** The reads and writes of deactivated people. */
export interface UserStatusSession {
  /** Deactivates a person; deactivating someone already deactivated keeps the first record. */
  deactivateUser(record: UserDeactivationRecord): Promise<void>;
  /** Reactivates a person; reactivating an active person changes nothing. */
  reactivateUser(userId: string): Promise<void>;
  /** The person's deactivation, or undefined while they are active. */
  findUserDeactivation(userId: string): Promise<UserDeactivationRecord | undefined>;
}

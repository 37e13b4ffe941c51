/** One person on an incident's need-to-know list, with who put them there and when. */
export interface NeedToKnowEntry {
  incidentId: string;
  userId: string;
  addedBy: string;
  addedAt: Date;
}

/**
 * The need-to-know lists of confidential incidents: who, besides admins and IR managers, may know
 * each one. Reads filter every query of the app layer; writes run inside the change's transaction.
 */
export interface NeedToKnowSession {
  /** The people on an incident's list, in the order they were added. */
  listNeedToKnow(incidentId: string): Promise<NeedToKnowEntry[]>;
  /** The ids of the incidents on whose lists a person is, among `incidentIds`. */
  listIncidentsKnownTo(userId: string, incidentIds: readonly string[]): Promise<string[]>;
  /** Adds a person to a list; adding someone already on it changes nothing and answers false. */
  addNeedToKnow(entry: NeedToKnowEntry): Promise<boolean>;
  /** Takes a person off a list; answers false when they were not on it. */
  removeNeedToKnow(incidentId: string, userId: string): Promise<boolean>;
}

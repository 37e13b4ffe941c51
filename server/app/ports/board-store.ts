import type { Page } from '../../../shared/schemas/page.js';

/** The bulk reads the console board snapshot is built from, a fixed number of queries however big the board. */
export interface BoardSession {
  /**
   * Every page of every incident that is not resolved, in one query, ordered by incident and then
   * by creation time (ties by id), so that a board snapshot never reads pages incident by incident.
   */
  listPagesOfOpenIncidents(): Promise<Page[]>;
  /** The ids of the open incidents on whose need-to-know lists a person is, in one query. */
  listOpenIncidentsKnownTo(userId: string): Promise<string[]>;
}

/**
 * Which relay nodes are alive, so that the jobs a dead node had claimed are claimed again soon after
 * it died rather than when their leases run out. Every node names itself in the leases it takes.
 */
export interface NodeRegistry {
  /**
   * Returns this database's one stable node name, creating it as `proposed` on first use. A relay
   * alone on its database (SQLite) keeps the same name across restarts, so it knows its own leases.
   */
  stableNodeId(proposed: string): Promise<string>;
  /**
   * Records that node `nodeId` is alive until `aliveUntil`; jobs it has leased become claimable by
   * any node once that instant has passed without a newer heartbeat.
   */
  heartbeat(nodeId: string, aliveUntil: Date): Promise<void>;
  /**
   * Ends every lease node `nodeId` holds (its jobs stay, claimable at once) and tells how many. A
   * restarted node calls it for the leases its previous run took to its grave.
   */
  releaseLeases(nodeId: string): Promise<number>;
  /** Forgets node `nodeId` on a clean shutdown (it has finished or released its jobs). */
  forgetNode(nodeId: string): Promise<void>;
}

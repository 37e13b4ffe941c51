import type { Db } from './database.js';
import { toMillis } from './json.js';

/** The settings key under which a single-node database keeps its relay's stable node name. */
const STABLE_NODE_KEY = 'relay.node-id';

/**
 * Returns the stable node name kept in the settings table, storing `proposed` when there is none
 * yet (the first writer wins: a concurrent first start reads the name that was kept).
 */
export async function stableNodeId(db: Db, proposed: string): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key: STABLE_NODE_KEY, value: proposed })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', STABLE_NODE_KEY).executeTakeFirstOrThrow();
  return row.value;
}

/** How long a dead node is remembered; its leases have all run out long before (they last 30 s). */
const FORGET_DEAD_AFTER_MS = 3_600_000;

/** Records that `nodeId` is alive until `aliveUntil`, and forgets nodes dead for an hour. */
export async function heartbeat(db: Db, nodeId: string, aliveUntil: Date): Promise<void> {
  const alive_until = toMillis(aliveUntil, 'aliveUntil');
  await db
    .insertInto('relay_nodes')
    .values({ node_id: nodeId, alive_until })
    .onConflict((oc) => oc.column('node_id').doUpdateSet({ alive_until }))
    .execute();
  await db.deleteFrom('relay_nodes').where('alive_until', '<', alive_until - FORGET_DEAD_AFTER_MS).execute();
}

/** Ends every lease `nodeId` holds, leaving the jobs claimable at once; returns how many. */
export async function releaseLeases(db: Db, nodeId: string): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({ lease_owner: null, lease_until: null })
    .where('lease_owner', '=', nodeId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Removes `nodeId` from the live nodes. */
export async function forgetNode(db: Db, nodeId: string): Promise<void> {
  await db.deleteFrom('relay_nodes').where('node_id', '=', nodeId).execute();
}

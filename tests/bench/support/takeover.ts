import pg from 'pg';

/** How the survivors took over the work of a relay killed at `killedAt`. */
export interface Takeover {
  /** The dead relay's node name in the job leases (found by its heartbeat stopping). */
  deadNode: string | undefined;
  /** Jobs it had leased when it died. */
  leasedAtDeath: number;
  /**
   * From the kill until no job was leased by the dead node any more (each one finished or claimed by
   * a survivor), in ms; NaN when it held none or the deadline passed first.
   */
  ms: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Watches the shared database after a relay was killed at `killedAt` (`Date.now()`): the node
 * whose heartbeat (relay_nodes.alive_until) stops moving while the others' move is the dead one;
 * then waits until none of the jobs it leased is still leased by it. Polls; gives up at the deadline.
 */
export async function watchTakeover(databaseUrl: string, killedAt: number, nodesAlive: number, deadlineMs: number): Promise<Takeover> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const until = killedAt + deadlineMs;
  try {
    const beats = async () =>
      new Map((await client.query<{ node_id: string; alive_until: string }>('select node_id, alive_until from relay_nodes')).rows.map((r) => [r.node_id, Number(r.alive_until)]));
    const atKill = await beats();
    let deadNode: string | undefined;
    while (!deadNode && Date.now() < until) {
      await sleep(250);
      const now = await beats();
      const moved = [...atKill.keys()].filter((node) => (now.get(node) ?? 0) > atKill.get(node)!);
      const still = [...atKill.keys()].filter((node) => !moved.includes(node));
      if (moved.length >= nodesAlive - 1 && still.length === 1) deadNode = still[0];
    }
    if (!deadNode) return { deadNode, leasedAtDeath: 0, ms: NaN };
    const leased = async () => Number((await client.query<{ n: string }>('select count(*) as n from jobs where lease_owner = $1', [deadNode])).rows[0]!.n);
    const leasedAtDeath = await leased();
    if (leasedAtDeath === 0) return { deadNode, leasedAtDeath, ms: NaN };
    while (Date.now() < until) {
      if ((await leased()) === 0) return { deadNode, leasedAtDeath, ms: Date.now() - killedAt };
      await sleep(100);
    }
    return { deadNode, leasedAtDeath, ms: NaN };
  } finally {
    await client.end();
  }
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Runs one statement on the server's maintenance database named by `serverUrl`. */
async function runOnServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Creates a throw-away database `klaxon_test_<random>` on the PostgreSQL server of `serverUrl` (a URL
 * such as `postgres://postgres@127.0.0.1:5432/postgres` whose user may create databases) and returns
 * its URL, and `drop()`, which ends its connections and removes it (call it in `afterAll`).
 */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `klaxon_test_${randomBytes(6).toString('hex')}`;
  try {
    await runOnServer(serverUrl, `create database "${name}"`);
  } catch (error) {
    throw new Error(`Cannot create the test database ${name} on ${new URL(serverUrl).host}`, { cause: error });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      // WITH (FORCE) (PostgreSQL 13+) ends connections a test left open.
      await runOnServer(serverUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}

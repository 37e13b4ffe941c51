import { describe, expect, it } from 'vitest';
import { createStore } from './create-store.js';
import { isPostgresUrl } from './postgres-database.js';

describe('createStore', () => {
  it('tells PostgreSQL URLs from SQLite paths', () => {
    expect(isPostgresUrl('postgres://u@h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://u@h:5432/db')).toBe(true);
    expect(isPostgresUrl('PostgreSQL://u@h/db')).toBe(true);
    expect(isPostgresUrl('./data/klaxon.db')).toBe(false);
    expect(isPostgresUrl(':memory:')).toBe(false);
    expect(isPostgresUrl('/var/lib/postgres/klaxon.db')).toBe(false);
  });

  it('names the server it cannot reach, without the password', async () => {
    const failure = createStore('postgres://klaxon:s3cret@127.0.0.1:1/klaxon');
    await expect(failure).rejects.toThrow(
      'Cannot reach the postgres store at postgres://klaxon:***@127.0.0.1:1/klaxon',
    );
    await expect(failure).rejects.not.toThrow('s3cret');
  });
});

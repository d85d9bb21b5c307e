import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client';

describe.runIf(process.env.VITEST_DB === 'pg')('Postgres pool', () => {
  it('survives Postgres ending its idle connections: the error is heard, the next query opens a new one', async () => {
    const handle = openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR! });
    const pid = async () => Number((await handle.db.execute<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid);
    try {
      const before = await pid();
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      const killed = await admin.query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [before]);
      await admin.end();
      expect(killed.rows[0]?.ok).toBe(true);
      // Let the pool receive the termination on its idle client.
      await new Promise((r) => setTimeout(r, 200));
      const after = await pid();
      expect(after).not.toBe(before);
    } finally {
      await handle.close();
    }
  });
});

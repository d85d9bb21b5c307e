import { createPgDatabase, dropPgDatabase, pgAdmin } from '@/test/pg-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from './client';

const terminate = (pid: number) =>
  pgAdmin(async (c) => (await c.query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [pid])).rows[0]?.ok);

describe.runIf(process.env.VITEST_DB === 'pg')('Postgres pool', () => {
  let handle: DatabaseHandle;
  let stderr: string[];
  beforeEach(() => {
    handle = openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR! });
    stderr = [];
    const write: (chunk: string | Uint8Array) => boolean = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return write(chunk);
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await handle.close();
  });
  const pid = async (db = handle.db) =>
    Number((await db.execute<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid);
  const heardLoss = () =>
    vi.waitFor(() => expect(stderr.join('')).toContain('"event":"db_connection_lost"'), { timeout: 20_000 });

  it('survives Postgres ending an idle connection: the error is heard, the next query opens a new one', async () => {
    const before = await pid();
    expect(await terminate(before)).toBe(true);
    await heardLoss();
    expect(await pid()).not.toBe(before);
  });

  it('survives Postgres ending a connection that is checked out between two queries of a transaction', async () => {
    let inside = 0;
    const tx = handle.transaction(async (t) => {
      inside = await pid(t);
      expect(await terminate(inside)).toBe(true);
      // The client is checked out, with no query running: the loss reaches it as an 'error' event.
      await heardLoss();
      return pid(t);
    });
    await expect(tx).rejects.toThrow();
    const after = await pid();
    expect(after).not.toBe(inside);
  });

  it('applies migrations once when several consoles start together on a fresh database', async () => {
    const name = `oac_mig_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const url = await createPgDatabase(name);
    const handles = Array.from({ length: 4 }, () => openDatabase({ url, dataDir: process.env.DATA_DIR! }));
    try {
      await Promise.all(handles.map((h) => h.migrate()));
      const applied = await handles[0]!.db.execute<{ n: string }>(
        'select count(*) as n from drizzle.__drizzle_migrations',
      );
      const files = await import('node:fs').then((fs) =>
        fs.readdirSync('db/migrations/pg').filter((f) => f.endsWith('.sql')),
      );
      expect(Number(applied.rows[0]!.n)).toBe(files.length);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await dropPgDatabase(name);
    }
  });
});

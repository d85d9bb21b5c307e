import { openDatabase, type DatabaseHandle } from '@/db/client';
import { createPgDatabase, dropPgDatabase, pgAdmin } from '@/test/pg-admin';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readiness } from './health';
import { startWorker, type JobWorker } from './jobs/worker';

// Readiness against real databases: a migrated one with running workers is ready; a database that is not migrated,
// one that stops answering (Postgres refusing connections, a closed SQLite file), or a stopped worker is not, and
// the answer names which.
const isPg = process.env.VITEST_DB === 'pg';
const handles: DatabaseHandle[] = [];
const databases: string[] = [];
let worker: JobWorker;

/** A database of its own, empty (not migrated). */
async function freshDatabase(): Promise<{ handle: DatabaseHandle; name?: string }> {
  if (!isPg) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oac-ready-'));
    const handle = openDatabase({ dataDir: dir });
    handles.push(handle);
    return { handle };
  }
  const name = `oac_ready_${process.pid}_${databases.length}`;
  const url = await createPgDatabase(name);
  databases.push(name);
  const handle = openDatabase({ url, dataDir: os.tmpdir() });
  handles.push(handle);
  return { handle, name };
}

beforeAll(() => {
  worker = startWorker({ pollMs: 50 });
});
afterAll(async () => {
  await worker.stop();
  for (const h of handles) await h.close().catch(() => undefined);
  for (const name of databases) await dropPgDatabase(name).catch(() => undefined);
});

describe('readiness', () => {
  it('is ready on a migrated database with its workers running', async () => {
    const { handle } = await freshDatabase();
    await handle.migrate();
    const r = await readiness({ handle, workers: [worker] });
    expect(r).toEqual({
      ready: true,
      failed: [],
      checks: { database: 'ok', migrations: 'ok', workers: 'ok', shutdown: 'ok' },
    });
  });

  it('names the migrations when the database is behind this build', async () => {
    const { handle } = await freshDatabase();
    const r = await readiness({ handle, workers: [worker] });
    expect(r.ready).toBe(false);
    expect(r.failed).toEqual(['migrations']);
  });

  it('names the database when it stops answering, and is ready again once it is back', async () => {
    const { handle, name } = await freshDatabase();
    await handle.migrate();
    expect((await readiness({ handle, workers: [worker] })).ready).toBe(true);
    if (isPg) {
      // Postgres stopped for this database: new connections refused, the open ones ended.
      await pgAdmin(async (c) => {
        await c.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      });
    } else {
      await handle.close();
    }
    const down = await readiness({ handle, workers: [worker] });
    expect(down.ready).toBe(false);
    expect(down.failed).toEqual(['database', 'migrations']);
    expect(JSON.stringify(down)).not.toMatch(/postgres|sqlite|127\.0\.0\.1|\/tmp|error/i);
    if (isPg) {
      await pgAdmin((c) => c.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`));
      expect((await readiness({ handle, workers: [worker] })).ready).toBe(true);
    }
  });

  it('names the workers when one is not running', async () => {
    const { handle } = await freshDatabase();
    await handle.migrate();
    const stopped = startWorker({ pollMs: 50 });
    await stopped.stop();
    const r = await readiness({ handle, workers: [worker, stopped] });
    expect(r.failed).toEqual(['workers']);
    expect((await readiness({ handle, workers: [worker, undefined] })).failed).toEqual(['workers']);
  });
});

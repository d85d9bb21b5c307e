import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { openDatabase } from '../db/client';
import { createPgDatabase, dropPgDatabase } from './pg-admin';

// Every test file gets its own data directory and, in the Postgres project, its own database, so files
// run in parallel without sharing state. Modules read env at import, so this runs before any import.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oac-test-'));
process.env.DATA_DIR = dataDir;
process.env.LOG_LEVEL ??= 'error';
let pgDb: string | undefined;

if (process.env.VITEST_DB === 'pg') {
  if (!process.env.TEST_DATABASE_URL) throw new Error('the postgres project needs TEST_DATABASE_URL');
  pgDb = `oac_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  process.env.DATABASE_URL = await createPgDatabase(pgDb);
} else {
  delete process.env.DATABASE_URL;
}

// Storage tests find their database migrated, as a console process finds it after start-up (db/index.ts):
// through a handle of its own, so this setup imports nothing that reads the environment before the test does.
beforeAll(async () => {
  if (!expect.getState().testPath?.endsWith('.db.test.ts')) return;
  const migrator = openDatabase({ url: process.env.DATABASE_URL, dataDir });
  try {
    await migrator.migrate();
  } finally {
    await migrator.close();
  }
});

afterAll(async () => {
  const g = globalThis as { consoleDb?: { close(): Promise<void> } };
  await g.consoleDb?.close();
  delete g.consoleDb;
  if (pgDb && process.env.TEST_DATABASE_URL) await dropPgDatabase(pgDb);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import { openDatabase } from '../db/client';

// Every test file gets its own data directory and, in the Postgres project, its own database, so files
// run in parallel without sharing state. Modules read env at import, so this runs before any import.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oac-test-'));
process.env.DATA_DIR = dataDir;
process.env.LOG_LEVEL ??= 'error';
let pgDb: string | undefined;

if (process.env.VITEST_DB === 'pg') {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('the postgres project needs TEST_DATABASE_URL');
  pgDb = `oac_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgDb}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${pgDb}`;
  process.env.DATABASE_URL = url.toString();
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
  if (pgDb && process.env.TEST_DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
    await admin.end();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

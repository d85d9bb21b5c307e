import 'server-only';
import { env } from '@/lib/env';
import { openDatabase, type DatabaseHandle } from './client';

// One handle per process, kept on globalThis so dev-mode reloads do not open a new pool each time.
const globalForDb = globalThis as unknown as { consoleDb?: DatabaseHandle; consoleDbReady?: Promise<void> };

export const handle: DatabaseHandle = (globalForDb.consoleDb ??= openDatabase({
  url: env.DATABASE_URL,
  dataDir: env.dataDir,
}));

export const db = handle.db;
export const schema = handle.schema;

/** Applies pending migrations once per process; every data function awaits it first. */
export function dbReady(): Promise<void> {
  return (globalForDb.consoleDbReady ??= handle.migrate());
}

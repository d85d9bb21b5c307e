import 'server-only';

import { env } from '@/lib/env';
import { dialectOf, openDatabase, schemaFor, type Database, type DatabaseHandle } from './client';

// One handle per process, kept on globalThis so dev-mode reloads do not open a new pool each time.
// It opens on first use, not at import, so `next build` touches no database.
const globalForDb = globalThis as unknown as { consoleDb?: DatabaseHandle; consoleDbReady?: Promise<void> };

const open = () => (globalForDb.consoleDb ??= openDatabase({ url: env.DATABASE_URL, dataDir: env.dataDir }));

const lazy = <T extends object>(get: () => T): T =>
  new Proxy({} as T, {
    get(_target, prop) {
      const target = get();
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });

export const handle: DatabaseHandle = lazy(open);
export const db: Database = lazy(() => open().db);
export const schema = schemaFor(dialectOf(env.DATABASE_URL));

/**
 * Applies pending migrations once per process. Awaited where work enters a process, never by data functions:
 * start-up (lib/startup.ts), each request's session or token check (lib/auth/current-user.ts, next-auth's
 * route, the /api/v1 gate), each pass of the bulk worker (lib/jobs/claim.ts), the first-run link; tests migrate
 * in test/setup-db.ts. A failure (the database was down) is not kept: the next caller tries again, so a process
 * never stays broken over one bad start.
 */
export function dbReady(): Promise<void> {
  return (globalForDb.consoleDbReady ??= open()
    .migrate()
    .catch((err: unknown) => {
      globalForDb.consoleDbReady = undefined;
      throw err;
    }));
}

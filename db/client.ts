import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as pgSchema from './schema/pg';
import * as sqliteSchema from './schema/sqlite';

// The only module that knows there are two SQL dialects. Callers get one `Database` type and the
// table objects of the dialect in use; both schemas export the same tables and column keys.
export type Schema = typeof pgSchema;
export type Database = NodePgDatabase<Schema>;
export type Dialect = 'sqlite' | 'pg';

export interface DatabaseHandle {
  dialect: Dialect;
  db: Database;
  schema: Schema;
  /** Runs `fn` atomically. SQLite's driver is synchronous, so async work is serialised by a mutex. */
  transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsDir = (dialect: Dialect) => path.join(process.cwd(), 'db', 'migrations', dialect);

export function sqlitePathFor(url: string | undefined, dataDir: string): string {
  if (url?.startsWith('file:')) return path.resolve(url.slice('file:'.length));
  return path.join(dataDir, 'console.db');
}

export const dialectOf = (url?: string): Dialect => (url && /^postgres(ql)?:\/\//.test(url) ? 'pg' : 'sqlite');

export const schemaFor = (dialect: Dialect): Schema => (dialect === 'pg' ? pgSchema : (sqliteSchema as unknown as Schema));

export function openDatabase(opts: { url?: string; dataDir: string }): DatabaseHandle {
  if (dialectOf(opts.url) === 'pg') return openPg(opts.url!);
  return openSqlite(sqlitePathFor(opts.url, opts.dataDir));
}

function openPg(url: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Postgres closing an idle connection (a restart, a failover, an admin's pg_terminate_backend) is an 'error'
  // event on the pool; unheard, Node would end the console over it. The pool opens a fresh one on next use.
  // (Plain stderr: this module also serves the CLI and benchmarks, outside the server's logger.)
  pool.on('error', (err) => {
    const line = { t: new Date().toISOString(), level: 'warn', event: 'db_idle_connection_lost', code: (err as { code?: string }).code ?? null, message: err.message };
    process.stderr.write(`${JSON.stringify(line)}\n`);
  });
  const db = drizzlePg(pool, { schema: pgSchema });
  return {
    dialect: 'pg',
    db,
    schema: pgSchema,
    transaction: (fn) => db.transaction((tx) => fn(tx as unknown as Database)),
    migrate: () => migratePg(db, { migrationsFolder: migrationsDir('pg') }),
    close: () => pool.end(),
  };
}

function openSqlite(file: string): DatabaseHandle {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Password hashes and sealed keys live here: owner-only, like the key files beside it.
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  const client = new BetterSqlite3(file);
  client.pragma('journal_mode = WAL');
  client.pragma('busy_timeout = 5000');
  client.pragma('foreign_keys = ON');
  const raw = drizzleSqlite(client, { schema: sqliteSchema });
  // Cast: the query builders we use (select/insert/update/delete, returning, onConflictDoUpdate) have the
  // same shape on both drivers, and the runtime tables come from the SQLite twin schema.
  const db = raw as unknown as Database;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    dialect: 'sqlite',
    db,
    schema: sqliteSchema as unknown as Schema,
    transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
      const run = async () => {
        raw.run(sql`BEGIN IMMEDIATE`);
        try {
          const result = await fn(db);
          raw.run(sql`COMMIT`);
          return result;
        } catch (err) {
          raw.run(sql`ROLLBACK`);
          throw err;
        }
      };
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
    migrate: () => Promise.resolve(migrateSqlite(raw, { migrationsFolder: migrationsDir('sqlite') })),
    close: () => {
      client.close();
      return Promise.resolve();
    },
  };
}

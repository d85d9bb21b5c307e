import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import fs from 'node:fs';
import path from 'node:path';
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
  /** Answers when the database does (readiness). */
  ping(): Promise<void>;
  /** Whether every migration this build ships has been applied (readiness). */
  migrationsCurrent(): Promise<boolean>;
  close(): Promise<void>;
}

const migrationsDir = (dialect: Dialect) => path.join(process.cwd(), 'db', 'migrations', dialect);

/** When the newest migration this build ships was made: drizzle records it as the applied row's created_at. */
function newestMigration(dialect: Dialect): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir(dialect), 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((e) => e.when));
}

/** The newest applied migration's created_at (drizzle's own table), compared with the newest shipped one. */
const appliedIsCurrent = (rows: { at: unknown }[], dialect: Dialect) =>
  rows.length > 0 && Number(rows[0]!.at) >= newestMigration(dialect);

export function sqlitePathFor(url: string | undefined, dataDir: string): string {
  if (url?.startsWith('file:')) return path.resolve(url.slice('file:'.length));
  return path.join(dataDir, 'console.db');
}

export const dialectOf = (url?: string): Dialect => (url && /^postgres(ql)?:\/\//.test(url) ? 'pg' : 'sqlite');

export const schemaFor = (dialect: Dialect): Schema =>
  dialect === 'pg' ? pgSchema : (sqliteSchema as unknown as Schema);

export function openDatabase(opts: { url?: string; dataDir: string }): DatabaseHandle {
  if (dialectOf(opts.url) === 'pg') return openPg(opts.url!);
  return openSqlite(sqlitePathFor(opts.url, opts.dataDir));
}

/** The advisory-lock key migrations hold on Postgres (any fixed bigint; this one is "oacmigr" in ASCII). */
const MIGRATION_LOCK = '8025805332521906688';

function openPg(url: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Postgres ending a connection (a restart, a failover, an admin's pg_terminate_backend) is an 'error' event:
  // on the pool while the connection is idle, on the client itself while it is checked out between queries.
  // Unheard, either would end the console. Every client gets a listener when it connects (it also hears the
  // idle case), the pool one so the event is never unheard; the pool opens a fresh connection on next use and
  // the query in flight, if any, fails on its own. (Plain stderr: this module also serves the CLI and
  // benchmarks, outside the server's logger.)
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      const line = {
        t: new Date().toISOString(),
        level: 'warn',
        event: 'db_connection_lost',
        code: (err as { code?: string }).code ?? null,
        message: err.message,
      };
      process.stderr.write(`${JSON.stringify(line)}\n`);
    });
  });
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema: pgSchema });
  return {
    dialect: 'pg',
    db,
    schema: pgSchema,
    transaction: (fn) => pgTransaction(pool, fn),
    migrate: async () => {
      // Several consoles may start at once on one database: one at a time applies what is pending, and the
      // others then find nothing left to do. The lock is Postgres's own, held by this one connection.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migratePg(drizzlePg(client, { schema: pgSchema }), { migrationsFolder: migrationsDir('pg') });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        client.release();
      }
    },
    ping: async () => {
      await pool.query('SELECT 1');
    },
    migrationsCurrent: async () => {
      const { rows } = await pool.query<{ at: unknown }>(
        'SELECT max(created_at) AS at FROM drizzle.__drizzle_migrations',
      );
      return appliedIsCurrent(rows, 'pg');
    },
    close: () => pool.end(),
  };
}

/**
 * A transaction on one pooled connection. Not drizzle's `db.transaction`: when the connection is lost at its
 * BEGIN, that never gives the connection back, so the pool can never end (seen with pg_terminate_backend
 * mid-job). Here every path releases it, and a connection that failed at BEGIN, COMMIT or ROLLBACK is
 * released as broken so the pool drops it instead of handing it out again.
 */
async function pgTransaction<T>(pool: pg.Pool, fn: (tx: Database) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const run = (text: string) =>
    client.query(text).catch((err: Error) => {
      broken = err;
      throw err;
    });
  try {
    await run('BEGIN');
    let result: T;
    try {
      result = await fn(drizzlePg(client, { schema: pgSchema }));
    } catch (err) {
      await run('ROLLBACK').catch(() => undefined);
      throw err;
    }
    await run('COMMIT');
    return result;
  } finally {
    client.release(broken);
  }
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
    ping: () => {
      client.prepare('SELECT 1').get();
      return Promise.resolve();
    },
    migrationsCurrent: () => {
      const rows = client.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').all() as { at: unknown }[];
      return Promise.resolve(appliedIsCurrent(rows, 'sqlite'));
    },
    close: () => {
      client.close();
      return Promise.resolve();
    },
  };
}

import pg from 'pg';

// Trust auth on loopback, as CI and this machine have it; BENCH_PG_URL points elsewhere.
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type PgDatabase = { url: string; drop: () => Promise<void> };

/** A fresh Postgres database (`<prefix>_<pid>`), dropped by `drop`; or why there is none (Postgres unreachable). */
export async function freshPgDatabase(prefix: string, log: (line: string) => void): Promise<PgDatabase | string> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await admin.connect();
  } catch (error) {
    return `Postgres skipped: ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//…@')} not reachable (${(error as Error).message})`;
  }
  const name = `${prefix}_${process.pid}`;
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
  } catch (error) {
    return `Postgres skipped: could not create the database ${name} (${(error as Error).message})`;
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  log(`  created Postgres database ${name}`);
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Runs one query on a database and returns its rows. */
export async function pgQuery<T>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

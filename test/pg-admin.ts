import pg from 'pg';

// The Postgres server of the postgres project (TEST_DATABASE_URL), for tests that make databases of their own or
// end connections: each call opens a client of the server's admin database and closes it afterwards.

/** Runs `fn` with a client of TEST_DATABASE_URL's database. */
export async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Creates database `name` on the test server; returns its URL. */
export async function createPgDatabase(name: string): Promise<string> {
  await pgAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops database `name` from the test server, ending its connections. */
export const dropPgDatabase = (name: string) => pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

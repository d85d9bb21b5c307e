import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

// Three consoles started at the same moment on one fresh Postgres database, as a deploy of several
// instances does: migrations, seeding the admin from ADMIN_EMAIL and the bulk worker must all come up in
// every one of them (lib/startup.ts), and none may answer 500 because a sibling won a race.
const base = process.env.TEST_DATABASE_URL;
const PORTS = [3311, 3312, 3313];

test.skip(!base, 'needs TEST_DATABASE_URL (Postgres)');
test.setTimeout(240_000);

async function admin<T>(fn: (c: pg.Client) => Promise<T>, connectionString = base): Promise<T> {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

test('three consoles started together on a fresh Postgres all serve and all run a worker', async ({ request }) => {
  const name = `oac_race_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(base!);
  url.pathname = `/${name}`;
  const shared = {
    ...process.env,
    NODE_ENV: 'production' as const,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: url.toString(),
    APP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    ADMIN_EMAIL: 'race-admin@example.com',
    ADMIN_PASSWORD: 'race admin password 1',
  };
  const logs = PORTS.map(() => [] as string[]);
  const children: ChildProcess[] = [];
  try {
    PORTS.forEach((port, i) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oac-race-'));
      const child = spawn(
        process.execPath,
        ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
        {
          env: { ...shared, DATA_DIR: dataDir, APP_URL: `http://127.0.0.1:${port}` },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout.on('data', (c: Buffer) => logs[i]!.push(c.toString()));
      child.stderr.on('data', (c: Buffer) => logs[i]!.push(c.toString()));
      children.push(child);
    });
    for (const [i, port] of PORTS.entries()) {
      await expect
        .poll(async () => (await request.get(`http://127.0.0.1:${port}/sign-in`).catch(() => null))?.status() ?? 0, {
          timeout: 180_000,
          intervals: [250, 500, 1000],
        })
        .toBe(200);
      // A page that reads the database: the admin exists, so the first-run link is refused, with no error.
      const firstRun = await request.get(`http://127.0.0.1:${port}/first-run?token=none-such-token-none-such-token`);
      expect(firstRun.status()).toBe(200);
      expect(await firstRun.text()).toContain('An admin already exists');
      await expect.poll(() => logs[i]!.join(''), { timeout: 60_000 }).toContain('"event":"bulk_worker_started"');
    }
    for (const log of logs) expect(log.join('')).not.toContain('startup_task_failed');
    const users = await admin(
      (c) => c.query<{ n: number }>('SELECT count(*)::int AS n FROM console_users'),
      url.toString(),
    );
    expect(users.rows[0]!.n).toBe(1);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r)))),
    );
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
});

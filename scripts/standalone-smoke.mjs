// The production recipe of the README's "Deploying" section, run for real: Next's standalone output copied to a clean
// folder with nothing else (what a container image holds), then two instances started from it on one fresh Postgres
// database with the simulator as their Okta, as behind a proxy. Checks liveness, readiness, the sign-in page, a
// sign-in on one instance read back on the other (they share AUTH_SECRET), X-Request-Id, the metrics and their token,
// readiness with the database stopped and back, and a graceful stop (SIGTERM: a request being served is answered and
// audited first, exit 0). Needs `next build` done and
// TEST_DATABASE_URL (Postgres). Run: node scripts/standalone-smoke.mjs
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const base = process.env.TEST_DATABASE_URL;
if (!base) {
  console.error('standalone smoke: needs TEST_DATABASE_URL (Postgres)');
  process.exit(1);
}
const PORTS = [Number(process.env.SMOKE_PORT ?? 3391), Number(process.env.SMOKE_PORT ?? 3391) + 1];
const SIM_PORT = Number(process.env.SMOKE_SIM_PORT ?? 7391);
const children = [];
const checks = [];
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'oac-standalone-'));
const dbName = `oac_smoke_${process.pid}`;

function check(what, ok, detail = '') {
  checks.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok ? '' : ` ${detail}`}`);
  if (!ok) throw new Error(`standalone smoke failed: ${what}`);
}

async function admin(sql, connectionString = base) {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Resolves with the first match of `re` in the child's output. */
function waitFor(child, re, what) {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d.toString();
      const m = re.exec(out);
      if (m) resolve(m);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${what} exited (${code}) before it was ready:\n${out.slice(-2000)}`)),
    );
  });
}

/** Polls until `fn` returns a value (a deadline only stops a hung run). */
async function until(fn, what, deadlineMs = 120_000) {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const cookiesOf = (res) => res.headers.getSetCookie().map((c) => c.split(';')[0]);

try {
  // 1. The clean folder: the standalone server, its static files, nothing from the repository.
  const standalone = path.resolve('.next/standalone');
  check('the build made .next/standalone/server.js', fs.existsSync(path.join(standalone, 'server.js')));
  fs.cpSync(standalone, folder, { recursive: true });
  fs.cpSync(path.resolve('.next/static'), path.join(folder, '.next/static'), { recursive: true });
  if (fs.existsSync('public')) fs.cpSync(path.resolve('public'), path.join(folder, 'public'), { recursive: true });
  check(
    'the clean folder holds the migrations',
    fs.existsSync(path.join(folder, 'db/migrations/pg/meta/_journal.json')),
  );

  // 2. The simulator (our Okta) and a fresh database.
  // One process (tsx as a loader, not its CLI, which runs the script in a grandchild that a kill would orphan).
  const sim = spawn(process.execPath, ['--import', 'tsx', 'sim/okta/cli.ts', '--port', String(SIM_PORT)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(sim);
  const simOrigin = (await waitFor(sim, /Okta domain\s*:\s*(\S+)/, 'the simulator'))[1];
  await admin(`CREATE DATABASE ${dbName}`);
  const url = new URL(base);
  url.pathname = `/${dbName}`;

  // 3. Two instances, as behind a proxy: one APP_URL, one database, the secrets from the environment.
  const metricsToken = randomBytes(32).toString('base64url');
  const shared = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    HOSTNAME: '127.0.0.1',
    DATABASE_URL: url.toString(),
    APP_URL: `http://127.0.0.1:${PORTS[0]}`,
    TRUST_PROXY: '1',
    APP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    ADMIN_EMAIL: 'smoke-admin@example.com',
    ADMIN_PASSWORD: 'smoke admin password 1',
    OKTA_ALLOWED_ORIGINS: simOrigin,
    METRICS_TOKEN: metricsToken,
  };
  const instances = PORTS.map((port) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oac-smoke-data-'));
    const child = spawn(process.execPath, ['server.js'], {
      cwd: folder,
      env: { ...shared, PORT: String(port), DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.logTail = () => log.slice(-4000);
    return { port, child, origin: `http://127.0.0.1:${port}`, log: () => log };
  });
  const [a, b] = instances;

  for (const i of instances) {
    const health = await until(async () => {
      const res = await fetch(`${i.origin}/api/health`);
      return res.ok && res;
    }, `instance ${i.port} to answer`);
    check(`${i.port}: /api/health answers 200 {status:"ok"}`, (await health.json()).status === 'ok');
    const ready = await until(async () => {
      const res = await fetch(`${i.origin}/api/ready`);
      return res.status === 200 && res;
    }, `instance ${i.port} to be ready`);
    const body = await ready.json();
    check(
      `${i.port}: /api/ready 200, every check ok`,
      Object.values(body.checks).every((c) => c === 'ok'),
    );
    const page = await fetch(`${i.origin}/sign-in`);
    check(`${i.port}: the sign-in page renders`, page.status === 200 && (await page.text()).includes('Sign in'));
    check(`${i.port}: answers carry X-Request-Id`, /^[0-9a-f-]{36}$/.test(page.headers.get('x-request-id') ?? ''));
  }
  const traced = await fetch(`${a.origin}/api/health`, { headers: { 'X-Request-Id': 'proxy-request-0001' } });
  check(
    "behind a trusted proxy the proxy's request id is kept",
    traced.headers.get('x-request-id') === 'proxy-request-0001',
  );

  // 4. Sign in on one instance; the session reads on the other.
  const csrf = await fetch(`${a.origin}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const signIn = await fetch(`${a.origin}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookiesOf(csrf).join('; ') },
    body: new URLSearchParams({ csrfToken, email: shared.ADMIN_EMAIL, password: shared.ADMIN_PASSWORD }),
  });
  const session = cookiesOf(signIn).filter((c) => c.includes('session-token'));
  check('the admin signs in (a session cookie)', session.length === 1, `status ${signIn.status}`);
  const read = await fetch(`${b.origin}/integrations`, { headers: { Cookie: session.join('; ') }, redirect: 'manual' });
  check(
    'the other instance accepts that session (an authenticated page)',
    read.status === 200,
    `status ${read.status}`,
  );

  // 5. Metrics: only with the token.
  check('/api/metrics without the token is 401', (await fetch(`${a.origin}/api/metrics`)).status === 401);
  const metrics = await fetch(`${a.origin}/api/metrics`, { headers: { Authorization: `Bearer ${metricsToken}` } });
  const text = await metrics.text();
  check(
    '/api/metrics with the token',
    metrics.status === 200 && text.includes('console_sign_ins_total{outcome="success"'),
  );

  // 6. The database stops answering: not ready, naming it; back again: ready.
  await admin(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
  await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${dbName}'`);
  const down = await fetch(`${a.origin}/api/ready`);
  const downBody = await down.json();
  check('database stopped: /api/ready 503 naming it', down.status === 503 && downBody.failed.includes('database'));
  check('database stopped: /api/health still 200', (await fetch(`${a.origin}/api/health`)).status === 200);
  await admin(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
  await until(async () => (await fetch(`${a.origin}/api/ready`)).status === 200, 'readiness to come back');
  check('database back: /api/ready 200', true);

  // 7. A graceful stop: SIGTERM while a request is being served (an audit export, held by a lock on the audit table,
  // that records itself in the audit once it has read), which is answered whole and audited; then exit 0; the other
  // instance serves on.
  const locker = new pg.Client({ connectionString: url.toString() });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE');
  const exported = fetch(`${a.origin}/api/audit/export`, { headers: { Cookie: session.join('; ') } });
  const lockWaits = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${dbName}' AND wait_event_type = 'Lock'`;
  await until(async () => (await admin(lockWaits)).rows[0].n > 0, 'the export to wait for the audit table');
  const exited = new Promise((resolve) => a.child.once('exit', (code) => resolve(code)));
  a.child.kill('SIGTERM');
  await until(async () => a.log().includes('"event":"shutdown_started"'), 'the stop to begin');
  await locker.query('COMMIT');
  await locker.end();
  const answer = await exported;
  const csv = await answer.text();
  check(
    'SIGTERM: the request being served is answered whole',
    answer.status === 200 && csv.includes('event_id') && csv.includes('sign_in'),
    `status ${answer.status}: ${csv.slice(0, 300)}`,
  );
  const code = await exited;
  check('SIGTERM: the instance stops gracefully with exit 0', code === 0, `exit ${code}\n${a.log().slice(-2000)}`);
  check('SIGTERM: it logged shutdown_done', a.log().includes('"event":"shutdown_done"'));
  check('the other instance is still ready', (await fetch(`${b.origin}/api/ready`)).status === 200);
  const audited = await admin(
    `SELECT count(*)::int AS n FROM audit_events WHERE action = 'audit.export'`,
    url.toString(),
  );
  check('SIGTERM: that request was audited before the exit', audited.rows[0].n === 1, `${audited.rows[0].n} rows`);

  // 8. An instance on the shared database without secrets in its environment refuses to start.
  const noSecrets = { ...shared };
  delete noSecrets.APP_ENCRYPTION_KEY;
  delete noSecrets.AUTH_SECRET;
  const refused = spawn(process.execPath, ['server.js'], {
    cwd: folder,
    env: { ...noSecrets, PORT: String(PORTS[0]), DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'oac-smoke-data-')) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(refused);
  let refusedLog = '';
  refused.stderr.on('data', (d) => (refusedLog += d));
  const refusedCode = await new Promise((resolve) => refused.once('exit', resolve));
  check(
    'without APP_ENCRYPTION_KEY and AUTH_SECRET on Postgres: exit 1 with the reason',
    refusedCode === 1 && refusedLog.includes('APP_ENCRYPTION_KEY and AUTH_SECRET are not set'),
    `exit ${refusedCode}`,
  );
  console.log(`\nstandalone smoke: ${checks.length} checks passed`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  for (const c of children) if (c.logTail) console.error(`\n--- the instance's last lines ---\n${c.logTail()}`);
  process.exitCode = 1;
} finally {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    // A pipe a surviving process still holds would keep this script alive: it is done with their output.
    c.stdout?.destroy();
    c.stderr?.destroy();
  }
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
  fs.rmSync(folder, { recursive: true, force: true });
}

import { openDatabase } from '@/db/client';
import { DEFAULT_SCOPES, parsePrivateKey, testConnection } from '@/lib/okta';
import { buildIsFresh } from '@/scripts/lib/build-state.mjs';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signIn, startConsole, type ConsoleServer } from './lib/console-server';
import { firstLoadJs, type RouteJs } from './lib/first-load-js';
import { load, type LoadResult } from './lib/load';
import { seedConsole, type PagesSeed } from './lib/pages-seed';
import { freshPgDatabase } from './lib/pg';
import { setLimits, startSimProcess, type SimProcess } from './lib/sim-process';
import { round, type Bench, type Cell, type Table } from './lib/table';

const ROOT = path.join(import.meta.dirname, '..');
const ADMIN = { email: 'bench-admin@example.com', password: 'bench-admin-password-1' };

type Size = {
  integrations: number;
  auditEvents: number;
  connections: number;
  seconds: number;
  users: number;
  groupMembers: number;
};
const FULL: Size = {
  integrations: 1_000,
  auditEvents: 100_000,
  connections: 20,
  seconds: 20,
  users: 5_000,
  groupMembers: 2_000,
};
const TINY: Size = { integrations: 50, auditEvents: 1_000, connections: 2, seconds: 1, users: 300, groupMembers: 120 };

type Dialect = { name: 'SQLite' | 'Postgres'; url: string; drop?: () => Promise<void> };

/** An API Services app as the setup wizard would leave it (Require DPoP on), plus a real connection report. */
async function oktaSide(sim: SimProcess) {
  await setLimits(sim, null);
  const { clientId } = await sim.control<{ clientId: string }>('POST', '/service-apps', {
    label: 'Access Console',
    dpopRequired: true,
    scopes: [...DEFAULT_SCOPES],
    roles: [{ type: 'USER_ADMIN' }, { type: 'APP_ADMIN' }],
  });
  const { kid, privateKeyPem } = await sim.control<{ kid: string; privateKeyPem: string }>(
    'POST',
    `/service-apps/${clientId}/keys`,
    {},
  );
  const parsed = parsePrivateKey(privateKeyPem, { kid });
  if (!parsed.ok) throw new Error('the simulator gave a key lib/okta cannot parse');
  const origins = [sim.origin, ...sim.aliasOrigins];
  const report = await testConnection(
    { domain: sim.origin, clientId, keyId: kid, privateKey: privateKeyPem, authMode: 'auto' },
    { allowedOrigins: origins },
  );
  if (!report.ok) throw new Error(`connection test against the simulator failed: ${JSON.stringify(report.problem)}`);
  const keyType = parsed.key.kty === 'RSA' ? `RSA ${parsed.key.bits ?? ''}-bit` : `EC ${parsed.key.curve ?? ''}`;
  return {
    origins,
    credentials: { clientId, kid, privateKeyPem, keyType, thumbprint: parsed.key.thumbprint },
    report: { value: report, grantedScopes: report.grantedScopes, dpop: report.dpop },
  };
}

type PageRow = LoadResult & {
  dialect: string;
  page: string;
  aloneMs: number;
  cpuMsPerRequest: number | null;
  htmlKiB: number;
  inlineKiB: number;
  load1: number;
};

type Prepared = { dialect: Dialect; dataDir: string; encryptionKey: Buffer; connectedId: string; seedSeconds: number };

/** A fresh database of the dialect, migrated and seeded; the caller removes it (cleanUp). */
async function prepare(
  dialect: Dialect,
  okta: Awaited<ReturnType<typeof oktaSide>>,
  size: Size,
  log: (line: string) => void,
): Promise<Prepared> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pages-'));
  const encryptionKey = randomBytes(32);
  const started = performance.now();
  const h = openDatabase({ url: dialect.url || undefined, dataDir });
  try {
    await h.migrate();
    const seed: PagesSeed = {
      integrations: size.integrations,
      auditEvents: size.auditEvents,
      ...okta,
      encryptionKey,
      admin: ADMIN,
    };
    const { connectedId } = await seedConsole(h, seed);
    const seedSeconds = (performance.now() - started) / 1000;
    log(
      `  ${dialect.name}: seeded ${size.integrations} integrations and ${size.auditEvents} audit events in ${seedSeconds.toFixed(1)} s`,
    );
    return { dialect, dataDir, encryptionKey, connectedId, seedSeconds };
  } finally {
    await h.close();
  }
}

const serve = (p: Prepared, okta: Awaited<ReturnType<typeof oktaSide>>) =>
  startConsole({
    DATA_DIR: p.dataDir,
    DATABASE_URL: p.dialect.url,
    APP_ENCRYPTION_KEY: p.encryptionKey.toString('base64'),
    AUTH_SECRET: randomBytes(32).toString('base64'),
    OKTA_ALLOWED_ORIGINS: okta.origins.join(','),
  });

async function measure(
  p: Prepared,
  server: ConsoleServer,
  sim: SimProcess,
  size: Size,
  log: (line: string) => void,
  withJs: boolean,
) {
  const rows: PageRow[] = [];
  let js: RouteJs[] = [];
  const name = p.dialect.name;
  const cookie = await signIn(server.origin, ADMIN.email, ADMIN.password);
  const headers = { cookie, 'accept-encoding': 'gzip' };
  const pages = [
    { page: '/integrations', path: '/integrations', expect: 'href="/integrations/int_' },
    {
      page: 'group page (simulator)',
      path: `/directory/${p.connectedId}/groups/${sim.bigGroupId}`,
      expect: 'Bench big group',
    },
    { page: '/audit (newest 50)', path: '/audit', expect: 'Newest events' },
    { page: '/audit?action=group.add_member', path: '/audit?action=group.add_member', expect: 'Newest events' },
  ];
  for (const page of pages) {
    // Warm once (compiles nothing in production, but fills caches: Okta token, action names), and check it is the real page.
    const warm = await fetch(`${server.origin}${page.path}`, { headers: { cookie }, redirect: 'manual' });
    const html = await warm.text();
    if (warm.status !== 200 || !html.includes(page.expect))
      throw new Error(
        `${page.page}: warm-up got ${warm.status} without "${page.expect}":\n${html.slice(0, 500)}\n${server.output().slice(-1_500)}`,
      );
    // One client alone, a few times in a row (median): what a single admin waits, without queueing.
    const alone: number[] = [];
    for (let i = 0; i < (size.connections > 2 ? 3 : 1); i++) {
      const started = performance.now();
      await (await fetch(`${server.origin}${page.path}`, { headers })).arrayBuffer();
      alone.push(performance.now() - started);
    }
    log(`  ${name} ${page.page}: ${size.connections} connections for ${size.seconds} s…`);
    const cpuBefore = server.cpuMs();
    const r = await load(`${server.origin}${page.path}`, {
      connections: size.connections,
      seconds: size.seconds,
      headers,
    });
    const cpuAfter = server.cpuMs();
    if (r.non2xx > 0 || r.errors > 0)
      log(
        `  !!! ${name} ${page.page}: ${r.non2xx} non-2xx responses and ${r.errors} errors (${r.statuses}) — these figures are not of the page`,
      );
    // Requests still in flight when the run ends used CPU too: divide by those completed, an upper bound.
    const cpuMsPerRequest =
      cpuBefore === null || cpuAfter === null || r.requests === 0 ? null : (cpuAfter - cpuBefore) / r.requests;
    alone.sort((a, b) => a - b);
    rows.push({
      dialect: name,
      page: page.page,
      aloneMs: alone[Math.floor(alone.length / 2)]!,
      ...r,
      cpuMsPerRequest,
      htmlKiB: Buffer.byteLength(html) / 1024,
      inlineKiB: inlineScriptBytes(html) / 1024,
      load1: os.loadavg()[0]!,
    });
  }
  if (withJs) {
    const cache = new Map<string, { raw: number; gzip: number }>();
    js = [await firstLoadJs(server.origin, '/sign-in', undefined, cache)];
    for (const page of pages.slice(0, 3))
      js.push({ ...(await firstLoadJs(server.origin, page.path, cookie, cache)), route: page.page });
  }
  return { rows, js };
}

// The RSC payload travels in inline <script>s beside the markup it describes.
const inlineScriptBytes = (html: string) =>
  [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
    (n, m) => n + Buffer.byteLength(m[1]!),
    0,
  );

const KiB = (n: number) => round(n / 1024, 1);

function jsTable(js: RouteJs[]): Table {
  // Scripts every route loads (framework, layout): the part a visit to a second page gets from the cache.
  const shared = js[0]!.chunks.filter((c) => js.every((r) => r.chunks.some((x) => x.src === c.src)));
  const sharedGzip = shared.reduce((s, c) => s + c.gzip, 0);
  return {
    title: 'First-load JS per route (every <script src> in the HTML, fetched from next start)',
    columns: ['route', 'status', 'scripts', 'raw KiB', 'gzip KiB', 'gzip KiB beyond the shared scripts'],
    rows: js.map((r) => [
      r.route,
      r.status,
      r.chunks.length,
      KiB(r.rawBytes),
      KiB(r.gzipBytes),
      KiB(r.gzipBytes - sharedGzip),
    ]),
    notes: [
      `${shared.length} scripts (${KiB(sharedGzip)} KiB gzip) are loaded by every route listed; gzip at zlib level 9; inline scripts (the RSC payload) not counted.`,
    ],
  };
}

/** Issue 7 item 5: the console's pages under load, on the production build, on SQLite and Postgres. */
export const consolePages: Bench = {
  name: 'console-pages',
  title: 'Console pages: next start under 20 concurrent clients, 100k audit rows, 1k integrations',
  async run({ tiny, log }) {
    const notes: string[] = [];
    // A build older than the sources is skipped, as in start-up; in a tree others edit while the build runs,
    // BENCH_ALLOW_STALE_BUILD=1 measures it anyway and says so. A missing build is always skipped.
    const hasBuild = fs.existsSync(path.join(ROOT, '.next/BUILD_ID'));
    if (!hasBuild || (!buildIsFresh(ROOT) && process.env.BENCH_ALLOW_STALE_BUILD !== '1')) {
      return {
        name: this.name,
        title: this.title,
        tables: [],
        notes: [
          'Skipped: .next/BUILD_ID is missing or older than the sources. Run `npm run build`, then this benchmark (it never builds: .next is shared).',
        ],
      };
    }
    if (!buildIsFresh(ROOT))
      notes.push(
        'The build is older than some sources (BENCH_ALLOW_STALE_BUILD=1): these figures are of the build, not of the newest sources.',
      );
    const size = tiny ? TINY : FULL;
    const sim = await startSimProcess({
      users: size.users,
      groups: tiny ? 10 : 60,
      apps: tiny ? 5 : 30,
      bigGroupMembers: size.groupMembers,
      bigGroupApps: 3,
      aliases: 7,
    });
    const rows: PageRow[] = [];
    const seedRows: Cell[][] = [];
    let js: RouteJs[] = [];
    const prepared: Prepared[] = [];
    const servers: ConsoleServer[] = [];
    let pgDialect: Dialect | string = 'Postgres skipped';
    try {
      const okta = await oktaSide(sim);
      const db = await freshPgDatabase('bench_pages', log);
      pgDialect = typeof db === 'string' ? db : { name: 'Postgres', ...db };
      if (typeof pgDialect === 'string') notes.push(pgDialect);
      for (const d of [{ name: 'SQLite' as const, url: '' }, ...(typeof pgDialect === 'string' ? [] : [pgDialect])]) {
        const p = await prepare(d, okta, size, log);
        prepared.push(p);
        seedRows.push([d.name, size.integrations, size.auditEvents, round(p.seedSeconds, 1)]);
      }
      // Both servers start at once (start-up is most of tiny mode's time); the idle one costs next to no CPU.
      const started = await Promise.allSettled(prepared.map((p) => serve(p, okta)));
      for (const r of started) if (r.status === 'fulfilled') servers.push(r.value);
      const failed = started.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      for (const [i, p] of prepared.entries()) {
        const r = await measure(p, servers[i]!, sim, size, log, i === 0);
        rows.push(...r.rows);
        if (r.js.length) js = r.js;
      }
      if (typeof pgDialect === 'string') seedRows.push(['Postgres', null, null, 'skipped (see the note)']);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      for (const p of prepared) fs.rmSync(p.dataDir, { recursive: true, force: true });
      if (typeof pgDialect !== 'string') await pgDialect.drop?.();
      await sim.stop();
    }
    const bad = rows.filter((r) => r.non2xx > 0 || r.errors > 0);
    if (bad.length)
      notes.push(
        `NON-2XX OR ERRORS on ${bad.map((r) => `${r.dialect} ${r.page} (${r.statuses}, ${r.errors} errors)`).join('; ')}: those rows do not measure the page.`,
      );
    return {
      name: this.name,
      title: this.title,
      tables: [
        {
          title: `Server response time, ${size.connections} connections × ${size.seconds} s per page (signed-in admin, Accept-Encoding: gzip, until the last byte)`,
          columns: [
            'database',
            'page',
            'alone ms',
            'requests',
            'req/s',
            'p50 ms',
            'p95 ms',
            'max ms',
            'non-2xx',
            'errors',
            'server CPU ms/req',
            'HTML KiB',
            'of which inline scripts',
            'load avg 1m',
          ],
          rows: rows.map((r) => {
            // No response finished within the run: every one took longer than the run lasted.
            const ms = (v: number) => (r.requests === 0 ? `> ${size.seconds * 1000}` : round(v, 1));
            return [
              r.dialect,
              r.page,
              round(r.aloneMs, 1),
              r.requests,
              round(r.perSecond, 1),
              ms(r.p50Ms),
              ms(r.p95Ms),
              ms(r.maxMs),
              r.non2xx,
              r.errors,
              r.cpuMsPerRequest === null ? null : Math.round(r.cpuMsPerRequest),
              round(r.htmlKiB, 1),
              round(r.inlineKiB, 1),
              round(r.load1, 1),
            ];
          }),
          notes: [
            `Data: ${size.integrations} integrations (mixed statuses, ${1 + sim.aliasOrigins.length} domains of one simulated org), ${size.auditEvents} audit events over 180 days, 16 console users; group of ${size.groupMembers} members in a ${size.users}-user org, simulator rate limits out of reach.`,
            'alone: one request at a time before the run (median of 3; tiny: 1); server CPU ms/req: CPU the next start processes used during the run ÷ requests completed.',
            "The load generator, next start, the simulator and Postgres share this machine's cores.",
          ],
        },
        ...(js.length ? [jsTable(js)] : []),
        {
          title: 'Seeding (migrate + bulk insert, not part of the page figures)',
          columns: ['database', 'integrations', 'audit events', 'seconds'],
          rows: seedRows,
        },
      ],
      notes,
    };
  },
};

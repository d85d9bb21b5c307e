import type { FaultSpec } from '@/sim/okta';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  applyScenario,
  clearScenario,
  fullCell,
  fullWindows,
  groupTarget,
  measureBulk,
  type Scenario,
} from './lib/bulk';
import { bulkDrivers } from './lib/bulk-drivers';
import { serviceApp, type Credentials } from './lib/clients';
import { freshPgDatabase, pgQuery, type PgDatabase } from './lib/pg';
import { countsBetween, jsonLinesChild, startSimProcess, type SimProcess } from './lib/sim-process';
import { round, type Bench, type Cell } from './lib/table';

// Okta's groups bucket (Workforce: 500 a minute) and concurrency limit (75), at Okta's real 60-s window and at a
// window scaled down to 10 s (the same budget per window, ten times the pace), with 30 and 100 ms of latency.
const GROUPS_LIMIT = 500;
/** `shared`: also run with two console processes on one Postgres database, at the first (or tiny) size. */
type JobScenario = Scenario & { sizes: number[]; tinySizes: number[]; sdk: boolean; shared: boolean };
const limited = (
  windowMs: number,
  latencyMs: number,
  sizes: number[],
  tinySizes: number[],
  limit = GROUPS_LIMIT,
  shared = true,
): JobScenario => ({
  label: `${limit}/${windowMs / 1000}-s window, ${latencyMs} ms`,
  limits: { buckets: { groups: limit }, windowMs, concurrencyLimit: 75 },
  latencyMs,
  sizes,
  tinySizes,
  sdk: true,
  shared,
});
const FAULTS: FaultSpec[] = [
  { rateLimit: true, count: 40, method: 'PUT' },
  { status: 503, ratio: 0.1, method: 'PUT' },
  { drop: true, ratio: 0.05, method: 'PUT' },
];
const scenarios: JobScenario[] = [
  limited(60_000, 100, [1_000], []),
  limited(10_000, 30, [1_000, 10_000], []),
  limited(10_000, 100, [1_000, 10_000], []),
  limited(2_000, 30, [], [60], 20),
  // Faults on the writes (issue 13's fault row): a streak of 40 429s, 10% answered 503, 5% dropped connections.
  {
    ...limited(10_000, 100, [1_000], [], GROUPS_LIMIT, false),
    label: `${GROUPS_LIMIT}/10-s window, 100 ms, faults`,
    faults: FAULTS,
    sdk: false,
  },
  { ...limited(2_000, 30, [], [60], 20, false), label: '20/2-s window, 30 ms, faults', faults: FAULTS, sdk: false },
  { label: 'no limit, 30 ms', limits: null, latencyMs: 30, sizes: [1_000], tinySizes: [50], sdk: false, shared: false },
];

type ChildResult = {
  previewMs: number;
  confirmMs: number;
  runMs: number;
  workerStartedAt: number;
  workerEndedAt: number;
  unresolved: number;
  previewCounts: { pending: number; skipped: number };
  counts?: { succeeded: number; failed: number; skipped: number; pending: number; total: number };
  status?: string;
};

type HelperResult = { workerStartedAt: number; workerEndedAt: number };

/** A console process running lib/jobs, talking JSON lines (bench/lib/jobs-child.ts). */
const jobsChild = (env: NodeJS.ProcessEnv, input: object) => jsonLinesChild('lib/jobs-child.ts', input, 'job', env);

/**
 * One bulk job of N adds; the simulator referees what landed. One console process with its own SQLite data dir,
 * or (`pg`) `processes` console processes on one Postgres database: the first previews and confirms, then all
 * run workers until the job is done.
 */
async function runJob(
  sim: SimProcess,
  creds: Credentials,
  scenario: Scenario,
  userIds: string[],
  shared?: { pg: PgDatabase; processes: number },
) {
  const { id: groupId } = await sim.control<{ id: string }>('POST', '/groups', { name: `Bench jobs ${Date.now()}` });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-jobs-'));
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: shared?.pg.url ?? '',
    APP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    OKTA_ALLOWED_ORIGINS: creds.origin,
    LOG_LEVEL: 'warn',
  };
  const lead = jobsChild(env, { creds, groupId, userIds });
  const helpers = Array.from({ length: (shared?.processes ?? 1) - 1 }, () =>
    jobsChild(env, { creds, groupId, userIds: [], helper: true }),
  );
  try {
    await Promise.all([lead, ...helpers].map((c) => c.next<{ ready: true }>()));
    await applyScenario(sim, scenario);
    const before = await sim.stats();
    lead.say('go');
    await lead.next<{ confirmed: true }>();
    helpers.forEach((h) => h.say('go'));
    const r = await lead.next<ChildResult>();
    const others = await Promise.all(helpers.map((h) => h.next<HelperResult>()));
    const from = Math.min(r.workerStartedAt, ...others.map((o) => o.workerStartedAt));
    const to = Math.max(r.workerEndedAt, ...others.map((o) => o.workerEndedAt));
    const full = await fullWindows(sim, 'groups', from, to);
    const counts = countsBetween(before, await sim.stats());
    await clearScenario(sim);
    const members = new Set(await sim.control<string[]>('GET', `/groups/${groupId}/member-ids`));
    const landed = userIds.filter((u) => members.has(u)).length;
    const byProcess = shared
      ? (
          await pgQuery<{ n: string }>(
            shared.pg.url,
            `select count(*) as n from bulk_job_items where job_id = (select id from bulk_jobs order by created_at desc limit 1) group by claimed_by order by n desc`,
          )
        ).map((x) => Number(x.n))
      : [userIds.length];
    return {
      r,
      writeMs: to - from,
      full,
      landed,
      byProcess,
      tokens: counts.tokenRequests,
      calls: counts.apiCalls,
      rateLimited: counts.rateLimited,
      doubled: Math.max(0, counts.mutations('assignUserToGroup') - landed),
    };
  } finally {
    [lead, ...helpers].forEach((c) => c.stop());
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

type JobRun = Awaited<ReturnType<typeof runJob>>;

/** What every table reports of a run's writes: the windows, the 429s and calls, and what the simulator holds after. */
const OUTCOME_COLUMNS = ['full windows min–mean (n)', '429 %', 'token reqs', 'API calls', 'failed', 'doubled'];
/** The columns of a job's write phase and its outcome, and their cells for one run of `n` adds (`writeMs` long). */
const WRITE_COLUMNS = ['write s', 'of limit (write)', ...OUTCOME_COLUMNS, 'job failed rows'];
function writeCells(scenario: Scenario, n: number, run: JobRun, writeMs: number): Cell[] {
  const windowMs = scenario.limits?.windowMs ?? 60_000;
  const limit = scenario.limits?.buckets.groups ?? 1;
  return [
    round(writeMs / 1000, 1),
    scenario.limits ? `${Math.round((run.landed / (writeMs / windowMs) / limit) * 100)}%` : null,
    scenario.limits ? fullCell(run.full) : null,
    round((run.rateLimited / Math.max(1, run.calls)) * 100, 2),
    run.tokens,
    run.calls,
    n - run.landed,
    run.doubled,
    run.r.counts?.failed ?? null,
  ];
}

/** Task 2 of issue 7 item 1: the same adds through the console's bulk jobs (preview → confirm → worker). */
export const bulkJobs: Bench = {
  name: 'bulk-jobs',
  title: 'Bulk membership through the job runner: preview → confirm → worker',
  async run({ tiny, log }) {
    // BENCH_JOBS=<text>: only the scenarios whose label contains it.
    const only = process.env.BENCH_JOBS;
    // BENCH_JOBS_SHARED=1: only the runs with two console processes.
    const sharedOnly = process.env.BENCH_JOBS_SHARED === '1';
    const chosen = scenarios.filter((sc) => !only || sc.label.includes(only));
    const largest = Math.max(...chosen.flatMap((sc) => (tiny ? sc.tinySizes : sc.sizes)));
    const sim = await startSimProcess({ users: Math.round(largest * 1.4), groups: 10, apps: 2 });
    const rows: Cell[][] = [];
    const sdkRows: Cell[][] = [];
    const sharedRows: Cell[][] = [];
    const pgDb = chosen.some((sc) => sc.shared) ? await freshPgDatabase('bench_jobs', log) : 'no scenario runs shared';
    /** N adds through one console process (SQLite). */
    const single = async (scenario: JobScenario, creds: Credentials, n: number, users: string[]) => {
      log(`  ${scenario.label}, N=${n}, job runner…`);
      const run = await runJob(sim, creds, scenario, users);
      const { r } = run;
      log(
        `    preview ${(r.previewMs / 1000).toFixed(1)} s, worker ${(r.runMs / 1000).toFixed(1)} s, ${n - run.landed} failed, ${run.rateLimited} 429s`,
      );
      rows.push([scenario.label, n, round(r.previewMs / 1000, 1), ...writeCells(scenario, n, run, r.runMs)]);
    };
    try {
      const creds = await serviceApp(sim);
      for (const scenario of chosen) {
        for (const n of tiny ? scenario.tinySizes : scenario.sizes) {
          const users = sim.userIds.slice(0, n);
          if (users.length < n) throw new Error(`the seed has ${users.length} ACTIVE users, fewer than ${n}`);
          if (!sharedOnly) await single(scenario, creds, n, users);
          if (scenario.shared) {
            if (typeof pgDb === 'string') continue;
            log(`  ${scenario.label}, N=${n}, two console processes on one Postgres…`);
            const two = await runJob(sim, creds, scenario, users, { pg: pgDb, processes: 2 });
            log(`    worker ${(two.writeMs / 1000).toFixed(1)} s, ${n - two.landed} failed, ${two.rateLimited} 429s`);
            sharedRows.push([
              scenario.label,
              n,
              ...writeCells(scenario, n, two, two.writeMs),
              two.byProcess.join(' / '),
            ]);
          }
          if (sharedOnly || !scenario.sdk || n > 1_000) continue;
          const sdk = bulkDrivers(creds, n, {
            ours: (c, g, u) => c.groups.addMember(g, u),
            sdk: (c, g, u) => c.groupApi.assignUserToGroup({ groupId: g, userId: u }),
          }).filter((d) => d.label.startsWith('SDK') && !(tiny && d.label === 'SDK sequential'));
          for (const driver of sdk) {
            log(`  ${scenario.label}, N=${n}, ${driver.label}…`);
            const b = await measureBulk(sim, scenario, groupTarget, driver, users);
            sdkRows.push([
              scenario.label,
              driver.label,
              n,
              round(b.wallMs / 1000, 1),
              b.ofLimit === null ? null : `${Math.round(b.ofLimit * 100)}%`,
              fullCell(b.full),
              round((b.rateLimited / Math.max(1, b.apiCalls)) * 100, 2),
              b.tokenRequests,
              b.apiCalls,
              b.failed,
              b.doubled,
            ]);
          }
        }
      }
    } finally {
      await sim.stop();
      if (typeof pgDb !== 'string') await pgDb.drop();
    }
    return {
      name: this.name,
      title: this.title,
      tables: [
        {
          title: `Add N users to a fresh group as a bulk job (logins pasted; SQLite; the groups bucket at ${GROUPS_LIMIT} a window, concurrency limit 75; product defaults)`,
          columns: ['scenario', 'N', 'preview s', ...WRITE_COLUMNS],
          rows,
          notes: [
            'Goal (issue 13): ≥ 95% of the limit in every full window, ≤ 1% of requests answered 429, 0 failed, 0 doubled, one token.',
            "preview: parse, batched user search, the group's members read once, rows stored. write: the worker from start to idle, every row recorded with its audit event.",
            "of limit (write): members landed per window of write time ÷ the limit. full windows: the simulator's groups windows that began and ended inside the write phase, each one's requests let through ÷ the limit (min–mean, count).",
            "failed and doubled come from the simulator's state; job failed rows from the job; 429 % of every API call in the run (preview included).",
          ],
        },
        {
          title:
            'The same job with two console processes on one Postgres database (the first previews and confirms; both run workers)',
          columns: ['scenario', 'N', ...WRITE_COLUMNS, 'rows by process'],
          rows: sharedRows,
          notes: [
            'Goal (issue 13): ≥ 90% of the limit in every full window, ≤ 1% of requests answered 429, 0 failed, 0 doubled. The processes share the budget through Postgres (rate_limit_peers); each fetches its own token.',
            ...(typeof pgDb === 'string' ? [pgDb] : []),
          ],
        },
        {
          title:
            'The official SDK on the same adds and limits (assignUserToGroup; sequential, and chunks of 50 with Promise.allSettled)',
          columns: ['scenario', 'client', 'N', 'wall s', 'of limit', ...OUTCOME_COLUMNS],
          rows: sdkRows,
        },
      ],
      notes: [],
    };
  },
};

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
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
import { countsBetween, nodeChild, startSimProcess, type SimProcess } from './lib/sim-process';
import { round, type Bench, type Cell } from './lib/table';

// Okta's groups bucket (Workforce: 500 a minute) and concurrency limit (75), at Okta's real 60-s window and at a
// window scaled down to 10 s (the same budget per window, ten times the pace), with 30 and 100 ms of latency.
const GROUPS_LIMIT = 500;
type JobScenario = Scenario & { sizes: number[]; tinySizes: number[]; sdk: boolean };
const limited = (
  windowMs: number,
  latencyMs: number,
  sizes: number[],
  tinySizes: number[],
  limit = GROUPS_LIMIT,
): JobScenario => ({
  label: `${limit}/${windowMs / 1000}-s window, ${latencyMs} ms`,
  limits: { buckets: { groups: limit }, windowMs, concurrencyLimit: 75 },
  latencyMs,
  sizes,
  tinySizes,
  sdk: true,
});
const scenarios: JobScenario[] = [
  limited(60_000, 100, [1_000], []),
  limited(10_000, 30, [1_000, 10_000], []),
  limited(10_000, 100, [1_000, 10_000], []),
  limited(2_000, 30, [], [60], 20),
  { label: 'no limit, 30 ms', limits: null, latencyMs: 30, sizes: [1_000], tinySizes: [50], sdk: false },
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

/** Lines of JSON from a child, one at a time. */
function jsonLines(lines: AsyncIterator<string>) {
  return async <T>(): Promise<T> => {
    const line: IteratorResult<string> = await lines.next();
    if (line.done) throw new Error('the job child exited before answering');
    return JSON.parse(line.value) as T;
  };
}

/** One bulk job of N adds, in a child with its own SQLite data dir; the simulator referees what landed. */
async function runJob(sim: SimProcess, creds: Credentials, scenario: Scenario, userIds: string[]) {
  const { id: groupId } = await sim.control<{ id: string }>('POST', '/groups', { name: `Bench jobs ${Date.now()}` });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-jobs-'));
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    APP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    OKTA_ALLOWED_ORIGINS: creds.origin,
    LOG_LEVEL: 'warn',
  };
  const child = nodeChild('lib/jobs-child.ts', [], { stdin: 'pipe', env });
  // A child that dies early (e.g. lib/jobs failing to load) closes its stdin: report that, not an EPIPE crash.
  child.stdin!.on('error', () => undefined);
  const next = jsonLines(createInterface({ input: child.stdout! })[Symbol.asyncIterator]());
  child.stdin!.write(`${JSON.stringify({ creds, groupId, userIds })}\n`);
  try {
    await next<{ ready: true }>();
    await applyScenario(sim, scenario);
    const before = await sim.stats();
    child.stdin!.write('go\n');
    const r = await next<ChildResult>();
    const full = await fullWindows(sim, 'groups', r.workerStartedAt, r.workerEndedAt);
    const counts = countsBetween(before, await sim.stats());
    await clearScenario(sim);
    const members = new Set(await sim.control<string[]>('GET', `/groups/${groupId}/member-ids`));
    const landed = userIds.filter((u) => members.has(u)).length;
    return {
      r,
      full,
      landed,
      tokens: counts.tokenRequests,
      calls: counts.apiCalls,
      rateLimited: counts.rateLimited,
      doubled: Math.max(0, counts.mutations('assignUserToGroup') - landed),
    };
  } finally {
    child.stdin!.end();
    child.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Task 2 of issue 7 item 1: the same adds through the console's bulk jobs (preview → confirm → worker). */
export const bulkJobs: Bench = {
  name: 'bulk-jobs',
  title: 'Bulk membership through the job runner: preview → confirm → worker',
  async run({ tiny, log }) {
    // BENCH_JOBS=<text>: only the scenarios whose label contains it.
    const only = process.env.BENCH_JOBS;
    const chosen = scenarios.filter((sc) => !only || sc.label.includes(only));
    const largest = Math.max(...chosen.flatMap((sc) => (tiny ? sc.tinySizes : sc.sizes)));
    const sim = await startSimProcess({ users: Math.round(largest * 1.4), groups: 10, apps: 2 });
    const rows: Cell[][] = [];
    const sdkRows: Cell[][] = [];
    try {
      const creds = await serviceApp(sim);
      for (const scenario of chosen) {
        for (const n of tiny ? scenario.tinySizes : scenario.sizes) {
          const users = sim.userIds.slice(0, n);
          if (users.length < n) throw new Error(`the seed has ${users.length} ACTIVE users, fewer than ${n}`);
          log(`  ${scenario.label}, N=${n}, job runner…`);
          const job = await runJob(sim, creds, scenario, users);
          const { r, full, landed, tokens, calls, rateLimited, doubled } = job;
          const windowMs = scenario.limits?.windowMs ?? 60_000;
          const limit = scenario.limits?.buckets.groups ?? 1;
          const writeWindows = r.runMs / windowMs;
          log(
            `    preview ${(r.previewMs / 1000).toFixed(1)} s, worker ${(r.runMs / 1000).toFixed(1)} s, ${n - landed} failed, ${rateLimited} 429s`,
          );
          rows.push([
            scenario.label,
            n,
            round(r.previewMs / 1000, 1),
            round(r.runMs / 1000, 1),
            scenario.limits ? `${Math.round((landed / writeWindows / limit) * 100)}%` : null,
            scenario.limits ? fullCell(full) : null,
            round((rateLimited / Math.max(1, calls)) * 100, 2),
            tokens,
            calls,
            n - landed,
            doubled,
            r.counts?.failed ?? null,
          ]);
          if (!scenario.sdk || n > 1_000) continue;
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
    }
    return {
      name: this.name,
      title: this.title,
      tables: [
        {
          title: `Add N users to a fresh group as a bulk job (logins pasted; SQLite; the groups bucket at ${GROUPS_LIMIT} a window, concurrency limit 75; product defaults)`,
          columns: [
            'scenario',
            'N',
            'preview s',
            'write s',
            'of limit (write)',
            'full windows min–mean (n)',
            '429 %',
            'token reqs',
            'API calls',
            'failed',
            'doubled',
            'job failed rows',
          ],
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
            'The official SDK on the same adds and limits (assignUserToGroup; sequential, and chunks of 50 with Promise.allSettled)',
          columns: [
            'scenario',
            'client',
            'N',
            'wall s',
            'of limit',
            'full windows min–mean (n)',
            '429 %',
            'token reqs',
            'API calls',
            'failed',
            'doubled',
          ],
          rows: sdkRows,
        },
      ],
      notes: [],
    };
  },
};

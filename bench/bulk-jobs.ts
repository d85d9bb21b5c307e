import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { applyScenario, bulkScenarios, clearScenario, pace, PACE_COLUMNS, paceCells, type Scenario } from './lib/bulk';
import { serviceApp, type Credentials } from './lib/clients';
import { countsBetween, nodeChild, startSimProcess, type SimProcess } from './lib/sim-process';
import { round, type Bench, type Cell } from './lib/table';

// Same scenarios as bulk-membership.
const scenarios = bulkScenarios('groups', 1_000);

type ChildResult = {
  previewMs: number;
  confirmMs: number;
  runMs: number;
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
    const counts = countsBetween(before, await sim.stats());
    await clearScenario(sim);
    const members = new Set(await sim.control<string[]>('GET', `/groups/${groupId}/member-ids`));
    const landed = userIds.filter((u) => members.has(u)).length;
    return {
      r,
      landed,
      tokens: counts.tokenRequests,
      calls: counts.apiCalls,
      searches: counts.requests('GET /api/v1/users'),
      scanned: counts.itemsScanned,
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
    const sizes = tiny ? [50] : [1_000, 10_000];
    const sim = await startSimProcess({ users: Math.round(Math.max(...sizes) * 1.4), groups: 10, apps: 2 });
    const rows: Cell[][] = [];
    try {
      const creds = await serviceApp(sim);
      for (const n of sizes) {
        const users = sim.userIds.slice(0, n);
        if (users.length < n) throw new Error(`the seed has ${users.length} ACTIVE users, fewer than ${n}`);
        for (const scenario of scenarios) {
          log(`  ${scenario.label}, N=${n}, job runner…`);
          const { r, landed, tokens, calls, searches, scanned, rateLimited, doubled } = await runJob(
            sim,
            creds,
            scenario,
            users,
          );
          const totalMs = r.previewMs + r.confirmMs + r.runMs;
          log(
            `    preview ${(r.previewMs / 1000).toFixed(1)} s, worker ${(r.runMs / 1000).toFixed(1)} s, ${n - landed} failed, ${rateLimited} 429s`,
          );
          rows.push([
            scenario.label,
            n,
            round(r.previewMs / 1000, 1),
            round(r.runMs / 1000, 1),
            round(totalMs / 1000, 1),
            ...paceCells(pace(scenario, 'groups', landed, totalMs)),
            rateLimited,
            tokens,
            calls,
            n - landed,
            doubled,
            r.counts?.failed ?? null,
            r.unresolved,
            searches,
            scanned,
          ]);
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
          title:
            'Add N users to a fresh group as a bulk job (logins pasted; SQLite; worker defaults: lib/okta concurrency 8, window 16)',
          columns: [
            'scenario',
            'N',
            'preview s',
            'worker s',
            'total s',
            ...PACE_COLUMNS,
            'job failed rows',
            'unresolved lines',
            'user searches',
            'sim items scanned',
          ],
          rows,
          notes: [
            "preview: parse, batched user search, the group's members read once, rows stored; worker: from start to idle (every row recorded with its audit event). Confirm is in total s.",
            "landed/min and of limit are over total s; failed and doubled come from the simulator's state, job failed rows from the job.",
            "user searches: GET /api/v1/users calls (the preview's batched search); sim items scanned: index entries the simulator visited for list calls.",
          ],
        },
      ],
      notes: [],
    };
  },
};

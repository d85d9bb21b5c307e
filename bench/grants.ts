import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { applyScenario, clearScenario, fullCell, fullWindows, type Scenario } from './lib/bulk';
import { serviceApp, type Credentials } from './lib/clients';
import { countsBetween, nodeChild, startSimProcess, type SimProcess } from './lib/sim-process';
import { percentile, round, type Bench, type Cell } from './lib/table';

// Issue 15: time-bound grants ending, taken back by the console's expiry worker. (a) N grants ending at the same
// instant, under Okta's groups bucket at a scaled window: how fast the worker takes them all back and how close
// it gets to the limit; (b) grants whose ends are spread over a minute, at Okta's real limits: how long after its
// end each one is taken back.
type GrantScenario = Scenario & {
  n: number;
  /** From the run's start to the first end; the grants are stored meanwhile. */
  firstEndInMs: number;
  /** All due at the run's start; the worker starts once they are stored. */
  dueBeforeWorker: boolean;
  /** The ends are spread evenly over this long (0: all at once). */
  spreadMs: number;
};

const GROUPS_LIMIT = 500;
// A diagnosis, not a product setting: BENCH_GRANTS_IN_FLIGHT=<n> runs a worker with n grants in flight instead of
// the product's start-up worker (64 across integrations, each integration's sized by its limiter), and
// BENCH_GRANTS_N=<n> sets the size of (a).
const IN_FLIGHT = Number(process.env.BENCH_GRANTS_IN_FLIGHT) || undefined;
const BURST_N = Number(process.env.BENCH_GRANTS_N) || 10_000;
/** BENCH_GRANTS=burst or spread: only (a) or only (b). */
const ONLY = process.env.BENCH_GRANTS;
const burst = (n: number, limit: number, windowMs: number): GrantScenario => ({
  label: `${n.toLocaleString('en-US')} at once, groups ${limit}/${windowMs / 1000}-s window, 30 ms${IN_FLIGHT ? `, ${IN_FLIGHT} in flight` : ''}`,
  limits: { buckets: { groups: limit }, windowMs, concurrencyLimit: 75 },
  latencyMs: 30,
  n,
  firstEndInMs: 0,
  spreadMs: 0,
  dueBeforeWorker: true,
});
const spread = (n: number, spreadMs: number, firstEndInMs: number): GrantScenario => ({
  label: `${n} over ${spreadMs / 1000} s, Okta's limits (60-s window), 30 ms`,
  limits: { buckets: {}, windowMs: 60_000, concurrencyLimit: 75 },
  latencyMs: 30,
  n,
  firstEndInMs,
  spreadMs,
  dueBeforeWorker: false,
});

type GrantEndRow = {
  endsAt: number;
  endedAt: number | null;
  state: string;
  outcome: string | null;
  attempts: number;
};
type ChildResult = {
  audited: number;
  startedAt: number;
  insertedAt: number;
  workerStartedAt: number;
  firstEnd: number;
  doneAt: number;
  cpuMs: number;
  grants: GrantEndRow[];
};

/** One console process (bench/lib/grants-child.ts) with a fresh SQLite data dir, until every grant has ended. */
async function runGrants(
  sim: SimProcess,
  creds: Credentials,
  scenario: GrantScenario,
  groupId: string,
  users: string[],
) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-grants-'));
  const child = nodeChild('lib/grants-child.ts', [], {
    stdin: 'pipe',
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      APP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      OKTA_ALLOWED_ORIGINS: creds.origin,
      LOG_LEVEL: 'warn',
    },
  });
  child.stdin!.on('error', () => undefined);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async <T>(): Promise<T> => {
    const line = await lines.next();
    if (line.done) throw new Error('the grants child exited before answering');
    return JSON.parse(line.value) as T;
  };
  try {
    child.stdin!.write(
      `${JSON.stringify({ creds, groupId, userIds: users, firstEndInMs: scenario.firstEndInMs, spreadMs: scenario.spreadMs, dueBeforeWorker: scenario.dueBeforeWorker, maxInFlight: IN_FLIGHT })}\n`,
    );
    await next<{ ready: true }>();
    await applyScenario(sim, scenario);
    const before = await sim.stats();
    const simCpuBefore = sim.cpuMs();
    child.stdin!.write('go\n');
    const r = await next<ChildResult>();
    const simCpuAfter = sim.cpuMs();
    const simCpuMs = simCpuBefore === null || simCpuAfter === null ? null : simCpuAfter - simCpuBefore;
    const ended = r.grants.map((g) => g.endedAt).filter((t): t is number => t !== null);
    const lastEnd = Math.max(...ended);
    // Every grant due and a worker running: from the shared end, or from the worker's start when it came later.
    const dueFrom = Math.max(r.firstEnd, r.workerStartedAt);
    const full = await fullWindows(sim, 'groups', dueFrom, lastEnd);
    const counts = countsBetween(before, await sim.stats());
    await clearScenario(sim);
    const members = new Set(await sim.control<string[]>('GET', `/groups/${groupId}/member-ids`));
    const removed = users.filter((u) => !members.has(u)).length;
    const outcomes = new Map<string, number>();
    for (const g of r.grants) {
      const key = `${g.state}${g.outcome ? ` ${g.outcome}` : ''}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    return {
      r,
      dueFrom,
      simCpuMs,
      ended,
      lastEnd,
      full,
      counts,
      removed,
      // Access given that is still there, or a grant that did not end.
      lost: users.length - removed + r.grants.filter((g) => g.state !== 'ended').length,
      // DELETEs that succeeded beyond the memberships removed; audit events beyond one per grant.
      doubled: Math.max(0, counts.mutations('unassignUserFromGroup') - removed) + Math.max(0, r.audited - users.length),
      retried: r.grants.filter((g) => g.attempts > 1).length,
      outcomes: [...outcomes].map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', '),
    };
  } finally {
    child.stdin!.end();
    child.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Adds each user to the group through the control plane (standing in for the grants' own writes). */
async function addMembers(sim: SimProcess, groupId: string, users: string[]) {
  const queue = [...users];
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let u = queue.shift(); u; u = queue.shift()) await sim.control('PUT', `/groups/${groupId}/users/${u}`);
    }),
  );
}

const s = (ms: number) => round(ms / 1000, 1);

export const grants: Bench = {
  name: 'grants',
  title: 'Time-bound grants: N ending at once, and the delay from end to revocation',
  async run({ tiny, log }) {
    const burstScenario = tiny ? burst(50, 20, 2_000) : burst(BURST_N, GROUPS_LIMIT, 10_000);
    const spreadScenario = tiny ? spread(10, 3_000, 2_000) : spread(100, 60_000, 5_000);
    // The burst's memberships are the seed's big group (added in the simulator's own process, fast).
    const sim = await startSimProcess({
      users: Math.round((burstScenario.n + spreadScenario.n) * 1.4),
      groups: 5,
      apps: 1,
      bigGroupMembers: burstScenario.n,
    });
    const burstRows: Cell[][] = [];
    const spreadRows: Cell[][] = [];
    try {
      const creds = await serviceApp(sim);
      if (ONLY !== 'spread') {
        const sc = burstScenario;
        log(`  ${sc.label}…`);
        const users = sim.userIds.slice(0, sc.n);
        const g = await runGrants(sim, creds, sc, sim.bigGroupId!, users);
        const windowMs = sc.limits!.windowMs;
        const limit = sc.limits!.buckets.groups!;
        const revokeMs = g.lastEnd - g.dueFrom;
        log(`    all ended ${s(revokeMs)} s after their end, ${g.lost} lost, ${g.doubled} doubled`);
        burstRows.push([
          sc.label,
          sc.n,
          s(g.r.insertedAt - g.r.startedAt),
          s(Math.min(...g.ended) - g.dueFrom),
          s(revokeMs),
          `${Math.round((g.removed / (revokeMs / windowMs) / limit) * 100)}%`,
          fullCell(g.full),
          g.counts.rateLimited,
          round((g.counts.rateLimited / Math.max(1, g.counts.apiCalls)) * 100, 2),
          g.counts.tokenRequests,
          g.counts.apiCalls,
          g.lost,
          g.doubled,
          g.retried,
          round(g.r.cpuMs / sc.n, 2),
          `${Math.round((g.r.cpuMs / (g.r.doneAt - g.r.insertedAt)) * 100)}%`,
          g.simCpuMs === null ? null : `${Math.round((g.simCpuMs / (g.r.doneAt - g.r.startedAt)) * 100)}%`,
          g.outcomes,
        ]);
      }
      if (ONLY !== 'burst') {
        const sc = spreadScenario;
        log(`  ${sc.label}…`);
        const users = sim.userIds.slice(burstScenario.n, burstScenario.n + sc.n);
        const { id: groupId } = await sim.control<{ id: string }>('POST', '/groups', { name: 'Bench grants spread' });
        await addMembers(sim, groupId, users);
        const g = await runGrants(sim, creds, sc, groupId, users);
        const delays = g.r.grants
          .filter((x) => x.endedAt !== null)
          .map((x) => x.endedAt! - x.endsAt)
          .sort((a, b) => a - b);
        log(`    delay median ${s(percentile(delays, 50))} s, max ${s(delays.at(-1)!)} s, ${g.lost} lost`);
        spreadRows.push([
          sc.label,
          sc.n,
          s(g.r.insertedAt - g.r.startedAt),
          s(delays[0]!),
          s(percentile(delays, 50)),
          s(percentile(delays, 95)),
          s(delays.at(-1)!),
          g.counts.rateLimited,
          g.counts.apiCalls,
          g.lost,
          g.doubled,
          g.outcomes,
        ]);
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
            'N grants ending at the same instant (a group membership each; SQLite; the expiry worker with its defaults; every bucket at its Workforce value per scaled window, the groups bucket as given, concurrency limit 75)',
          columns: [
            'scenario',
            'N',
            'store s',
            'first ended after s',
            'all ended after s',
            'of limit',
            'full windows min–mean (n)',
            '429s',
            '429 %',
            'token reqs',
            'API calls',
            'lost',
            'doubled',
            'retried',
            'console CPU ms/grant',
            'console CPU',
            'simulator CPU',
            'grants by state and outcome',
          ],
          rows: burstRows,
          notes: [
            'Goal (issue 15): revoked at the rate-limit ceiling with 0 lost and 0 doubled.',
            'store s: the grants stored (lib/grants insertGrant, one statement each), all ending at the instant storing began; the expiry worker starts once they are stored (a console starting up with all of them due).',
            "first / all ended after: from the worker's start to the first and the last grant recorded as ended. of limit: memberships removed per window of that time ÷ the groups limit.",
            "full windows: the simulator's groups windows that began and ended between the worker's start and the last end, each one's requests let through ÷ the limit.",
            "lost: granted memberships still in the group (the simulator's state) plus grants not ended. doubled: DELETEs that succeeded beyond the memberships removed, plus audit events beyond one per grant. retried: grants claimed more than once.",
            "console CPU: the console process's user + system CPU from the grants stored to the last end, per grant and as a share of one core over that time. simulator CPU: the simulator process's, as a share of one core from the run's start (storing included) to the last end. Both processes share the machine's cores with whatever else runs.",
            ...(IN_FLIGHT
              ? [
                  `Diagnosis (BENCH_GRANTS_IN_FLIGHT): a worker with ${IN_FLIGHT} grants in flight, not the product's start-up worker.`,
                ]
              : []),
          ],
        },
        {
          title:
            "Grants whose ends are spread evenly over a minute: the delay from each grant's end to its recorded revocation (Okta's Workforce limits at the real 60-s window)",
          columns: [
            'scenario',
            'N',
            'store s',
            'min delay s',
            'median s',
            'p95 s',
            'max s',
            '429s',
            'API calls',
            'lost',
            'doubled',
            'grants by state and outcome',
          ],
          rows: spreadRows,
          notes: [
            "Goal (issue 15): a due grant revoked within 60 s of its end. The worker runs as in production (startProcessExpiryWorker: a pass every 5 s when idle, claims sized by the integration's limiter); the delay is its grant's recorded end (after Okta's DELETE and the audit) minus the grant's end.",
          ],
        },
      ],
      notes: [],
    };
  },
};

import type { BucketName, FaultSpec, SimStats, WindowRecord } from '@/sim/okta';
import { serviceApp, type Credentials } from './clients';
import { countsBetween, setLimits, startSimProcess, type Limits, type SimProcess } from './sim-process';
import { round, type Cell, type Table } from './table';

/** `faults`: the simulator's injected faults (before the latency, which applies to every other call). */
export type Scenario = { label: string; limits: Limits; latencyMs: number; faults?: FaultSpec[] };

/** What a bulk benchmark writes into: a fresh group or app per run, and how to count what landed. */
export type BulkTarget = {
  bucket: BucketName;
  writeOp: string;
  create(sim: SimProcess): Promise<string>;
  landed(sim: SimProcess, targetId: string, userIds: string[]): Promise<number>;
};

/** A fresh group per run; members counted from the simulator's state. */
export const groupTarget: BulkTarget = {
  bucket: 'groups',
  writeOp: 'assignUserToGroup',
  create: async (sim) =>
    (await sim.control<{ id: string }>('POST', '/groups', { name: `Bench ${Date.now()} ${Math.random()}` })).id,
  landed: async (sim, groupId, userIds) => {
    const members = new Set(await sim.control<string[]>('GET', `/groups/${groupId}/member-ids`));
    return userIds.filter((u) => members.has(u)).length;
  },
};

/** How full a bucket's windows were between two times (epoch ms): only windows wholly inside count. */
export type FullWindows = { count: number; min: number | null; mean: number | null };

export async function fullWindows(sim: SimProcess, bucket: BucketName, from: number, to: number): Promise<FullWindows> {
  const all = await sim.control<WindowRecord[]>('GET', '/rate-limit-windows');
  const shares = all
    .filter((w) => w.bucket === bucket && w.start >= from && w.start + w.windowMs <= to)
    .map((w) => w.accepted / w.limit);
  return {
    count: shares.length,
    min: shares.length ? Math.min(...shares) : null,
    mean: shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null,
  };
}

const pct = (x: number | null) => (x === null ? null : `${Math.round(x * 100)}%`);

/** "min–mean (windows)" of the full windows, or – when the run fit in less than one. */
export const fullCell = (f: FullWindows): Cell => (f.count === 0 ? null : `${pct(f.min)}–${pct(f.mean)} (${f.count})`);

export type Driver = {
  label: string;
  run(targetId: string, userIds: string[]): Promise<{ failed: number; firstError?: string }>;
};

export type BulkRow = {
  scenario: string;
  client: string;
  n: number;
  wallMs: number;
  oktaMinutes: number;
  writesPerMin: number;
  ofLimit: number | null;
  rateLimited: number;
  tokenRequests: number;
  apiCalls: number;
  /** The bucket's windows that began and ended inside the run: how full each one was. */
  full: FullWindows;
  failed: number;
  doubled: number;
  errorsThrown: number;
  firstError?: string;
};

/** Sets the scenario's limits (fresh windows, so each run sees the same budget) and its latency. */
export async function applyScenario(sim: SimProcess, scenario: Scenario): Promise<void> {
  await setLimits(sim, scenario.limits);
  await sim.control('DELETE', '/faults');
  // The simulator applies the first fault that matches a call: the others before the latency, which matches all.
  if (scenario.faults) await sim.control('POST', '/faults', scenario.faults);
  if (scenario.latencyMs > 0) await sim.control('POST', '/faults', { latencyMs: scenario.latencyMs });
}

export async function clearScenario(sim: SimProcess): Promise<void> {
  await sim.control('DELETE', '/faults');
  await setLimits(sim, null);
}

/**
 * The two scenarios of the bulk benchmarks: (a) one bucket at `limit` per time-compressed window (one
 * WINDOW_MS window stands for one Okta minute) with Okta's concurrency limit, and (b) no limit. Latency is not scaled.
 */
export const WINDOW_MS = 5_000;
export const LATENCY_MS = 50;
export function bulkScenarios(bucket: BucketName, limit: number): Scenario[] {
  return [
    {
      label: `(a) ${limit.toLocaleString('en-US')}/min + conc. 75`,
      limits: { buckets: { [bucket]: limit }, windowMs: WINDOW_MS, concurrencyLimit: 75 },
      latencyMs: LATENCY_MS,
    },
    { label: '(b) no limit', limits: null, latencyMs: LATENCY_MS },
  ];
}

/** `landed` writes in `wallMs`, in the scenario's (possibly compressed) minutes and as a share of the bucket's limit. */
export function pace(scenario: Scenario, bucket: BucketName, landed: number, wallMs: number) {
  const oktaMinutes = wallMs / (scenario.limits?.windowMs ?? 60_000);
  const limit = scenario.limits?.buckets[bucket];
  return { oktaMinutes, perMin: landed / oktaMinutes, ofLimit: limit ? landed / oktaMinutes / limit : null };
}

/** `pace` as table cells: Okta-min, landed/min, of limit. */
export const paceCells = (p: ReturnType<typeof pace>): Cell[] => [
  round(p.oktaMinutes, 2),
  Math.round(p.perMin),
  p.ofLimit === null ? null : `${Math.round(p.ofLimit * 100)}%`,
];

/** One driver over `userIds` under one scenario, with the simulator's own counts as the referee. */
export async function measureBulk(
  sim: SimProcess,
  scenario: Scenario,
  target: BulkTarget,
  driver: Driver,
  userIds: string[],
): Promise<BulkRow> {
  const targetId = await target.create(sim);
  await applyScenario(sim, scenario);
  const before: SimStats = await sim.stats();
  const startedAt = Date.now();
  const started = performance.now();
  const outcome = await driver.run(targetId, userIds);
  const wallMs = performance.now() - started;
  const full = await fullWindows(sim, target.bucket, startedAt, Date.now());
  const after: SimStats = await sim.stats();
  await clearScenario(sim);

  const landed = await target.landed(sim, targetId, userIds);
  const counts = countsBetween(before, after);
  const { oktaMinutes, perMin, ofLimit } = pace(scenario, target.bucket, landed, wallMs);
  return {
    scenario: scenario.label,
    client: driver.label,
    n: userIds.length,
    wallMs,
    oktaMinutes,
    writesPerMin: perMin,
    ofLimit,
    rateLimited: counts.rateLimited,
    tokenRequests: counts.tokenRequests,
    apiCalls: counts.apiCalls,
    full,
    failed: userIds.length - landed,
    doubled: Math.max(0, counts.mutations(target.writeOp) - landed),
    errorsThrown: outcome.failed,
    firstError: outcome.firstError,
  };
}

/** Every driver at every size under every scenario, on one simulator seeded for the largest size. */
export async function measureAll(opts: {
  sizes: number[];
  seed: { groups: number; apps: number; extraUsers?: number };
  scenarios: Scenario[];
  target: BulkTarget;
  drivers: (creds: Credentials, n: number) => Driver[];
  log: (line: string) => void;
}): Promise<BulkRow[]> {
  // About 15% of seeded users are not ACTIVE; 1.4× leaves enough active ones for the largest run.
  const users = Math.round(Math.max(...opts.sizes) * 1.4) + (opts.seed.extraUsers ?? 0);
  const sim = await startSimProcess({ users, groups: opts.seed.groups, apps: opts.seed.apps });
  const rows: BulkRow[] = [];
  try {
    const creds = await serviceApp(sim);
    for (const n of opts.sizes) {
      const userIds = sim.userIds.slice(0, n);
      for (const scenario of opts.scenarios) {
        for (const driver of opts.drivers(creds, n)) {
          opts.log(`  ${scenario.label}, N=${n}, ${driver.label}…`);
          const row = await measureBulk(sim, scenario, opts.target, driver, userIds);
          opts.log(
            `    ${(row.wallMs / 1000).toFixed(1)} s, ${row.failed} failed, ${row.doubled} doubled, ${row.rateLimited} 429s`,
          );
          rows.push(row);
        }
      }
    }
  } finally {
    await sim.stop();
  }
  return rows;
}

export const OURS = 'ours (concurrency 8)';

/** The first error of each row that had one, for a table's notes. */
export const firstErrors = (rows: BulkRow[]) =>
  rows.filter((r) => r.firstError).map((r) => `${r.client}, ${r.scenario}, N=${r.n}: first error "${r.firstError}"`);

/** A bulk benchmark's tables: every row, then ours/theirs at concurrency 8 and 50. */
export function bulkTables(name: string, title: string, rows: BulkRow[], notes: string[]): Table[] {
  return [
    { title, columns: BULK_COLUMNS, rows: rows.map(bulkCells), notes: [...notes, ...firstErrors(rows)] },
    ratioTable(`${name}, ours/theirs (wall time; below 1× = ours faster)`, rows, OURS),
    ratioTable(`${name}, ours at concurrency 50 / theirs`, rows, 'ours (concurrency 50)'),
  ];
}

/** The columns of `paceCells`, then what the simulator counted and what it holds afterwards. */
export const PACE_COLUMNS = [
  'Okta-min',
  'landed/min',
  'of limit',
  '429s',
  'token reqs',
  'API calls',
  'failed',
  'doubled',
];
const BULK_COLUMNS = ['scenario', 'client', 'N', 'wall s', ...PACE_COLUMNS, 'full windows', 'errors thrown'];

function bulkCells(r: BulkRow): Cell[] {
  return [
    r.scenario,
    r.client,
    r.n,
    round(r.wallMs / 1000, 1),
    ...paceCells({ oktaMinutes: r.oktaMinutes, perMin: r.writesPerMin, ofLimit: r.ofLimit }),
    r.rateLimited,
    r.tokenRequests,
    r.apiCalls,
    r.failed,
    r.doubled,
    fullCell(r.full),
    r.errorsThrown,
  ];
}

/** ours/theirs wall time per scenario and size (below 1 = ours faster), next to what each left undone. */
function ratioTable(title: string, rows: BulkRow[], ours: string): Table {
  const out: Cell[][] = [];
  for (const r of rows) {
    if (r.client === ours || !r.client.startsWith('SDK')) continue;
    const o = rows.find((x) => x.client === ours && x.scenario === r.scenario && x.n === r.n);
    if (!o) continue;
    out.push([
      r.scenario,
      r.n,
      `${ours} / ${r.client}`,
      `${round(o.wallMs / r.wallMs, 2)}×`,
      o.failed + o.doubled,
      r.failed + r.doubled,
    ]);
  }
  return {
    title,
    columns: ['scenario', 'N', 'compared', 'wall time ratio', 'ours failed+doubled', 'theirs failed+doubled'],
    rows: out,
  };
}

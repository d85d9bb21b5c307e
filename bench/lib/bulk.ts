import type { BucketName, SimStats, WindowRecord } from '@/sim/okta';
import type { SimProcess } from './sim-process';
import { round, type Cell, type Table } from './table';

export type Scenario = {
  label: string;
  /** Per-window limits of the simulator (other buckets keep Workforce values); null = every limit out of reach. */
  limits: null | { buckets: Partial<Record<BucketName, number>>; windowMs: number; concurrencyLimit: number };
  latencyMs: number;
};

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

/** How full a bucket's windows were between two times (epoch ms): only windows wholly inside count. */
export type FullWindows = { count: number; min: number | null; mean: number | null; rejected: number };

export async function fullWindows(sim: SimProcess, bucket: BucketName, from: number, to: number): Promise<FullWindows> {
  const all = await sim.control<WindowRecord[]>('GET', '/rate-limit-windows');
  const inside = all.filter((w) => w.bucket === bucket && w.start >= from && w.start + w.windowMs <= to);
  const shares = inside.map((w) => w.accepted / w.limit);
  return {
    count: inside.length,
    min: shares.length ? Math.min(...shares) : null,
    mean: shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null,
    rejected: inside.reduce((a, w) => a + w.requests - w.accepted, 0),
  };
}

const pct = (x: number | null) => (x === null ? null : `${Math.round(x * 100)}%`);

/** "min–mean (windows)" of the full windows, or – when the run fit in less than one. */
export const fullCell = (f: FullWindows): Cell => (f.count === 0 ? null : `${pct(f.min)}–${pct(f.mean)} (${f.count})`);

// With limits switched off the simulator still sends Workforce X-Rate-Limit-* headers, which lib/okta paces by;
// "no limit" therefore means every bucket (and the concurrency limit) set out of reach.
const NO_LIMIT = 1_000_000_000;
const ALL_BUCKETS: BucketName[] = [
  'token',
  'apps',
  'appById',
  'groups',
  'groupById',
  'users',
  'userGet',
  'userWrite',
  'apiDefault',
];

export async function setLimits(sim: SimProcess, limits: Scenario['limits']): Promise<void> {
  const buckets = limits?.buckets ?? Object.fromEntries(ALL_BUCKETS.map((b) => [b, NO_LIMIT]));
  await sim.control('PUT', '/rate-limits', {
    config: { buckets, windowMs: limits?.windowMs ?? 60_000 },
    concurrencyLimit: limits?.concurrencyLimit ?? NO_LIMIT,
  });
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
const delta = (a: Record<string, number>, b: Record<string, number>, key: string) => (a[key] ?? 0) - (b[key] ?? 0);

/** One driver over `userIds` under one scenario, with the simulator's own counts as the referee. */
export async function measureBulk(
  sim: SimProcess,
  scenario: Scenario,
  target: BulkTarget,
  driver: Driver,
  userIds: string[],
): Promise<BulkRow> {
  const targetId = await target.create(sim);
  // Setting the limits again also starts fresh windows, so each run sees the same budget.
  await setLimits(sim, scenario.limits);
  await sim.control('DELETE', '/faults');
  if (scenario.latencyMs > 0) await sim.control('POST', '/faults', { latencyMs: scenario.latencyMs });
  const before: SimStats = await sim.stats();
  const startedAt = Date.now();
  const started = performance.now();
  const outcome = await driver.run(targetId, userIds);
  const wallMs = performance.now() - started;
  const full = await fullWindows(sim, target.bucket, startedAt, Date.now());
  const after: SimStats = await sim.stats();
  await sim.control('DELETE', '/faults');
  await setLimits(sim, null);

  const landed = await target.landed(sim, targetId, userIds);
  const writes = delta(after.mutations, before.mutations, target.writeOp);
  const windowMs = scenario.limits?.windowMs ?? 60_000;
  const oktaMinutes = wallMs / windowMs;
  const limit = scenario.limits?.buckets[target.bucket];
  const tokenRequests = after.tokenRequests - before.tokenRequests;
  return {
    scenario: scenario.label,
    client: driver.label,
    n: userIds.length,
    wallMs,
    oktaMinutes,
    writesPerMin: landed / oktaMinutes,
    ofLimit: limit ? landed / oktaMinutes / limit : null,
    rateLimited: after.rateLimited - before.rateLimited,
    tokenRequests,
    apiCalls: sum(after.requests) - sum(before.requests) - tokenRequests,
    full,
    failed: userIds.length - landed,
    doubled: Math.max(0, writes - landed),
    errorsThrown: outcome.failed,
    firstError: outcome.firstError,
  };
}

export const BULK_COLUMNS = [
  'scenario',
  'client',
  'N',
  'wall s',
  'Okta-min',
  'landed/min',
  'of limit',
  'full windows',
  '429s',
  'token reqs',
  'API calls',
  'failed',
  'doubled',
  'errors thrown',
];

export function bulkCells(r: BulkRow): Cell[] {
  return [
    r.scenario,
    r.client,
    r.n,
    round(r.wallMs / 1000, 1),
    round(r.oktaMinutes, 2),
    Math.round(r.writesPerMin),
    pct(r.ofLimit),
    fullCell(r.full),
    r.rateLimited,
    r.tokenRequests,
    r.apiCalls,
    r.failed,
    r.doubled,
    r.errorsThrown,
  ];
}

/** ours/theirs wall time per scenario and size (below 1 = ours faster), next to what each left undone. */
export function ratioTable(title: string, rows: BulkRow[], ours: string): Table {
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

/** Test plumbing for bulk jobs: the simulator in-process, an integration in the test's database, a worker. */
import { db, schema } from '@/db';
import { simIntegration as sharedSimIntegration } from '@/lib/integrations/test-support/sim-integration';
import { startSimulator, type BucketName, type Simulator, type SimulatorOptions } from '@/sim/okta';
import { count, eq } from 'drizzle-orm';
import { spawn, type ChildProcess } from 'node:child_process';
import type { JobActor } from '../store';

export const ACTOR: JobActor = { type: 'user', id: 'usr_tester00000000000000', label: 'tester@example.com' };

// With limits off the simulator still sends Workforce X-Rate-Limit-* headers, which lib/okta paces by, so
// "no limits" means every bucket (and the concurrency limit) out of reach. A short window makes an injected 429's
// reset (X-Rate-Limit-Reset, which lib/okta waits for) come soon.
const OUT_OF_REACH = 1_000_000_000;
const BUCKETS: BucketName[] = [
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
export function noLimits(sim: Simulator, windowMs = 60_000): void {
  sim.control.setRateLimits(
    { buckets: Object.fromEntries(BUCKETS.map((b) => [b, OUT_OF_REACH])), windowMs },
    OUT_OF_REACH,
  );
}

export async function startSim(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ seed: 'empty', ...options });
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(sim.origin)) throw new Error(`refusing non-loopback simulator ${sim.origin}`);
  return sim;
}

/** An integration for a fresh service app of the simulator (all six scopes, both admin roles, DPoP on). */
export const simIntegration = (sim: Simulator, name?: string) =>
  sharedSimIntegration(sim, { name, createdBy: ACTOR.id });

/** `n` users named `${prefix}<i>@example.com`; returns their ids and logins in order. */
export function makeUsers(sim: Simulator, prefix: string, n: number): { id: string; login: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const login = `${prefix}${i}@example.com`;
    return { id: sim.control.createUser({ login, email: login, firstName: 'Bulk', lastName: `User ${i}` }).id, login };
  });
}

export const itemsOf = (jobId: string) =>
  db.select().from(schema.bulkJobItems).where(eq(schema.bulkJobItems.jobId, jobId)).orderBy(schema.bulkJobItems.seq);
export const jobRow = async (jobId: string) =>
  (await db.select().from(schema.bulkJobs).where(eq(schema.bulkJobs.id, jobId)))[0]!;

/** Starts worker-child.ts in a new process sharing this test's database and data directory (it inherits the env). */
export function spawnWorker(id: string, leaseMs: number): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'lib/jobs/test-support/worker-child.ts', id, String(leaseMs)],
    {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return child;
}

/** Resolves when the child has printed that its worker started. */
export const started = (child: ChildProcess) =>
  new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('started') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });

/**
 * Timeout of the tests that run thousands of rows through worker processes: ~15 s on an idle machine, several
 * times that on a busy shared one. It only stops a hung test; nothing asserts on timing.
 */
export const SLOW_TEST_MS = 180_000;

/** Polls `check` until it returns a value (not a timing assertion: the deadline only stops a hung test). */
export async function until<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  deadlineMs = 150_000,
): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const countByStatus = async (jobId: string) => {
  const rows = await db
    .select({ status: schema.bulkJobItems.status, n: count() })
    .from(schema.bulkJobItems)
    .where(eq(schema.bulkJobItems.jobId, jobId))
    .groupBy(schema.bulkJobItems.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<Record<string, number>>;
};

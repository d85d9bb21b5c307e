/** Test plumbing for bulk jobs: the simulator in-process, an integration in the test's database, a worker. */
import { db, schema } from '@/db';
import { simIntegration as sharedSimIntegration } from '@/lib/integrations/test-support/sim-integration';
import { LIMITS_OUT_OF_REACH, startSimulator, type Simulator, type SimulatorOptions } from '@/sim/okta';
import { and, count, eq, like } from 'drizzle-orm';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { previewBulkJob } from '../service';
import type { JobActor } from '../store';

export const ACTOR: JobActor = { type: 'user', id: 'usr_tester00000000000000', label: 'tester@example.com' };

/**
 * Every rate limit out of reach (lib/okta still paces by the headers a merely switched-off limiter sends). A short
 * window makes an injected 429's reset (X-Rate-Limit-Reset, which lib/okta waits for) come soon.
 */
export function noLimits(sim: Simulator, windowMs = LIMITS_OUT_OF_REACH.config.windowMs): void {
  sim.control.setRateLimits({ ...LIMITS_OUT_OF_REACH.config, windowMs }, LIMITS_OUT_OF_REACH.concurrencyLimit);
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

/**
 * The set-up of a preview's every case: `n` users, a group that already holds the second, and two users who share
 * the email `${prefix}shared@example.com` (logins `${prefix}twin1@…` and `${prefix}twin2@…`), so it is ambiguous.
 */
export function previewCases(sim: Simulator, prefix: string, groupName: string, n: number) {
  const users = makeUsers(sim, prefix, n);
  const group = sim.control.createGroup({ name: groupName }).id;
  sim.control.addMember(group, users[1]!.id);
  const shared = `${prefix}shared@example.com`;
  const twins = [1, 2].map((i) => `${prefix}twin${i}@example.com`);
  twins.forEach((login, i) =>
    sim.control.createUser({ login, email: shared, firstName: 'Twin', lastName: i === 0 ? 'One' : 'Two' }),
  );
  return { users, group, shared, twins };
}

/**
 * A new integration, `n` new users and a new group, and a previewed job adding them (listed by login or id): the
 * set-up of the tests that run one big job.
 */
export async function previewAddJob(
  sim: Simulator,
  opts: { group: string; prefix: string; n: number; by?: 'login' | 'id' },
) {
  const integrationId = await simIntegration(sim);
  const ctx = { integrationId, actor: ACTOR };
  const users = makeUsers(sim, opts.prefix, opts.n);
  const group = sim.control.createGroup({ name: opts.group }).id;
  const preview = await previewBulkJob(ctx, {
    kind: 'group.add_member',
    targetId: group,
    text: users.map((u) => u[opts.by ?? 'login']).join('\n'),
  });
  if (!preview.ok) throw new Error(preview.error);
  return { ctx, users, group, jobId: preview.job.id, job: preview.job };
}

/** The details of the audit events a job's rows of `action` recorded. */
export async function jobAuditDetails<T>(jobId: string, action: string): Promise<T[]> {
  const rows = await db
    .select({ detail: schema.auditEvents.detail })
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.action, action), like(schema.auditEvents.detail, `%"jobId":"${jobId}"%`)));
  return rows.map((r) => JSON.parse(r.detail!) as T);
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
 * The suite of a test that runs worker processes on one database: a simulator with no limits for the whole file,
 * and `start(ids, leaseMs)`, which spawns one worker per id and resolves once each has started. Every worker it
 * started is killed (SIGKILL) after the file, before the simulator closes.
 */
export function workerProcesses() {
  const children: ChildProcess[] = [];
  let sim: Simulator | undefined;
  beforeAll(async () => {
    sim = await startSim();
    noLimits(sim);
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await sim?.close();
  });
  return {
    get sim(): Simulator {
      if (!sim) throw new Error('the simulator starts in beforeAll');
      return sim;
    },
    async start(ids: string[], leaseMs: number): Promise<ChildProcess[]> {
      const workers = ids.map((id) => spawnWorker(id, leaseMs));
      children.push(...workers);
      await Promise.all(workers.map(started));
      return workers;
    },
  };
}

/**
 * Timeout of the tests that run thousands of rows through worker processes: ~15 s on an idle machine, several
 * times that on a busy shared one. It only stops a hung test; nothing asserts on timing.
 */
export const SLOW_TEST_MS = 180_000;

/**
 * A query that met a connection Postgres had just ended (a test ending every connection, as a failover does): the
 * pool drops that connection, and the next poll gets a fresh one.
 */
const endedConnection = (err: unknown): boolean =>
  err instanceof Error &&
  ((err.cause as { code?: string } | undefined)?.code === '57P01' || /Connection terminated/.test(err.message));

/**
 * Polls `check` until it returns a value (not a timing assertion: the deadline only stops a hung test). A poll that
 * met an ended connection counts as "not yet".
 */
export async function until<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  deadlineMs = 150_000,
): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = await check().catch((err: unknown) => {
      if (endedConnection(err)) return undefined;
      throw err;
    });
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

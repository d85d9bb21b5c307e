import type { Simulator } from '@/sim/okta';
import { pgAdmin } from '@/test/pg-admin';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JobWorker } from './worker';

// Postgres ends every connection of the worker's database three times in the middle of a job (as a
// restart or a failover does): results being recorded at that moment are written again or, failing that,
// their rows are taken back by the same worker once their lease expires. Every row is done exactly once.
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});

const h = await import('./test-support/harness');
const svc = await import('./service');
const { startWorker } = await import('./worker');

const ROWS = 600;
let sim: Simulator;
let worker: JobWorker | undefined;

beforeAll(async () => {
  sim = await h.startSim();
  h.noLimits(sim);
});
afterAll(async () => {
  await worker?.stop();
  await sim?.close();
});

/** Ends every connection to this test's database but the caller's (the test database only). */
async function terminateAll(): Promise<number> {
  const database = new URL(process.env.DATABASE_URL!).pathname.slice(1);
  const r = await pgAdmin((c) =>
    c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
      database,
    ]),
  );
  return r.rowCount ?? 0;
}

describe.runIf(process.env.VITEST_DB === 'pg')('a job whose database connections are ended midway', () => {
  it(
    'finishes with every row done exactly once',
    async () => {
      const { ctx, users, group, jobId } = await h.previewAddJob(sim, { group: 'DB loss', prefix: 'dbloss.', n: ROWS });
      expect((await svc.confirmBulkJob(ctx, jobId)).ok).toBe(true);
      sim.control.faults({ latencyMs: 5, method: 'PUT' });

      worker = startWorker({ id: 'dbloss', leaseMs: 1_500, pollMs: 20 });
      let ended = 0;
      for (const share of [0.25, 0.5, 0.75]) {
        await h.until(
          async () => ((await h.countByStatus(jobId)).succeeded ?? 0) >= ROWS * share,
          `${share * 100}% of the rows`,
        );
        ended += await terminateAll();
      }
      expect(ended).toBeGreaterThan(0);
      await h.until(async () => (await h.jobRow(jobId)).status === 'done' || undefined, 'the job to finish');

      const rows = await h.itemsOf(jobId);
      expect(rows.filter((r) => r.status !== 'succeeded')).toEqual([]);
      const seqs = (await h.jobAuditDetails<{ seq: number }>(jobId, 'group.add_member')).map((a) => a.seq);
      expect(seqs).toHaveLength(ROWS);
      expect(new Set(seqs).size).toBe(ROWS);
      expect(sim.control.getGroupMemberIds(group).sort()).toEqual(users.map((u) => u.id).sort());
      // A row is sent again only when it was taken back after its result could not be written.
      const resent = rows.reduce((n, r) => n + r.attempts - 1, 0);
      expect(sim.control.stats().mutations.assignUserToGroup ?? 0).toBeLessThanOrEqual(ROWS + resent);
    },
    h.SLOW_TEST_MS,
  );
});

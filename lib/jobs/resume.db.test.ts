import type { Simulator } from '@/sim/okta';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { JobWorker } from './worker';

// A bulk job of 2,000 rows whose worker process is killed midway (SIGKILL, no chance to clean up) and
// resumed by a new worker: no row lost, none finished twice, Okta's state exactly the list.
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});

const h = await import('./test-support/harness');
const { SLOW_TEST_MS } = h;
const svc = await import('./service');
const { startWorker } = await import('./worker');

const ROWS = 2_000;
const LEASE_MS = 2_000;
let sim: Simulator;
let resumed: JobWorker | undefined;
let first: ChildProcess | undefined;

beforeAll(async () => {
  sim = await h.startSim();
  h.noLimits(sim);
});
afterAll(async () => {
  first?.kill('SIGKILL');
  await resumed?.stop();
  await sim?.close();
});

it(
  'a bulk job of 2,000 rows killed midway and resumed with no row lost or doubled',
  async () => {
    const { ctx, users, group, jobId, job } = await h.previewAddJob(sim, {
      group: 'Resume',
      prefix: 'resume.',
      n: ROWS,
    });
    expect(job.counts.pending).toBe(ROWS);
    expect((await svc.confirmBulkJob(ctx, jobId)).ok).toBe(true);
    // A little latency per write keeps the first worker busy long enough to be killed in the middle.
    sim.control.faults({ latencyMs: 3, method: 'PUT' });

    first = h.spawnWorker('first', LEASE_MS);
    await h.started(first);
    await h.until(async () => ((await h.countByStatus(jobId)).succeeded ?? 0) >= ROWS / 4, 'a quarter of the rows');
    const killed = first;
    killed.kill('SIGKILL');
    await new Promise((r) => killed.once('exit', r));
    const atKill = await h.countByStatus(jobId);
    const inFlightAtKill = atKill.running ?? 0;
    expect(atKill.succeeded).toBeLessThan(ROWS);
    expect(atKill.pending).toBeGreaterThan(0);

    resumed = startWorker({ id: 'resumed', leaseMs: LEASE_MS, pollMs: 20 });
    await h.until(async () => (await h.jobRow(jobId)).status === 'done' || undefined, 'the job to finish');

    const rows = await h.itemsOf(jobId);
    expect(rows).toHaveLength(ROWS);
    expect(rows.every((r) => r.status === 'succeeded' && r.outcome === 'added' && r.finishedAt !== null)).toBe(true);
    // Only the rows in flight at the kill were claimed twice; they and only they went to the new worker a second time.
    const reclaimed = rows.filter((r) => r.attempts > 1);
    expect(reclaimed.length).toBe(inFlightAtKill);
    expect(reclaimed.every((r) => r.attempts === 2 && r.claimedBy === 'resumed')).toBe(true);
    expect(rows.filter((r) => r.attempts === 1)).toHaveLength(ROWS - inFlightAtKill);
    // Each row recorded exactly once: one audit event per row (written in the same transaction as its result).
    const audit = await h.jobAuditDetails<{ seq: number; worker: string }>(jobId, 'group.add_member');
    const seqs = audit.map((a) => a.seq);
    expect(seqs).toHaveLength(ROWS);
    expect(new Set(seqs).size).toBe(ROWS);
    const workers = new Set(audit.map((a) => a.worker));
    expect(workers).toEqual(new Set(['first', 'resumed']));

    expect(sim.control.getGroupMemberIds(group).sort()).toEqual(users.map((u) => u.id).sort());
    // Every row is sent by the one worker that records it, except rows in flight at the kill: their PUT may
    // have reached Okta before the kill and is sent again after the lease expires (safe: PUT is idempotent).
    const writes = sim.control.stats().mutations.assignUserToGroup ?? 0;
    expect(writes).toBeGreaterThanOrEqual(ROWS);
    expect(writes).toBeLessThanOrEqual(ROWS + inFlightAtKill);
  },
  SLOW_TEST_MS,
);

import type { ChildProcess } from 'node:child_process';
import { expect, it, vi } from 'vitest';

// Two console processes on one Postgres database share a job of 2,000 rows; one is sent SIGTERM in the middle, as a
// deploy does. It stops claiming, lets its calls in flight end and records them, hands back what it still held, and
// exits 0; the other finishes the job. Every row is done exactly once, and the hand-over needs no lease to expire:
// the leases here last ten minutes, far beyond the test's deadline.
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});

const { handle } = await import('@/db');
const h = await import('./test-support/harness');
const { SLOW_TEST_MS } = h;
const svc = await import('./service');

const ROWS = 2_000;
const LEASE_MS = 600_000;
const procs = h.workerProcesses();

it.runIf(handle.dialect === 'pg')(
  'SIGTERM mid-job: the stopped instance finishes its calls and hands the rest over at once, every row done once',
  async () => {
    const sim = procs.sim;
    const { ctx, users, group, jobId } = await h.previewAddJob(sim, {
      group: 'Graceful stop',
      prefix: 'graceful.',
      n: ROWS,
      by: 'id',
    });
    // Latency on each write keeps rows in flight when the signal comes.
    sim.control.faults({ latencyMs: 20, method: 'PUT' });
    const [alpha] = (await procs.start(['alpha', 'beta'], LEASE_MS)) as [ChildProcess, ChildProcess];
    expect((await svc.confirmBulkJob(ctx, jobId)).ok).toBe(true);

    const doneBy = async (worker: string) =>
      (await h.itemsOf(jobId)).filter((r) => r.claimedBy === worker && r.status === 'succeeded').length;
    await h.until(async () => (await doneBy('alpha')) >= 100, 'alpha to record 100 rows');
    const exited = new Promise<number | null>((resolve) => alpha.once('exit', resolve));
    alpha.kill('SIGTERM');
    expect(await exited).toBe(0);

    // Alpha holds nothing once it has exited: each row it claimed is recorded or back to pending.
    const atExit = await h.itemsOf(jobId);
    expect(atExit.filter((r) => r.status === 'running' && r.claimedBy === 'alpha')).toEqual([]);
    expect(atExit.filter((r) => r.status === 'pending').length).toBeGreaterThan(0);
    const alphaRows = atExit.filter((r) => r.claimedBy === 'alpha').length;

    await h.until(async () => (await h.jobRow(jobId)).status === 'done' || undefined, 'beta to finish the job');
    const rows = await h.itemsOf(jobId);
    expect(rows.every((r) => r.status === 'succeeded' && r.outcome === 'added')).toBe(true);
    // Alpha's recorded rows are still its own; beta did every other row.
    expect(rows.filter((r) => r.claimedBy === 'alpha')).toHaveLength(alphaRows);
    expect(rows.filter((r) => r.claimedBy === 'beta')).toHaveLength(ROWS - alphaRows);
    // Exactly once: one audit event per row, by the worker that holds it, and one write per row in Okta.
    const audit = await h.jobAuditDetails<{ seq: number; worker: string }>(jobId, 'group.add_member');
    expect(audit).toHaveLength(ROWS);
    const bySeq = new Map(rows.map((r) => [r.seq, r.claimedBy]));
    for (const a of audit) expect(a.worker).toBe(bySeq.get(a.seq));
    expect(sim.control.stats().mutations.assignUserToGroup).toBe(ROWS);
    expect(sim.control.getGroupMemberIds(group).sort()).toEqual(users.map((u) => u.id).sort());
  },
  SLOW_TEST_MS,
);

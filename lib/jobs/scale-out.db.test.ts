import { and, eq } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';

// Two console processes serving one Postgres database share a job: each row is claimed by exactly one of
// them (FOR UPDATE SKIP LOCKED).
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});

const { db, handle, schema } = await import('@/db');
const h = await import('./test-support/harness');
const { SLOW_TEST_MS } = h;
const svc = await import('./service');

const ROWS = 600;
const procs = h.workerProcesses();

// Scale-out is a Postgres deployment (SQLite serves one process), so this runs in the postgres project.
it.runIf(handle.dialect === 'pg')(
  'two worker processes on one Postgres database share a job with no row done twice',
  async () => {
    const sim = procs.sim;
    const { ctx, users, group, jobId } = await h.previewAddJob(sim, {
      group: 'Scale out',
      prefix: 'scale.',
      n: ROWS,
      by: 'id',
    });
    // Latency on each write keeps both workers busy at once rather than one finishing before the other starts.
    sim.control.faults({ latencyMs: 5, method: 'PUT' });
    // Long leases: no row may be taken over, so a second claim of any row would be a bug.
    await procs.start(['alpha', 'beta'], 120_000);
    expect((await svc.confirmBulkJob(ctx, jobId)).ok).toBe(true);
    await h.until(async () => (await h.jobRow(jobId)).status === 'done' || undefined, 'the job to finish');

    const rows = await h.itemsOf(jobId);
    expect(rows.every((r) => r.status === 'succeeded' && r.attempts === 1)).toBe(true);
    const byRow = new Map<number, string[]>();
    for (const d of await h.jobAuditDetails<{ seq: number; worker: string }>(jobId, 'group.add_member'))
      byRow.set(d.seq, [...(byRow.get(d.seq) ?? []), d.worker]);
    // Every row recorded once, by the worker that claimed it.
    expect(byRow.size).toBe(ROWS);
    for (const r of rows) expect(byRow.get(r.seq)).toEqual([r.claimedBy]);
    const perWorker = {
      alpha: rows.filter((r) => r.claimedBy === 'alpha').length,
      beta: rows.filter((r) => r.claimedBy === 'beta').length,
    };
    expect(perWorker.alpha + perWorker.beta).toBe(ROWS);
    expect(perWorker.alpha).toBeGreaterThan(0);
    expect(perWorker.beta).toBeGreaterThan(0);
    expect(sim.control.stats().mutations.assignUserToGroup).toBe(ROWS);
    // The processes told each other about their calls in the groups bucket (they share its budget): this one,
    // whose preview read the group's members, and the two workers.
    const peers = await db
      .selectDistinct({ processId: schema.rateLimitPeers.processId })
      .from(schema.rateLimitPeers)
      .where(
        and(eq(schema.rateLimitPeers.integrationId, ctx.integrationId), eq(schema.rateLimitPeers.bucket, 'groups')),
      );
    expect(peers).toHaveLength(3);
    expect(sim.control.getGroupMemberIds(group).sort()).toEqual(users.map((u) => u.id).sort());
  },
  SLOW_TEST_MS,
);

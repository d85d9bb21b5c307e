import 'server-only';

import { db, dbReady, handle, schema } from '@/db';
import type { KindId } from '@/lib/access/kinds';
import { auditRow, type AuditInput } from '@/lib/audit';
import { closeGrantsTakenBack, grantInJob, type NewGrant } from '@/lib/grants/store';
import { claimAtomically, pickedRows } from '@/lib/leases/claim';
import { and, asc, eq, gt, inArray, isNull, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import { jobStateChanged, noItemsIn, type ItemRow, type JobRow } from './store';

// How workers share items. A claim sets status running + claimedBy + claimedAt (the lease) in one
// statement (lib/leases/claim.ts: on Postgres the rows are picked with FOR UPDATE SKIP LOCKED, so concurrent
// workers in other processes never pick the same row; on SQLite the statement runs inside the transaction mutex). A lease that is not renewed expires: that row's worker died,
// and any worker may claim it again (the resume path). Lease times come from each worker's clock, so
// console hosts need roughly synchronised clocks (the lease is far longer than any plausible skew).
const jobs = schema.bulkJobs;
const items = schema.bulkJobItems;

/** Jobs with work for a worker: queued/running ones, and cancelled ones whose in-flight rows are not recorded yet. */
export async function activeJobs(limit = 50): Promise<JobRow[]> {
  await dbReady();
  return db
    .select()
    .from(jobs)
    .where(or(inArray(jobs.status, ['queued', 'running']), and(eq(jobs.status, 'cancelled'), isNull(jobs.finishedAt))))
    .orderBy(asc(jobs.createdAt))
    .limit(limit);
}

export async function markRunning(jobId: string): Promise<void> {
  const [job] = await db
    .update(jobs)
    .set({ status: 'running', updatedAt: new Date() })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, 'queued')))
    .returning();
  if (job) jobStateChanged(job, 'queued');
}

/**
 * Claims up to `n` rows of a job, lowest seq first: pending rows, and running rows whose lease expired,
 * this worker's own included (it lost the row when recording its result failed). `running` lists the rows
 * this worker still has in flight: one whose renewal was late is not taken twice.
 */
export async function claimItems(
  jobId: string,
  workerId: string,
  n: number,
  leaseMs: number,
  running: string[] = [],
): Promise<ItemRow[]> {
  const now = new Date();
  const expired = and(eq(items.status, 'running'), lt(items.claimedAt, new Date(now.getTime() - leaseMs)));
  const claimable = and(
    eq(items.jobId, jobId),
    or(
      // A row handed back after a transient failure waits until its next try is due.
      and(eq(items.status, 'pending'), or(isNull(items.notBefore), lte(items.notBefore, now))),
      running.length > 0 ? and(expired, notInArray(items.id, running)) : expired,
    ),
    // Never rows of a preview (not confirmed) job.
    inArray(
      items.jobId,
      db
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.id, jobId), inArray(jobs.status, ['queued', 'running', 'cancelled']))),
    ),
  );
  const pick = db.select({ id: items.id }).from(items).where(claimable).orderBy(asc(items.seq)).limit(n);
  return claimAtomically((tx) =>
    tx
      .update(items)
      // `claimable` again in the outer WHERE: Postgres re-checks it on the row version it locks.
      .set({ status: 'running', claimedBy: workerId, claimedAt: now, attempts: sql`${items.attempts} + 1` })
      .where(and(pickedRows(items.id, pick), claimable))
      .returning(),
  );
}

/** Extends the leases of rows this worker still has in flight. */
export async function renewLeases(workerId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(items)
    .set({ claimedAt: new Date() })
    .where(and(inArray(items.id, ids), eq(items.claimedBy, workerId), eq(items.status, 'running')));
}

/**
 * Gives a row back unfinished: pending again, for any worker to claim. With `retry` (a transient failure), not
 * before its next try, remembering when it first failed and why (the row shows it while it waits).
 */
export async function releaseItem(
  workerId: string,
  itemId: string,
  retry?: { notBefore: Date; failingSince: Date; message: string },
): Promise<void> {
  await db
    .update(items)
    .set({ status: 'pending', claimedBy: null, claimedAt: null, ...retry })
    .where(and(eq(items.id, itemId), eq(items.claimedBy, workerId), eq(items.status, 'running')));
}

/**
 * Gives rows back unfinished and at once, with no retry delay: a stopping worker whose calls did not end in time
 * (lib/leases/worker.ts).
 */
export async function releaseItems(workerId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(items)
    .set({ status: 'pending', claimedBy: null, claimedAt: null })
    .where(and(inArray(items.id, ids), eq(items.claimedBy, workerId), eq(items.status, 'running')));
}

/** Whether a queued or running job has rows handed back whose next try comes after `after`. */
export async function rowsWaiting(after: Date): Promise<boolean> {
  const waiting = await db
    .select({ id: items.id })
    .from(items)
    .where(
      and(
        eq(items.status, 'pending'),
        gt(items.notBefore, after),
        inArray(
          items.jobId,
          db
            .select({ id: jobs.id })
            .from(jobs)
            .where(inArray(jobs.status, ['queued', 'running'])),
        ),
      ),
    )
    .limit(1);
  return waiting.length > 0;
}

/** A row's result and its audit event, to record together; a landed row of a time-bound job, its grant. */
export type RowResult = {
  itemId: string;
  r: { status: 'succeeded' | 'failed'; outcome: string; message: string; requestId?: string };
  audit: AuditInput;
  grant?: NewGrant;
  /** The access a row of a removal kind takes away, whose open grant then ends. */
  taken?: { integrationId: string; kind: KindId; resourceId: string; memberId: string };
};

/**
 * Records rows' results and their audit events in one transaction, each only while this worker still holds its
 * claim: a worker whose lease was taken over records nothing for that row, so each row is finished (and audited)
 * exactly once, and repeating a batch whose commit went unanswered records nothing twice. Returns the rows recorded.
 */
export async function recordResults(workerId: string, results: RowResult[]): Promise<Set<string>> {
  if (results.length === 0) return new Set();
  return handle.transaction(async (tx) => {
    const recorded = new Set<string>();
    const finishedAt = new Date();
    for (const { itemId, r } of results) {
      const done = await tx
        .update(items)
        .set({
          status: r.status,
          outcome: r.outcome,
          message: r.message,
          oktaRequestId: r.requestId ?? null,
          finishedAt,
        })
        .where(and(eq(items.id, itemId), eq(items.claimedBy, workerId), eq(items.status, 'running')))
        .returning({ id: items.id });
      if (done.length > 0) recorded.add(itemId);
    }
    const audits: (typeof schema.auditEvents.$inferInsert)[] = [];
    for (const x of results.filter((x) => recorded.has(x.itemId))) {
      const row = auditRow(x.audit);
      audits.push(row);
      if (!x.grant) continue;
      // The row's grant, with the row (lib/grants): its audit event names the grant, the grant its audit event.
      const g = await grantInJob(tx, x.grant, row.id);
      row.detail = JSON.stringify({ ...x.audit.detail, grantId: g.id, endsAt: x.grant.endsAt.toISOString() });
      audits.push(...g.audits.map(auditRow));
    }
    // Rows that took access away end the open grants of that access (a bulk removal, an undo).
    for (const x of results.filter((x) => recorded.has(x.itemId) && x.r.status === 'succeeded' && x.taken)) {
      const { integrationId, kind, ...pair } = x.taken!;
      const closed = await closeGrantsTakenBack(tx, integrationId, kind, [pair], x.audit.actor, finishedAt);
      audits.push(...closed.map(auditRow));
    }
    if (audits.length > 0) await tx.insert(schema.auditEvents).values(audits);
    return recorded;
  });
}

/**
 * A running job with no pending or running row becomes done (a row waiting to retry is pending); a cancelled one gets its finish time once
 * its last in-flight row is recorded. One conditional statement each, so only one worker finishes a job.
 * Only `running` jobs finish: a retry puts the job back to `queued`, which this statement then skips.
 */
export async function finishIfDone(jobId: string): Promise<JobRow | undefined> {
  const now = new Date();
  const [done] = await db
    .update(jobs)
    .set({ status: 'done', finishedAt: now, updatedAt: now })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, 'running'), noItemsIn(jobId, ['pending', 'running'])))
    .returning();
  if (done) {
    jobStateChanged(done, 'running');
    return done;
  }
  await db
    .update(jobs)
    .set({ finishedAt: now, updatedAt: now })
    .where(
      and(eq(jobs.id, jobId), eq(jobs.status, 'cancelled'), isNull(jobs.finishedAt), noItemsIn(jobId, ['running'])),
    );
  return undefined;
}

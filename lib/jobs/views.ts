import 'server-only';

import { db, schema } from '@/db';
import { CHANGED_OUTCOMES } from '@/lib/access/kinds';
import { and, asc, count, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { ItemRow, JobRow } from './store';
import {
  type ItemOutcome,
  type ItemStatus,
  type JobCounts,
  type JobItemView,
  type JobItemsPage,
  type JobView,
  type UnresolvedLine,
} from './types';

// Jobs and rows as the console shows them: counts come from the rows, never stored twice.
const jobs = schema.bulkJobs;
const items = schema.bulkJobItems;

const emptyCounts = (): JobCounts & { changed: number } => ({
  pending: 0,
  running: 0,
  succeeded: 0,
  failed: 0,
  skipped: 0,
  cancelled: 0,
  total: 0,
  retrying: 0,
  changed: 0,
});

/** Counts by status for each job, from its items (never stored twice). */
export async function countsFor(jobIds: string[]): Promise<Map<string, JobCounts & { changed: number }>> {
  const out = new Map(jobIds.map((id) => [id, emptyCounts()]));
  if (jobIds.length === 0) return out;
  const handedBack = sql<number>`case when ${items.notBefore} is null then 0 else 1 end`;
  const rows = await db
    .select({ jobId: items.jobId, status: items.status, outcome: items.outcome, handedBack, n: count() })
    .from(items)
    .where(inArray(items.jobId, jobIds))
    .groupBy(items.jobId, items.status, items.outcome, handedBack);
  for (const r of rows) {
    const c = out.get(r.jobId)!;
    const n = Number(r.n);
    c[r.status] += n;
    c.total += n;
    if (r.status === 'pending' && Number(r.handedBack) === 1) c.retrying += n;
    if (r.status === 'succeeded' && (CHANGED_OUTCOMES as readonly string[]).includes(r.outcome ?? '')) c.changed += n;
  }
  return out;
}

function parseUnresolved(text: string | null): UnresolvedLine[] {
  if (!text) return [];
  try {
    return JSON.parse(text) as UnresolvedLine[];
  } catch {
    return [];
  }
}

export function toJobView(job: JobRow, c: JobCounts & { changed: number }): JobView {
  const { changed, ...counts } = c;
  return {
    id: job.id,
    integrationId: job.integrationId,
    kind: job.kind,
    targetId: job.targetId,
    targetLabel: job.targetLabel,
    status: job.status,
    counts,
    unresolved: parseUnresolved(job.unresolved),
    reverseOf: job.reverseOf,
    undoneBy: job.undoneBy,
    endsAt: job.endsAt,
    grantReason: job.grantReason,
    actorLabel: job.actorLabel,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    canRetry: job.status === 'done' && !job.undoneBy && counts.failed > 0,
    canCancel: job.status === 'queued' || job.status === 'running',
    canUndo:
      (job.status === 'done' || (job.status === 'cancelled' && counts.running === 0)) && !job.undoneBy && changed > 0,
  };
}

export async function jobView(job: JobRow): Promise<JobView> {
  return toJobView(job, (await countsFor([job.id])).get(job.id)!);
}

/** A page cursor of an integration's jobs: `<createdAt ms>.<id>` of the last job of the previous page. */
export const JOB_CURSOR = /^\d{1,15}\.job_[A-Za-z0-9]{20}$/;

/** An integration's jobs, newest first, keyset-paged on (createdAt, id) so jobs of one millisecond are neither
 * skipped nor repeated across pages. */
export async function pageJobs(
  integrationId: string,
  opts: { cursor?: string; limit: number },
): Promise<{ items: JobView[]; nextCursor: string | null }> {
  const [ms, lastId] = opts.cursor?.split('.') ?? [];
  const at = new Date(Number(ms));
  const after = lastId ? or(lt(jobs.createdAt, at), and(eq(jobs.createdAt, at), lt(jobs.id, lastId))) : undefined;
  const rows = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.integrationId, integrationId), after))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  const counts = await countsFor(page.map((j) => j.id));
  const last = page[page.length - 1];
  return {
    items: page.map((j) => toJobView(j, counts.get(j.id)!)),
    nextCursor: rows.length > opts.limit && last ? `${last.createdAt.getTime()}.${last.id}` : null,
  };
}

export const toItemView = (r: ItemRow): JobItemView => ({
  seq: r.seq,
  input: r.input,
  userId: r.userId,
  userLabel: r.userLabel,
  status: r.status,
  outcome: r.outcome as ItemOutcome | null,
  message: r.message,
  oktaRequestId: r.oktaRequestId,
  attempts: r.attempts,
  finishedAt: r.finishedAt,
  retryAt: r.status === 'pending' ? r.notBefore : null,
});

/** Items by seq after `cursor`, optionally of one status. */
export async function selectItems(
  jobId: string,
  opts: { status?: ItemStatus; cursor?: number; limit: number },
): Promise<JobItemsPage> {
  const rows = await db
    .select()
    .from(items)
    .where(
      and(
        eq(items.jobId, jobId),
        opts.status ? eq(items.status, opts.status) : undefined,
        gt(items.seq, opts.cursor ?? 0),
      ),
    )
    .orderBy(asc(items.seq))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  return { items: page.map(toItemView), nextCursor: rows.length > opts.limit ? page[page.length - 1]!.seq : null };
}

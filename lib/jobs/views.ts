import 'server-only';

import { db, dbReady, schema } from '@/db';
import { CHANGED_OUTCOMES } from '@/lib/access/kinds';
import { and, asc, count, desc, eq, gt, inArray, lt } from 'drizzle-orm';
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
  changed: 0,
});

/** Counts by status for each job, from its items (never stored twice). */
export async function countsFor(jobIds: string[]): Promise<Map<string, JobCounts & { changed: number }>> {
  const out = new Map(jobIds.map((id) => [id, emptyCounts()]));
  if (jobIds.length === 0) return out;
  const rows = await db
    .select({ jobId: items.jobId, status: items.status, outcome: items.outcome, n: count() })
    .from(items)
    .where(inArray(items.jobId, jobIds))
    .groupBy(items.jobId, items.status, items.outcome);
  for (const r of rows) {
    const c = out.get(r.jobId)!;
    const n = Number(r.n);
    c[r.status] += n;
    c.total += n;
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

export async function selectJobs(integrationId: string, opts: { limit: number; before?: Date }): Promise<JobRow[]> {
  await dbReady();
  const where = opts.before
    ? and(eq(jobs.integrationId, integrationId), lt(jobs.createdAt, opts.before))
    : eq(jobs.integrationId, integrationId);
  return db.select().from(jobs).where(where).orderBy(desc(jobs.createdAt), desc(jobs.id)).limit(opts.limit);
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
});

/** Items by seq after `cursor`, optionally of one status. */
export async function selectItems(
  jobId: string,
  opts: { status?: ItemStatus; cursor?: number; limit: number },
): Promise<JobItemsPage> {
  await dbReady();
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

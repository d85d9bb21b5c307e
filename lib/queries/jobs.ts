import 'server-only';

import { requireUser } from '@/lib/auth/guard';
import { getJobRow } from '@/lib/jobs/store';
import type { ItemStatus, JobItemsPage, JobView } from '@/lib/jobs/types';
import { countsFor, jobView, selectItems, selectJobs, toJobView } from '@/lib/jobs/views';

// Reads of bulk jobs for pages and the polling route. Every function checks the session.
export const JOBS_PAGE_SIZE = 20;

/** One job with its counts by status (computed from its items); null when there is no such job. */
export async function getJob(jobId: string): Promise<JobView | null> {
  await requireUser('viewer');
  const job = await getJobRow(jobId);
  return job ? jobView(job) : null;
}

/** An integration's jobs, newest first; `cursor` is the `nextCursor` of the previous page. */
export async function listJobs(
  integrationId: string,
  opts: { cursor?: string; limit?: number } = {},
): Promise<{ jobs: JobView[]; nextCursor: string | null }> {
  await requireUser('viewer');
  const limit = Math.min(Math.max(opts.limit ?? JOBS_PAGE_SIZE, 1), 100);
  const before = opts.cursor && !Number.isNaN(Number(opts.cursor)) ? new Date(Number(opts.cursor)) : undefined;
  const rows = await selectJobs(integrationId, { limit: limit + 1, before });
  const page = rows.slice(0, limit);
  const counts = await countsFor(page.map((j) => j.id));
  const last = page[page.length - 1];
  return {
    jobs: page.map((j) => toJobView(j, counts.get(j.id)!)),
    nextCursor: rows.length > limit && last ? String(last.createdAt.getTime()) : null,
  };
}

/** A page of a job's rows by seq, optionally of one status. */
export async function listItems(
  jobId: string,
  opts: { status?: ItemStatus; cursor?: number; limit?: number } = {},
): Promise<JobItemsPage> {
  await requireUser('viewer');
  return selectItems(jobId, { status: opts.status, cursor: opts.cursor, limit: opts.limit ?? 100 });
}

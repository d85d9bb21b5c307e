import 'server-only';

import { requireUser } from '@/lib/auth/guard';
import { getJobRow } from '@/lib/jobs/store';
import type { ItemStatus, JobItemsPage, JobView } from '@/lib/jobs/types';
import { JOB_CURSOR, jobView, pageJobs, selectItems } from '@/lib/jobs/views';

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
  const cursor = opts.cursor && JOB_CURSOR.test(opts.cursor) ? opts.cursor : undefined;
  const { items, nextCursor } = await pageJobs(integrationId, { cursor, limit });
  return { jobs: items, nextCursor };
}

/** A page of a job's rows by seq, optionally of one status. */
export async function listItems(
  jobId: string,
  opts: { status?: ItemStatus; cursor?: number; limit?: number } = {},
): Promise<JobItemsPage> {
  await requireUser('viewer');
  return selectItems(jobId, { status: opts.status, cursor: opts.cursor, limit: opts.limit ?? 100 });
}

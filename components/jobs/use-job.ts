'use client';

import type { ItemStatus, JobPollResponse } from '@/lib/jobs/types';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

export const ACTIVE_STATUSES = new Set(['queued', 'running']);

/** Still changing: queued or running, or cancelled with rows in flight that will still finish. */
export const isLive = (job: Pick<JobPollResponse['job'], 'status' | 'counts'>) =>
  ACTIVE_STATUSES.has(job.status) || job.counts.running > 0;

/** One job and a page of its rows from GET /api/jobs/[jobId]; polls every second while the job runs. */
export function useJob(
  jobId: string,
  opts: { status?: ItemStatus; cursor?: number; limit?: number; poll?: boolean } = {},
) {
  const { status, cursor, limit = 50, poll = true } = opts;
  return useQuery({
    queryKey: ['bulk-job', jobId, status ?? 'all', cursor ?? 0, limit],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }): Promise<JobPollResponse> => {
      const q = new URLSearchParams({ limit: String(limit) });
      if (status) q.set('status', status);
      if (cursor) q.set('cursor', String(cursor));
      const res = await fetch(`/api/jobs/${encodeURIComponent(jobId)}?${q.toString()}`, { signal, cache: 'no-store' });
      if (res.status === 404) throw new Error('This bulk job no longer exists.');
      if (!res.ok) throw new Error('The job could not be read. Reload the page to try again.');
      return (await res.json()) as JobPollResponse;
    },
    refetchInterval: (query) => (poll && query.state.data && isLive(query.state.data.job) ? 1000 : false),
  });
}

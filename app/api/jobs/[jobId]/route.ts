import { defineRoute } from '@/lib/api/route';
import { getJob, listItems } from '@/lib/queries/jobs';
import { jobPace } from '@/lib/queries/rate-limits';
import { jobId, jobItemsQuery } from '@/lib/validations/jobs';

/** A bulk job with its counts and one page of its rows, for the progress view's polling. */
export const GET = defineRoute<typeof jobItemsQuery, { jobId: string }>(
  { name: 'bulk_job.read', role: 'viewer', query: jobItemsQuery },
  async ({ query, params }) => {
    const id = jobId.safeParse(params.jobId);
    const job = id.success ? await getJob(id.data) : null;
    if (!job || !id.success)
      return Response.json({ error: 'No such bulk job.' }, { status: 404, headers: { 'Cache-Control': 'no-store' } });
    const page = await listItems(id.data, query);
    const live = job.status === 'queued' || job.status === 'running';
    const pace = live ? await jobPace(job.integrationId, job.kind) : null;
    // Serialised as JobPollResponse (dates become ISO strings).
    return Response.json(
      { job, items: page.items, nextCursor: page.nextCursor, pace },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  },
);

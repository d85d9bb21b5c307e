import { defineApiRoute } from '@/lib/api/v1/gate';
import { jobActor, jobResponse, jobSummary } from '@/lib/api/v1/jobs';
import { apiError, listAnswer } from '@/lib/api/v1/respond';
import { jobParams } from '@/lib/api/v1/schemas';
import { discardBulkPreview, getJobView } from '@/lib/jobs/service';
import { selectItems } from '@/lib/jobs/views';
import { jobItemsQuery } from '@/lib/validations/jobs';

/** A job with its counts and one page of its rows by seq (`?status=&cursor=&limit=`), as the console polls it. */
export const GET = defineApiRoute(
  { name: 'bulk_job.read', access: 'read', params: jobParams, query: jobItemsQuery },
  async ({ params, query, request }) => {
    const job = await getJobView(params.jobId);
    if (!job || job.integrationId !== params.integrationId)
      return apiError(
        404,
        'not_found',
        'This integration has no such bulk job (unconfirmed previews are deleted after a day).',
      );
    const page = await selectItems(job.id, query);
    return listAnswer(request, { job, summary: jobSummary(job), items: page.items }, page.nextCursor);
  },
);

/** Deletes an unconfirmed preview: 204, or 409 for a job already confirmed (cancel it instead). */
export const DELETE = defineApiRoute(
  { name: 'bulk_job.discard', access: 'write', params: jobParams },
  async ({ params, token, ip }) => {
    const r = await discardBulkPreview(
      { integrationId: params.integrationId, actor: jobActor(token), ip },
      params.jobId,
    );
    return r.ok ? new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } }) : jobResponse(r);
  },
);

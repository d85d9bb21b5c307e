import { defineApiRoute } from '@/lib/api/v1/gate';
import { apiError, apiJson } from '@/lib/api/v1/respond';
import { jobParams } from '@/lib/api/v1/schemas';
import { getJobView } from '@/lib/jobs/service';
import { selectItems } from '@/lib/jobs/views';
import { jobItemsQuery } from '@/lib/validations/jobs';
import { jobSummary } from '../_lib';

/** A job with its counts and one page of its rows by seq (`?status=&cursor=&limit=`), as the console polls it. */
export const GET = defineApiRoute({ name: 'bulk_job.read', access: 'read', params: jobParams, query: jobItemsQuery }, async ({ params, query }) => {
  const job = await getJobView(params.jobId);
  if (!job || job.integrationId !== params.integrationId) return apiError(404, 'not_found', 'This integration has no such bulk job (unconfirmed previews are deleted after a day).');
  const page = await selectItems(job.id, query);
  return apiJson(200, { job, summary: jobSummary(job), items: page.items, nextCursor: page.nextCursor });
});

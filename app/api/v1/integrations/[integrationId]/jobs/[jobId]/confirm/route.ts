import { defineApiRoute } from '@/lib/api/v1/gate';
import { jobActor, jobResponse } from '@/lib/api/v1/jobs';
import { jobParams } from '@/lib/api/v1/schemas';
import { confirmBulkJob } from '@/lib/jobs/service';

/** preview → queued: workers start sending its pending rows to Okta. */
export const POST = defineApiRoute(
  { name: 'bulk_job.confirm', access: 'write', params: jobParams },
  async ({ params, token, ip }) =>
    jobResponse(
      await confirmBulkJob({ integrationId: params.integrationId, actor: jobActor(token), ip }, params.jobId),
    ),
);

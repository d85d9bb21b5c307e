import { defineApiRoute } from '@/lib/api/v1/gate';
import { jobParams } from '@/lib/api/v1/schemas';
import { confirmBulkJob } from '@/lib/jobs/service';
import { jobActor, jobResponse } from '../../_lib';

/** preview → queued: workers start sending its pending rows to Okta. */
export const POST = defineApiRoute(
  { name: 'bulk_job.confirm', access: 'write', params: jobParams },
  async ({ params, token, ip }) =>
    jobResponse(
      await confirmBulkJob({ integrationId: params.integrationId, actor: jobActor(token), ip }, params.jobId),
    ),
);

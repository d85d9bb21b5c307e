import { defineApiRoute } from '@/lib/api/v1/gate';
import { jobActor, jobResponse } from '@/lib/api/v1/jobs';
import { jobParams } from '@/lib/api/v1/schemas';
import { cancelBulkJob } from '@/lib/jobs/service';

/** Cancels the rows not yet started; rows in flight finish. */
export const POST = defineApiRoute(
  { name: 'bulk_job.cancel', access: 'write', params: jobParams },
  async ({ params, token, ip }) =>
    jobResponse(await cancelBulkJob({ integrationId: params.integrationId, actor: jobActor(token), ip }, params.jobId)),
);

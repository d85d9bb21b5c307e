import { defineApiRoute } from '@/lib/api/v1/gate';
import { jobActor, jobResponse } from '@/lib/api/v1/jobs';
import { jobParams } from '@/lib/api/v1/schemas';
import { retryFailedItems } from '@/lib/jobs/service';

/** Runs a finished job's failed rows again. */
export const POST = defineApiRoute(
  { name: 'bulk_job.retry', access: 'write', params: jobParams },
  async ({ params, token, ip }) =>
    jobResponse(
      await retryFailedItems({ integrationId: params.integrationId, actor: jobActor(token), ip }, params.jobId),
    ),
);

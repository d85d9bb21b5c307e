import { defineApiRoute } from '@/lib/api/v1/gate';
import { jobActor, jobResponse } from '@/lib/api/v1/jobs';
import { jobParams } from '@/lib/api/v1/schemas';
import { undoBulkJob } from '@/lib/jobs/service';

/** Reverses a finished job's changes with a new queued job; answers that job (201). */
export const POST = defineApiRoute(
  { name: 'bulk_job.undo', access: 'write', params: jobParams },
  async ({ params, token, ip }) =>
    jobResponse(
      await undoBulkJob({ integrationId: params.integrationId, actor: jobActor(token), ip }, params.jobId),
      201,
    ),
);

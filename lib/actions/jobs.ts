'use server';

import * as jobs from '@/lib/jobs/service';
import type { JobView } from '@/lib/jobs/types';
import { jobRefSchema, previewBulkJobSchema } from '@/lib/validations/jobs';
import { revalidatePath } from 'next/cache';
import { defineAction, type ActionContext } from './action';
import { fail, ok, type ActionResult } from './result';

// Bulk jobs for operators and admins; the work and the audit are in lib/jobs. Progress is polled through
// GET /api/jobs/[jobId], so only the job lists are revalidated here.
export type BulkJobResult = ActionResult<JobView>;

const actor = ({ user, ip }: ActionContext) => ({
  actor: { type: 'user' as const, id: user.id, label: user.email },
  ip,
});

function toResult(r: jobs.JobOutcome): BulkJobResult {
  if (!r.ok) return fail(r.code, r.error, r.field ? { [r.field]: [r.error] } : undefined);
  revalidatePath(`/directory/${r.job.integrationId}`, 'layout');
  return ok(r.job);
}

/** Resolves pasted or uploaded users (the file's text) against Okta and stores a preview job to confirm. */
export const previewBulkJobAction = defineAction(
  { name: 'bulk_job.preview', role: 'operator', input: previewBulkJobSchema },
  async (i, ctx) =>
    toResult(
      await jobs.previewBulkJob(
        { integrationId: i.integrationId, ...actor(ctx) },
        {
          kind: i.kind,
          targetId: i.targetId,
          text: i.text,
          grant: i.expiresAt && { endsAt: i.expiresAt, reason: i.reason ?? '' },
        },
      ),
    ),
);

/** Starts a previewed job: workers take its pending rows. */
export const confirmBulkJobAction = defineAction(
  { name: 'bulk_job.confirm', role: 'operator', input: jobRefSchema },
  async (i, ctx) => toResult(await jobs.confirmBulkJob(actor(ctx), i.jobId)),
);

/** Cancels the rows not yet started; rows in flight finish. */
export const cancelBulkJobAction = defineAction(
  { name: 'bulk_job.cancel', role: 'operator', input: jobRefSchema },
  async (i, ctx) => toResult(await jobs.cancelBulkJob(actor(ctx), i.jobId)),
);

/** Runs a finished job's failed rows again. */
export const retryFailedItemsAction = defineAction(
  { name: 'bulk_job.retry', role: 'operator', input: jobRefSchema },
  async (i, ctx) => toResult(await jobs.retryFailedItems(actor(ctx), i.jobId)),
);

/** Reverses a finished job's changes with a new job; the result is that new job. */
export const undoBulkJobAction = defineAction(
  { name: 'bulk_job.undo', role: 'operator', input: jobRefSchema },
  async (i, ctx) => toResult(await jobs.undoBulkJob(actor(ctx), i.jobId)),
);

/** Deletes an unconfirmed preview. */
export const discardPreviewAction = defineAction(
  { name: 'bulk_job.discard', role: 'operator', input: jobRefSchema },
  async (i, ctx) => toResult(await jobs.discardBulkPreview(actor(ctx), i.jobId)),
);

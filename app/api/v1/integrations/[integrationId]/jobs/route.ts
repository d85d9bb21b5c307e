import { defineApiRoute } from '@/lib/api/v1/gate';
import { jobActor, jobLocation, jobResponse, jobSummary } from '@/lib/api/v1/jobs';
import { apiJson, listAnswer } from '@/lib/api/v1/respond';
import { createJobBody, integrationParams, jobListQuery } from '@/lib/api/v1/schemas';
import { confirmBulkJob, previewBulkJob } from '@/lib/jobs/service';
import { pageJobs } from '@/lib/jobs/views';

/** The integration's bulk jobs, newest first, `limit` a page; pass `nextCursor` back as `cursor` (or GET `next`). */
export const GET = defineApiRoute(
  { name: 'bulk_job.list', access: 'read', params: integrationParams, query: jobListQuery },
  async ({ params, query, request }) => {
    const page = await pageJobs(params.integrationId, query);
    return listAnswer(request, { items: page.items }, page.nextCursor);
  },
);

// One entry a line, each quoted, so commas or quotes inside an entry never split it into CSV columns.
const asLines = (entries: string[]) => entries.map((e) => `"${e.trim().replaceAll('"', '""')}"`).join('\n');

/** Resolves the entries against Okta and stores a preview (201); with `confirm: true` it is queued at once. */
export const POST = defineApiRoute(
  { name: 'bulk_job.preview', access: 'write', params: integrationParams, body: createJobBody },
  async ({ params, body, token, ip }) => {
    const ctx = { integrationId: params.integrationId, actor: jobActor(token), ip };
    let r = await previewBulkJob(ctx, {
      kind: body.kind,
      targetId: body.targetId,
      text: asLines(body.entries),
      grant: body.expiresAt && { endsAt: body.expiresAt, reason: body.reason ?? '' },
    });
    if (r.ok && body.confirm) r = await confirmBulkJob(ctx, r.job.id);
    if (!r.ok) return jobResponse(r);
    return apiJson(201, { job: r.job, summary: jobSummary(r.job) }, { Location: jobLocation(r.job) });
  },
);

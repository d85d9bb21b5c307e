import 'server-only';

import { db, dbReady, schema } from '@/db';
import type { ApiToken } from '@/lib/api-tokens/store';
import { apiError, apiJson } from '@/lib/api/v1/respond';
import type { JobOutcome } from '@/lib/jobs/service';
import type { JobActor } from '@/lib/jobs/store';
import type { JobView } from '@/lib/jobs/types';
import { countsFor, toJobView } from '@/lib/jobs/views';
import { and, desc, eq, lt, or } from 'drizzle-orm';

// Shared by the /api/v1 bulk job routes: the token as the job's actor, answers, and the keyset-paged list.
export const jobActor = (token: ApiToken): JobActor => ({ type: 'token', id: token.id, label: token.name });

export const jobLocation = (job: Pick<JobView, 'id' | 'integrationId'>) =>
  `/api/v1/integrations/${job.integrationId}/jobs/${job.id}`;

/** What a preview found, from the job's rows (stable: skipped rows stay skipped) and its unresolved lines. */
export function jobSummary(job: JobView) {
  const reasons = (r: string) => job.unresolved.filter((u) => u.reason === r).length;
  return {
    found: job.counts.total,
    already: job.counts.skipped,
    notFound: reasons('not_found'),
    ambiguous: reasons('ambiguous'),
    duplicate: reasons('duplicate'),
    invalid: reasons('invalid'),
  };
}

/** A service outcome as an answer: 404 for a job or target Okta doesn't know, 409 for a refusal, 502 for Okta. */
export function jobResponse(r: JobOutcome, status = 200): Response {
  if (r.ok) return apiJson(status, { job: r.job }, status === 201 ? { Location: jobLocation(r.job) } : {});
  const field = r.field === 'text' ? 'entries' : r.field;
  const extra = field ? { fields: { [field]: [r.error] } } : {};
  if (r.code === 'invalid_input') return apiError(400, 'invalid_request', r.error, extra);
  if (r.code === 'not_found') return apiError(404, 'not_found', r.error, extra);
  if (r.code === 'conflict') return apiError(409, 'refused', r.error, extra);
  return apiError(502, 'okta', r.error);
}

const jobs = schema.bulkJobs;

/** An integration's jobs, newest first; the cursor is `<createdAt ms>.<id>` of the last job of the page. */
export async function listIntegrationJobs(
  integrationId: string,
  opts: { cursor?: string; limit: number },
): Promise<{ items: JobView[]; nextCursor: string | null }> {
  await dbReady();
  const [ms, lastId] = opts.cursor?.split('.') ?? [];
  const at = new Date(Number(ms));
  const after = lastId ? or(lt(jobs.createdAt, at), and(eq(jobs.createdAt, at), lt(jobs.id, lastId))) : undefined;
  const rows = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.integrationId, integrationId), after))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  const counts = await countsFor(page.map((j) => j.id));
  const last = page[page.length - 1];
  return {
    items: page.map((j) => toJobView(j, counts.get(j.id)!)),
    nextCursor: rows.length > opts.limit && last ? `${last.createdAt.getTime()}.${last.id}` : null,
  };
}

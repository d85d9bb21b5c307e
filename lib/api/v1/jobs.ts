import 'server-only';

import type { ApiToken } from '@/lib/api-tokens/store';
import type { JobOutcome } from '@/lib/jobs/service';
import type { JobActor } from '@/lib/jobs/store';
import type { JobView } from '@/lib/jobs/types';
import { apiError, apiJson } from './respond';

// Shared by the /api/v1 bulk job routes: the token as the job's actor, and their answers.
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

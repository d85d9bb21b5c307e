import 'server-only';

import { KINDS } from '@/lib/access/kinds';
import { describeFailure } from '@/lib/access/messages';
import { endProblem } from '@/lib/grants/rules';
import { grantLimits } from '@/lib/grants/service';
import { oktaFor } from '@/lib/integrations/okta-for';
import { formatUtc } from '@/lib/utils';
import { parseEntries } from './parse';
import { alreadyInState, resolveEntries, resolveTarget } from './resolve';
import {
  cancelJob,
  confirmJob,
  createPreviewJob,
  createUndoJob,
  discardPreview,
  getJobRow,
  previewItems,
  refreshPreviewItems,
  retryFailed,
  type JobActor,
  type JobRow,
  type NewItem,
} from './store';
import type { JobKind, JobView } from './types';
import { jobView } from './views';

// What the bulk actions (and the automation API) call: each returns a view or a refusal in words for the admin.
export interface JobContext {
  integrationId: string;
  actor: JobActor;
  ip?: string | null;
}

export type JobOutcome =
  | { ok: true; job: JobView }
  | {
      ok: false;
      code: 'invalid_input' | 'not_found' | 'conflict' | 'upstream';
      error: string;
      field?: 'text' | 'targetId' | 'expiresAt';
    };

/** A preview's read of Okta that failed, as the job's answer (an integration gone is not found). */
function failedRead(error: unknown, say: (why: string) => string): JobOutcome {
  const failure = describeFailure(error);
  if (!failure) throw error;
  if (failure.reason === 'integration_missing') return { ok: false, code: 'not_found', error: failure.message };
  const request = failure.requestId ? ` (Okta request ${failure.requestId})` : '';
  return { ok: false, code: 'upstream', error: say(`${failure.message}${request}`) };
}

/** Why a job of this kind cannot give access until `endsAt` (the field error of `expiresAt`), or null. */
function grantProblem(kind: JobKind, endsAt: Date): string | null {
  if (!('timeBound' in KINDS[kind]))
    return `Only a change that gives access can have an end: "${KINDS[kind].label}" takes access away.`;
  return endProblem(endsAt, new Date(), grantLimits());
}

/** Parse → resolve the target and the users → read the current state → store a preview job. */
export async function previewBulkJob(
  ctx: JobContext,
  input: { kind: JobKind; targetId: string; text: string; grant?: { endsAt: Date; reason: string } },
): Promise<JobOutcome> {
  if (input.grant) {
    const problem = grantProblem(input.kind, input.grant.endsAt);
    if (problem) return { ok: false, code: 'invalid_input', error: problem, field: 'expiresAt' };
  }
  const parsed = parseEntries(input.text);
  if (!parsed.ok) return { ok: false, code: 'invalid_input', error: parsed.error, field: 'text' };
  try {
    const { client } = await oktaFor(ctx.integrationId);
    const target = await resolveTarget(client, input.kind, input.targetId);
    if (!target.ok)
      return {
        ok: false,
        code: target.reason === 'not_found' ? 'not_found' : 'conflict',
        error: target.message,
        field: 'targetId',
      };
    const { found, unresolved } = await resolveEntries(client, parsed.entries);
    const already = await alreadyInState(
      client,
      input.kind,
      target.id,
      found.map((f) => f.user.id),
    );
    // Rows keep the order of the pasted lines.
    const kind = KINDS[input.kind];
    const rows: NewItem[] = found.map(({ entry, user }) => {
      const skipped = already.has(user.id);
      return {
        input: entry.input,
        userId: user.id,
        userLabel: user.login,
        status: skipped ? 'skipped' : 'pending',
        outcome: skipped ? kind.already : undefined,
        message: skipped ? kind.skipped.message : undefined,
      };
    });
    const job = await createPreviewJob({
      integrationId: ctx.integrationId,
      kind: input.kind,
      target,
      actor: ctx.actor,
      rows,
      unresolved: [...parsed.unresolved, ...unresolved].sort((a, b) => a.line - b.line),
      grant: input.grant && { endsAt: input.grant.endsAt, reason: input.grant.reason.trim() },
      ip: ctx.ip,
    });
    return { ok: true, job: await jobView(job) };
  } catch (error) {
    return failedRead(error, (why) => `The users could not be looked up: ${why}`);
  }
}

type Step = (
  id: string,
  actor: JobActor,
  ip?: string | null,
) => Promise<{ ok: true; job: Parameters<typeof jobView>[0] } | { ok: false; error: string }>;

/** Who changes a job; with `integrationId`, a job of another integration is "not found" (scoped API tokens). */
export type JobActorContext = Omit<JobContext, 'integrationId'> & { integrationId?: string };

async function step(ctx: JobActorContext, jobId: string, fn: Step): Promise<JobOutcome> {
  const job = await getJobRow(jobId);
  if (!job || (ctx.integrationId !== undefined && job.integrationId !== ctx.integrationId))
    return { ok: false, code: 'not_found', error: 'This bulk job no longer exists.' };
  const r = await fn(jobId, ctx.actor, ctx.ip);
  return r.ok ? { ok: true, job: await jobView(r.job) } : { ok: false, code: 'conflict', error: r.error };
}

/** A preview older than this is read again when confirmed, so the job acts on Okta as it is then. */
export const REFRESH_PREVIEW_AFTER_MS = 60_000;

/**
 * Users who reached the target state since a stale preview (added by someone else meanwhile) are skipped, so the
 * job never claims their change and its undo never reverses it; users who left it are sent after all.
 */
async function refreshStalePreview(job: JobRow): Promise<JobOutcome | null> {
  if (job.status !== 'preview' || Date.now() - job.createdAt.getTime() < REFRESH_PREVIEW_AFTER_MS) return null;
  const rows = await previewItems(job.id);
  if (rows.length === 0) return null;
  try {
    const { client } = await oktaFor(job.integrationId);
    const already = await alreadyInState(client, job.kind, job.targetId, [...new Set(rows.map((r) => r.userId))]);
    const skip = rows.filter((r) => r.status === 'pending' && already.has(r.userId)).map((r) => r.id);
    const unskip = rows.filter((r) => r.status === 'skipped' && !already.has(r.userId)).map((r) => r.id);
    const kind = KINDS[job.kind];
    if (skip.length || unskip.length)
      await refreshPreviewItems(job.id, { ids: skip, outcome: kind.already, message: kind.skipped.message }, unskip);
    return null;
  } catch (error) {
    return failedRead(
      error,
      (why) => `Okta could not be read again before starting: ${why}. Nothing was sent; confirm again.`,
    );
  }
}

/** preview → queued, after reading a stale preview's state again. */
export async function confirmBulkJob(ctx: JobActorContext, jobId: string): Promise<JobOutcome> {
  const job = await getJobRow(jobId);
  if (job && (ctx.integrationId === undefined || job.integrationId === ctx.integrationId)) {
    // A time-bound preview left waiting: its rows must land well before their end (half the shortest grant).
    if (job.status === 'preview' && job.endsAt && job.endsAt.getTime() - Date.now() < grantLimits().minMs / 2)
      return {
        ok: false,
        code: 'invalid_input',
        field: 'expiresAt',
        error: `This job's access would end ${formatUtc(job.endsAt)}, too soon for its rows to land: preview again with a later end.`,
      };
    const refused = await refreshStalePreview(job);
    if (refused) return refused;
  }
  return step(ctx, jobId, confirmJob);
}
/** Pending rows → cancelled; in-flight rows finish. */
export const cancelBulkJob = (ctx: JobActorContext, jobId: string) => step(ctx, jobId, cancelJob);
/** Failed rows → pending, the job → queued. */
export const retryFailedItems = (ctx: JobActorContext, jobId: string) => step(ctx, jobId, retryFailed);
/** A new, queued job of the reverse kind over the rows that changed Okta; returns that job. */
export const undoBulkJob = (ctx: JobActorContext, jobId: string) => step(ctx, jobId, createUndoJob);
/** Deletes an unconfirmed preview. */
export const discardBulkPreview = (ctx: JobActorContext, jobId: string) => step(ctx, jobId, discardPreview);

/** A job's view without a session check (workers, the automation API after its own token check). */
export async function getJobView(jobId: string): Promise<JobView | null> {
  const job = await getJobRow(jobId);
  return job ? jobView(job) : null;
}

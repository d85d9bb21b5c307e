import 'server-only';

import { db, handle, schema } from '@/db';
import { CHANGED_OUTCOMES, reverseOf } from '@/lib/access/kinds';
import { auditRow, type AuditActor, type AuditInput } from '@/lib/audit';
import { newId } from '@/lib/ids';
import { log } from '@/lib/log';
import { and, asc, count, eq, inArray, isNull, lt, notExists } from 'drizzle-orm';
import { type ItemOutcome, type ItemStatus, type JobKind, type UnresolvedLine } from './types';

// Bulk jobs in the database: the state changes of a job (preview → queued → running → done, cancel, retry,
// undo) as conditional updates, so two console processes acting at once can't both apply one.
const jobs = schema.bulkJobs;
const items = schema.bulkJobItems;

export type JobRow = typeof jobs.$inferSelect;
export type ItemRow = typeof items.$inferSelect;
export type JobActor = { type: 'user' | 'token'; id: string; label: string };

export interface NewItem {
  input: string;
  userId: string;
  userLabel: string;
  /** pending: to send to Okta; skipped: already in the target state. */
  status: 'pending' | 'skipped';
  outcome?: ItemOutcome;
  message?: string;
}

const INSERT_CHUNK = 500;
/** Unconfirmed previews older than this are deleted when the next preview is made. */
export const PREVIEW_TTL_MS = 24 * 60 * 60_000;

export const actorOf = (job: Pick<JobRow, 'actorType' | 'actorId' | 'actorLabel'>): AuditActor => ({
  type: job.actorType,
  id: job.actorId,
  label: job.actorLabel,
});

/** One audit event for a job-level change, in the same transaction as the change. */
const jobAudit = (
  job: JobRow,
  action: string,
  actor: AuditActor,
  detail: Record<string, unknown> = {},
  ip?: string | null,
): AuditInput => ({
  actor,
  action,
  outcome: 'success',
  target: { type: 'bulk_job', id: job.id, label: `${job.kind} ${job.targetLabel}` },
  integrationId: job.integrationId,
  detail: {
    jobId: job.id,
    kind: job.kind,
    targetId: job.targetId,
    ...(job.endsAt ? { endsAt: job.endsAt.toISOString(), reason: job.grantReason } : {}),
    ...detail,
  },
  ip: ip ?? null,
});

async function insertItems(tx: typeof db, jobId: string, rows: NewItem[]) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK).map((r, k) => ({
      id: newId('jbi'),
      jobId,
      seq: i + k + 1,
      input: r.input,
      userId: r.userId,
      userLabel: r.userLabel,
      status: r.status,
      outcome: r.outcome ?? null,
      message: r.message ?? null,
      finishedAt: null,
    }));
    if (chunk.length) await tx.insert(items).values(chunk);
  }
}

/** Stores a resolved preview: its found rows as pending or skipped items, its other lines as `unresolved`. */
export async function createPreviewJob(input: {
  integrationId: string;
  kind: JobKind;
  target: { id: string; label: string };
  actor: JobActor;
  rows: NewItem[];
  unresolved: UnresolvedLine[];
  /** A time-bound job: the end and reason every row's grant gets. */
  grant?: { endsAt: Date; reason: string };
  ip?: string | null;
}): Promise<JobRow> {
  const now = new Date();
  const job: JobRow = {
    id: newId('job'),
    integrationId: input.integrationId,
    kind: input.kind,
    targetId: input.target.id,
    targetLabel: input.target.label,
    status: 'preview',
    unresolved: JSON.stringify(input.unresolved),
    reverseOf: null,
    undoneBy: null,
    endsAt: input.grant?.endsAt ?? null,
    grantReason: input.grant?.reason ?? null,
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    cancelledAt: null,
  };
  await handle.transaction(async (tx) => {
    await tx.insert(jobs).values(job);
    await insertItems(tx, job.id, input.rows);
    const pending = input.rows.filter((r) => r.status === 'pending').length;
    await tx
      .insert(schema.auditEvents)
      .values(
        auditRow(
          jobAudit(
            job,
            'bulk_job.preview',
            input.actor,
            { pending, skipped: input.rows.length - pending, unresolved: input.unresolved.length },
            input.ip,
          ),
        ),
      );
  });
  jobStateChanged(job, null);
  await deleteStalePreviews(now);
  return job;
}

async function deleteStalePreviews(now: Date) {
  const stale = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.status, 'preview'), lt(jobs.createdAt, new Date(now.getTime() - PREVIEW_TTL_MS))))
    .limit(50);
  for (const { id } of stale) await deletePreview(id);
}

async function deletePreview(id: string): Promise<boolean> {
  return handle.transaction(async (tx) => {
    const gone = await tx
      .delete(jobs)
      .where(and(eq(jobs.id, id), eq(jobs.status, 'preview')))
      .returning({ id: jobs.id });
    if (gone.length) await tx.delete(items).where(eq(items.jobId, id));
    return gone.length === 1;
  });
}

export async function getJobRow(id: string): Promise<JobRow | undefined> {
  return (await db.select().from(jobs).where(eq(jobs.id, id)).limit(1))[0];
}

type Transition = { ok: true; job: JobRow } | { ok: false; error: string };
const refusal = (error: string): Transition => ({ ok: false, error });

/** One log event per change of a job's state (an operator follows or alerts on them), written once it is committed. */
export function jobStateChanged(job: Pick<JobRow, 'id' | 'kind' | 'integrationId' | 'status'>, from: string | null) {
  log.info('bulk_job_state', { job: job.id, kind: job.kind, integration: job.integrationId, from, to: job.status });
}

/** A transition's state change announced once its transaction committed. */
async function announced(from: string | null, transition: Promise<Transition>): Promise<Transition> {
  const r = await transition;
  if (r.ok) jobStateChanged(r.job, from);
  return r;
}

/** Why a job is not in the state an action needs, in words for the admin. */
function stateError(job: JobRow | undefined, wanted: string): string {
  if (!job) return 'This bulk job no longer exists (unconfirmed previews are deleted after a day).';
  return `This bulk job is ${job.status}${job.undoneBy ? ' and already undone' : ''}: it can't be ${wanted}.`;
}

/** A preview's rows: pending ones, and those skipped because the user was already in the target state. */
export async function previewItems(jobId: string): Promise<Pick<ItemRow, 'id' | 'userId' | 'status'>[]> {
  return db
    .select({ id: items.id, userId: items.userId, status: items.status })
    .from(items)
    .where(eq(items.jobId, jobId));
}

/**
 * Re-marks a preview's rows after a fresh read of Okta: `skip` rows reached the target state meanwhile, `unskip`
 * rows left it. The job's row is locked (a no-op update) so a confirm can't slip in between; false if it is no
 * longer a preview.
 */
export async function refreshPreviewItems(
  jobId: string,
  skip: { ids: string[]; outcome: ItemOutcome; message?: string },
  unskip: string[],
): Promise<boolean> {
  return handle.transaction(async (tx) => {
    const [job] = await tx
      .update(jobs)
      .set({ updatedAt: new Date() })
      .where(and(eq(jobs.id, jobId), eq(jobs.status, 'preview')))
      .returning({ id: jobs.id });
    if (!job) return false;
    for (let i = 0; i < skip.ids.length; i += INSERT_CHUNK) {
      const chunk = skip.ids.slice(i, i + INSERT_CHUNK);
      await tx
        .update(items)
        .set({ status: 'skipped', outcome: skip.outcome, message: skip.message ?? null })
        .where(and(eq(items.jobId, jobId), eq(items.status, 'pending'), inArray(items.id, chunk)));
    }
    for (let i = 0; i < unskip.length; i += INSERT_CHUNK) {
      const chunk = unskip.slice(i, i + INSERT_CHUNK);
      await tx
        .update(items)
        .set({ status: 'pending', outcome: null, message: null })
        .where(and(eq(items.jobId, jobId), eq(items.status, 'skipped'), inArray(items.id, chunk)));
    }
    return true;
  });
}

/** preview → queued: workers start taking its items. */
export async function confirmJob(id: string, actor: AuditActor, ip?: string | null): Promise<Transition> {
  return announced(
    'preview',
    handle.transaction(async (tx) => {
      const [job] = await tx
        .update(jobs)
        .set({ status: 'queued', updatedAt: new Date() })
        .where(and(eq(jobs.id, id), eq(jobs.status, 'preview')))
        .returning();
      if (!job) return refusal(stateError(await getJobRow(id), 'confirmed'));
      // Nothing to send (everything skipped): the job is done at once.
      const [{ n }] = (await tx
        .select({ n: count() })
        .from(items)
        .where(and(eq(items.jobId, id), eq(items.status, 'pending')))) as [{ n: number }];
      const final =
        n === 0
          ? (
              await tx.update(jobs).set({ status: 'done', finishedAt: new Date() }).where(eq(jobs.id, id)).returning()
            )[0]!
          : job;
      await tx
        .insert(schema.auditEvents)
        .values(auditRow(jobAudit(final, 'bulk_job.confirm', actor, { pending: n }, ip)));
      return { ok: true, job: final };
    }),
  );
}

/** Deletes an unconfirmed preview. */
export async function discardPreview(id: string, actor: AuditActor, ip?: string | null): Promise<Transition> {
  const job = await getJobRow(id);
  if (!job || job.status !== 'preview' || !(await deletePreview(id)))
    return refusal(stateError(job, 'discarded (only a preview can be)'));
  await handle.db.insert(schema.auditEvents).values(auditRow(jobAudit(job, 'bulk_job.discard', actor, {}, ip)));
  jobStateChanged({ ...job, status: 'discarded' as JobRow['status'] }, 'preview');
  return { ok: true, job };
}

/** Pending rows become cancelled; rows a worker has in flight finish and are recorded. */
export async function cancelJob(id: string, actor: AuditActor, ip?: string | null): Promise<Transition> {
  return announced(
    null,
    handle.transaction(async (tx) => {
      const now = new Date();
      const [job] = await tx
        .update(jobs)
        .set({ status: 'cancelled', cancelledAt: now, updatedAt: now })
        .where(and(eq(jobs.id, id), inArray(jobs.status, ['queued', 'running'])))
        .returning();
      if (!job) return refusal(stateError(await getJobRow(id), 'cancelled'));
      const cancelled = await tx
        .update(items)
        // A row waiting to retry loses its "waiting to retry" message: it will not run.
        .set({ status: 'cancelled', finishedAt: now, message: null })
        .where(and(eq(items.jobId, id), eq(items.status, 'pending')))
        .returning({ id: items.id });
      await tx
        .update(jobs)
        .set({ finishedAt: now })
        .where(and(eq(jobs.id, id), noItemsIn(id, ['running'])));
      await tx
        .insert(schema.auditEvents)
        .values(auditRow(jobAudit(job, 'bulk_job.cancel', actor, { cancelled: cancelled.length }, ip)));
      return { ok: true, job: (await tx.select().from(jobs).where(eq(jobs.id, id)))[0]! };
    }),
  );
}

/** Failed rows go back to pending and the job to queued. */
export async function retryFailed(id: string, actor: AuditActor, ip?: string | null): Promise<Transition> {
  return announced(
    'done',
    handle.transaction(async (tx) => {
      const [{ n }] = (await tx
        .select({ n: count() })
        .from(items)
        .where(and(eq(items.jobId, id), eq(items.status, 'failed')))) as [{ n: number }];
      const [job] =
        n === 0
          ? []
          : await tx
              .update(jobs)
              .set({ status: 'queued', finishedAt: null, updatedAt: new Date() })
              .where(and(eq(jobs.id, id), eq(jobs.status, 'done'), isNull(jobs.undoneBy)))
              .returning();
      if (!job) {
        const current = await getJobRow(id);
        return refusal(
          current?.status === 'done' && !current.undoneBy
            ? 'This job has no failed rows to retry.'
            : stateError(current, 'retried (only a finished job that was not undone can be)'),
        );
      }
      const again = await tx
        .update(items)
        .set({
          status: 'pending',
          outcome: null,
          message: null,
          oktaRequestId: null,
          claimedBy: null,
          claimedAt: null,
          finishedAt: null,
          notBefore: null,
          failingSince: null,
        })
        .where(and(eq(items.jobId, id), eq(items.status, 'failed')))
        .returning({ id: items.id });
      await tx
        .insert(schema.auditEvents)
        .values(auditRow(jobAudit(job, 'bulk_job.retry', actor, { retried: again.length }, ip)));
      return { ok: true, job };
    }),
  );
}

/**
 * Undo: a new job of the reverse kind over the rows that changed Okta (not skipped rows, not idempotent
 * no-ops), queued at once (there is nothing to preview: every row is a known change to reverse).
 */
export async function createUndoJob(id: string, actor: JobActor, ip?: string | null): Promise<Transition> {
  return announced(
    null,
    handle.transaction(async (tx) => {
      const [job] = await tx.select().from(jobs).where(eq(jobs.id, id));
      // A cancelled job can be undone too, once its rows in flight have finished: what it did change is reverted.
      const inFlight =
        job?.status === 'cancelled'
          ? await tx
              .select({ id: items.id })
              .from(items)
              .where(and(eq(items.jobId, id), eq(items.status, 'running')))
              .limit(1)
          : [];
      if (!job || !(job.status === 'done' || (job.status === 'cancelled' && inFlight.length === 0)) || job.undoneBy)
        return refusal(
          stateError(job, 'undone (only a finished or cancelled job whose rows have all stopped can be, once)'),
        );
      const changed = await tx
        .select({ input: items.input, userId: items.userId, userLabel: items.userLabel })
        .from(items)
        .where(and(eq(items.jobId, id), eq(items.status, 'succeeded'), inArray(items.outcome, [...CHANGED_OUTCOMES])))
        .orderBy(asc(items.seq));
      if (changed.length === 0) return refusal('Nothing to undo: no row of this job changed Okta.');
      const now = new Date();
      const undo: JobRow = {
        ...job,
        id: newId('job'),
        kind: reverseOf(job.kind),
        status: 'queued',
        unresolved: '[]',
        reverseOf: job.id,
        undoneBy: null,
        endsAt: null,
        grantReason: null,
        actorType: actor.type,
        actorId: actor.id,
        actorLabel: actor.label,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
        cancelledAt: null,
      };
      const marked = await tx
        .update(jobs)
        .set({ undoneBy: undo.id, updatedAt: now })
        .where(and(eq(jobs.id, id), isNull(jobs.undoneBy)))
        .returning({ id: jobs.id });
      if (marked.length === 0) return refusal(stateError(job, 'undone twice'));
      await tx.insert(jobs).values(undo);
      await insertItems(
        tx,
        undo.id,
        changed.map((r) => ({ ...r, status: 'pending' as const })),
      );
      await tx
        .insert(schema.auditEvents)
        .values(auditRow(jobAudit(job, 'bulk_job.undo', actor, { undoJobId: undo.id, rows: changed.length }, ip)));
      return { ok: true, job: undo };
    }),
  );
}

/** No item of the job in these statuses (a correlated NOT EXISTS, evaluated in the same statement). */
export const noItemsIn = (jobId: string, statuses: ItemStatus[]) =>
  notExists(
    db
      .select({ one: items.id })
      .from(items)
      .where(and(eq(items.jobId, jobId), inArray(items.status, statuses))),
  );

import 'server-only';

import { describeOktaFailure } from '@/lib/access/messages';
import type { AuditInput } from '@/lib/audit';
import { isOktaError, type OktaClient } from '@/lib/okta';
import { actorOf, type ItemRow, type JobRow } from './store';
import { isGroupKind, type ItemOutcome } from './types';

// One row of a bulk job: the single operation of lib/access/operations.ts in bulk mode. The group or app
// was resolved and checked once for the job, and the preview read the state, so each row is one write
// without the pre-read (`precheck: false`). Okta's membership PUT/DELETE and the assignment POST/DELETE
// are safe to repeat, so a row whose worker died mid-call can simply run again (see worker.ts).
export type ItemResult = {
  status: 'succeeded' | 'failed';
  outcome: ItemOutcome;
  message: string;
  requestId?: string;
  /** Okta's rate limit outlasted lib/okta's waits: not a result, the row goes back to pending (ms to wait). */
  retryAfterMs?: number;
};

type Row = Pick<ItemRow, 'userId' | 'userLabel'>;

async function write(okta: OktaClient, job: JobRow, row: Row): Promise<ItemResult> {
  const { targetId: t, targetLabel: label } = job;
  const who = row.userLabel;
  const done = (outcome: ItemOutcome, message: string, requestId?: string): ItemResult => ({
    status: 'succeeded',
    outcome,
    message,
    requestId,
  });
  switch (job.kind) {
    case 'group.add_member': {
      const r = await okta.groups.addMember(t, row.userId, { precheck: false });
      return done(
        r.outcome,
        r.outcome === 'added' ? `${who} added to ${label}.` : `${who} is already a member of ${label}.`,
        r.requestId,
      );
    }
    case 'group.remove_member': {
      const r = await okta.groups.removeMember(t, row.userId, { precheck: false });
      return done(
        r.outcome,
        r.outcome === 'removed' ? `${who} removed from ${label}.` : `${who} was not a member of ${label}.`,
        r.requestId,
      );
    }
    case 'app.assign_user': {
      const r = await okta.apps.assignUser(t, row.userId, { precheck: false });
      return done(
        r.outcome,
        r.outcome === 'assigned' ? `${label} assigned to ${who}.` : `${who} already has ${label} assigned directly.`,
        r.requestId,
      );
    }
    case 'app.unassign_user': {
      try {
        const r = await okta.apps.unassignUser(t, row.userId, { precheck: false });
        if (r.outcome === 'granted_by_group') return groupGranted(who, label, r.requestId);
        return done(
          r.outcome,
          r.outcome === 'unassigned' ? `${label} unassigned from ${who}.` : `${who} did not have ${label}.`,
          r.requestId,
        );
      } catch (e) {
        if (isOktaError(e) && e.errorCode === 'E0000046') return groupGranted(who, label, e.requestId);
        throw e;
      }
    }
  }
}

const groupGranted = (who: string, label: string, requestId?: string): ItemResult => ({
  status: 'failed',
  outcome: 'refused',
  requestId,
  message: `${who} gets ${label} through a group. Remove them from that group, or unassign the app from the group, instead (Okta E0000046).`,
});

/** Runs one row; Okta's refusals and errors become a failed row with Okta's summary and request id. */
export async function runItem(okta: OktaClient, job: JobRow, row: Row): Promise<ItemResult> {
  try {
    return await write(okta, job, row);
  } catch (error) {
    const failure = describeOktaFailure(error);
    if (!failure) throw error;
    const outcome = isOktaError(error) && error.kind === 'not_found' ? 'not_found' : 'okta';
    const retryAfterMs =
      isOktaError(error) && error.kind === 'rate_limited' ? Math.max(error.retryAfterMs ?? 0, 1_000) : undefined;
    return { status: 'failed', outcome, message: failure.message, requestId: failure.requestId, retryAfterMs };
  }
}

/** The audit event of one row, as a single operation would write it, plus the job and row. */
export function itemAudit(job: JobRow, row: Pick<ItemRow, 'userId' | 'userLabel' | 'seq'>, r: ItemResult): AuditInput {
  const target = isGroupKind(job.kind)
    ? { type: 'okta_group', id: job.targetId, label: job.targetLabel }
    : { type: 'okta_app', id: job.targetId, label: job.targetLabel };
  const user = { type: 'okta_user', id: row.userId, label: row.userLabel };
  return {
    actor: actorOf(job),
    action: job.kind,
    outcome: r.status === 'succeeded' ? 'success' : r.outcome === 'refused' ? 'denied' : 'failure',
    target: isGroupKind(job.kind) ? user : target,
    integrationId: job.integrationId,
    detail: {
      outcome: r.outcome,
      message: r.message,
      targets: isGroupKind(job.kind) ? [user, target] : [target, user],
      jobId: job.id,
      seq: row.seq,
    },
    oktaRequestId: r.requestId ?? null,
  };
}

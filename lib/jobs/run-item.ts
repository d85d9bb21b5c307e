import 'server-only';

import { kindOf, KINDS, type GrantKindId, type Holding } from '@/lib/access/kinds';
import { auditEnds } from '@/lib/access/kinds/ends';
import { describeFailure } from '@/lib/access/messages';
import type { AuditInput } from '@/lib/audit';
import type { NewGrant } from '@/lib/grants/store';
import type { OktaClient } from '@/lib/okta';
import { actorOf, type ItemRow, type JobRow } from './store';
import { transientOf, type Transient } from './transient';
import type { ItemOutcome } from './types';

// One row of a bulk job: the kind's write of lib/access/kinds in bulk mode. The group or app was resolved and
// checked once for the job, and the preview read the state, so each row is one write without the pre-read
// (`precheck: false`). Okta's membership PUT/DELETE and the assignment POST/DELETE are safe to repeat, so a
// row whose worker died mid-call can simply run again (see worker.ts).
export type ItemResult = {
  status: 'succeeded' | 'failed';
  outcome: ItemOutcome;
  message: string;
  requestId?: string;
  /** Okta's error code of a failed row (E0000006: the app's roles do not allow the change). */
  code?: string;
  /**
   * No verdict from Okta (transient.ts): not the row's result yet, the worker hands it back. `rateLimited`: Okta
   * did nothing on the last attempt; `retryAfterMs`: until its rate-limit window resets.
   */
  transient?: Transient;
};

type Row = Pick<ItemRow, 'userId' | 'userLabel'>;

/** Runs one row; Okta's refusals and errors become a failed row with Okta's summary and request id. */
export async function runItem(okta: OktaClient, job: JobRow, row: Row): Promise<ItemResult> {
  const kind = kindOf(job.kind);
  try {
    const r = await kind.write(okta, { resourceId: job.targetId, memberId: row.userId }, { precheck: false });
    const message = kind.say[r.outcome]?.(row.userLabel, job.targetLabel, {}) ?? r.outcome;
    if (r.outcome === 'granted_by_group')
      return { status: 'failed', outcome: 'refused', message, requestId: r.requestId };
    return { status: 'succeeded', outcome: r.outcome, message, requestId: r.requestId };
  } catch (error) {
    const failure = describeFailure(error);
    if (!failure) throw error;
    return {
      status: 'failed',
      outcome: failure.reason === 'okta' ? 'okta' : 'not_found',
      message: failure.message,
      requestId: failure.requestId,
      code: failure.code,
      transient: transientOf(error),
    };
  }
}

/**
 * Did the row's write land although its answer was lost? The kind's read of the member's holding: a grant held
 * directly, a revoke no longer held directly (what lib/okta checks before it resends a write). The result such
 * a write gets when it lands, or null when the state does not hold or Okta could not be read.
 */
export async function landedResult(okta: OktaClient, job: JobRow, row: Row): Promise<ItemResult | null> {
  const kind = kindOf(job.kind);
  const holders = kind.relation.holders;
  if (!holders) return null;
  let holding: Holding;
  try {
    holding = await holders.read(okta, job.targetId, row.userId);
  } catch (error) {
    if (!describeFailure(error)) throw error;
    return null;
  }
  if (kind.grants ? holding !== 'direct' : holding === 'direct') return null;
  const message = kind.say[kind.changed]?.(row.userLabel, job.targetLabel, {}) ?? kind.changed;
  return { status: 'succeeded', outcome: kind.changed, message };
}

/**
 * The grant a landed row of a time-bound job gives (recorded with the row). The preview skipped users who had the
 * access already, so the grant takes back what the row gave, unless Okta's answer says it was so before.
 */
export function itemGrant(
  job: JobRow,
  row: Pick<ItemRow, 'userId' | 'userLabel'>,
  r: ItemResult,
): NewGrant | undefined {
  const kind = KINDS[job.kind];
  if (!job.endsAt || r.status !== 'succeeded' || !('timeBound' in kind)) return undefined;
  return {
    integrationId: job.integrationId,
    kind: job.kind as GrantKindId,
    resource: { id: job.targetId, label: job.targetLabel },
    member: { id: row.userId, label: row.userLabel },
    reason: job.grantReason ?? '',
    actor: { type: job.actorType, id: job.actorId, label: job.actorLabel },
    endsAt: job.endsAt,
    preexisting: r.outcome !== kind.changed,
    now: new Date(),
  };
}

/** The audit event of one row, as a single change would write it, plus the job and row. */
export function itemAudit(job: JobRow, row: Pick<ItemRow, 'userId' | 'userLabel' | 'seq'>, r: ItemResult): AuditInput {
  const { relation } = KINDS[job.kind];
  const resource = { type: relation.resource, id: job.targetId, label: job.targetLabel };
  const member = { type: relation.member, id: row.userId, label: row.userLabel };
  return {
    actor: actorOf(job),
    action: job.kind,
    outcome: r.status === 'succeeded' ? 'success' : r.outcome === 'refused' ? 'denied' : 'failure',
    ...auditEnds(relation, resource, member),
    integrationId: job.integrationId,
    detail: { outcome: r.outcome, message: r.message, jobId: job.id, seq: row.seq },
    oktaRequestId: r.requestId ?? null,
  };
}

import 'server-only';

import { handle, schema } from '@/db';
import { auditRow, recordAudit, type AuditActor, type AuditInput } from '@/lib/audit';
import { closeGrantsTakenBack } from '@/lib/grants/store';
import { oktaFor } from '@/lib/integrations/okta-for';
import { capabilityOf, noteChangeResult } from '@/lib/integrations/write-access';
import { transientOf, type Transient } from '@/lib/jobs/transient';
import { type OktaClient } from '@/lib/okta';
import { kindOf, type ChangedOutcome, type ChangeInput, type End, type KindId, type Relation } from './kinds';
import { auditEnds, checkResource, NOT_FOUND, readEnd } from './kinds/ends';
import type { AlreadyOutcome } from './kinds/types';
import { describeFailure } from './messages';

// One access change, as the console's actions and the automation API make it: both ends read and named,
// what Okta would refuse refused first (group type, app status), the kind's write, Okta's request id, one
// audit event naming both ends. Idempotent outcomes are successes that say so.
export type AccessOutcome = ChangedOutcome | AlreadyOutcome;

export type AccessResult =
  | { ok: true; outcome: AccessOutcome; message: string; requestId?: string }
  | {
      ok: false;
      reason: 'refused' | 'not_found' | 'okta';
      message: string;
      requestId?: string;
      viaGroups?: { id: string; name: string }[];
      /** No verdict from Okta (a 5xx, a lost connection, a spent rate limit): the change may be tried again later. */
      transient?: Transient;
    };

export interface OpContext {
  integrationId: string;
  actor: AuditActor;
  ip?: string | null;
}

/** The ends of a change, found and not refused (or as the caller's record names them): what `beforeWrite` is given. */
export interface ReadEnds {
  okta: OktaClient;
  resource: End;
  member: End;
}

export interface Change {
  result: AccessResult;
  /** The change's audit event, for the caller to record (with its own detail); none when the integration is gone. */
  audit?: AuditInput;
}

/**
 * Runs one change of `kind`; Okta's refusals and failures become results, never throws. A change that takes access
 * away also ends the open time-bound grant of that access (lib/grants), in the transaction of its audit event.
 */
export async function changeAccess(ctx: OpContext, kindId: KindId, input: ChangeInput): Promise<AccessResult> {
  const { result, audit } = await runChange(ctx, kindId, input);
  if (!audit) return result;
  if (!result.ok) {
    await recordAudit(audit);
    return result;
  }
  await handle.transaction(async (tx) => {
    const closed = await closeGrantsTakenBack(tx, ctx.integrationId, kindId, [input], ctx.actor, new Date());
    await tx.insert(schema.auditEvents).values([audit, ...closed].map(auditRow));
  });
  return result;
}

/** What a caller of runChange may add. */
export interface ChangeOptions {
  /**
   * The ends as the caller's own record of the change names them (a grant's row, at its end): not read before the
   * write, whose precheck reads the relation, and Okta's 404 says what is gone. Only when the precheck finds
   * nothing to do are they read, to tell access removed meanwhile from a user, group or app that is gone (or an
   * inactive app, which Okta answers as gone). Nothing is refused before the write: Okta's refusal is the answer.
   */
  known?: { resource: End; member: End };
  /** Runs before the write with the ends (a time-bound grant stores itself there), or answers instead of it. */
  beforeWrite?: (ends: ReadEnds) => Promise<AccessResult | undefined>;
}

/**
 * One change of `kind` without recording its audit event: both ends read and named, what Okta would refuse refused
 * first, then `beforeWrite`, the kind's write, the integration's write access noted. Callers that keep their own
 * record of the change (a grant and its end) write the audit event in the same transaction as that record.
 */
export async function runChange(
  ctx: OpContext,
  kindId: KindId,
  input: ChangeInput,
  opts: ChangeOptions = {},
): Promise<Change> {
  const kind = kindOf(kindId);
  const { relation } = kind;
  let ends: { resource?: End; member?: End } = {};
  let result: AccessResult;
  let refusedCode: string | undefined;
  try {
    const { client: okta } = await oktaFor(ctx.integrationId);
    const read = opts.known ? { ok: true as const, ...opts.known } : await readEnds(okta, relation, input);
    ends = { resource: read.resource, member: read.member };
    if (!read.ok) result = read.result;
    else {
      const { resource, member } = read;
      const answer = await opts.beforeWrite?.({ okta, resource, member });
      if (answer) return { result: answer };
      const ids = { ...input, resourceId: resource.id, memberId: member.id };
      const r = await kind.write(okta, ids, { precheck: true });
      const gone = opts.known && r.outcome === kind.already ? await readEnds(okta, relation, input) : undefined;
      const words = (via?: string) =>
        kind.say[r.outcome]?.(member.label, resource.label, { priority: input.priority, via }) ?? r.outcome;
      if (gone && !gone.ok) result = gone.result;
      else if (r.outcome === 'granted_by_group') {
        const viaGroups = await grantingGroups(okta, member.id, resource.id);
        const via = viaGroups.map((g) => g.name).join(', ') || undefined;
        result = { ok: false, reason: 'refused', requestId: r.requestId, viaGroups, message: words(via) };
      } else result = { ok: true, outcome: r.outcome, requestId: r.requestId, message: words() };
    }
  } catch (error) {
    const failure = describeFailure(error);
    if (!failure) throw error;
    // A change to an integration that is gone is not audited: there is no org it could have reached.
    if (failure.reason === 'integration_missing')
      return { result: { ok: false, reason: 'not_found', message: failure.message } };
    result = {
      ok: false,
      reason: failure.reason,
      message: failure.message,
      requestId: failure.requestId,
      transient: transientOf(error),
    };
    refusedCode = failure.code;
  }
  const what = `${kind.label}: ${ends.member?.label ?? input.memberId} · ${ends.resource?.label ?? input.resourceId}`;
  if (result.ok && result.outcome === kind.changed)
    await noteChangeResult(ctx.integrationId, capabilityOf(relation.id), { allowed: true, what });
  else if (refusedCode === 'E0000006')
    await noteChangeResult(ctx.integrationId, capabilityOf(relation.id), {
      allowed: false,
      what,
      requestId: result.requestId,
    });
  const audit: AuditInput = {
    actor: ctx.actor,
    action: kind.id,
    outcome: result.ok ? 'success' : result.reason === 'refused' ? 'denied' : 'failure',
    ...auditEnds(relation, ends.resource, ends.member),
    integrationId: ctx.integrationId,
    detail: { outcome: result.ok ? result.outcome : result.reason, message: result.message },
    oktaRequestId: result.requestId ?? null,
    ip: ctx.ip ?? null,
  };
  return { result, audit };
}

type ReadResult =
  | { ok: true; resource: End; member: End }
  | { ok: false; resource?: End; member?: End; result: Extract<AccessResult, { ok: false }> };

/** Both ends read from Okta, named; a result when one is gone or Okta would refuse any change of the resource. */
async function readEnds(okta: OktaClient, relation: Relation, input: ChangeInput): Promise<ReadResult> {
  const [resource, member] = await Promise.all([
    checkResource(okta, relation, input.resourceId),
    readEnd(okta, relation.member, input.memberId),
  ]);
  const ends = { resource: resource.end, member: member?.end };
  const memberGone = { ok: false as const, reason: 'not_found' as const, message: NOT_FOUND[relation.member] };
  if (relation.memberFirst && !member) return { ok: false, ...ends, result: memberGone };
  if (!resource.ok)
    return { ok: false, ...ends, result: { ok: false, reason: resource.reason, message: resource.message } };
  if (!member) return { ok: false, ...ends, result: memberGone };
  return { ok: true, resource: resource.end, member: member.end };
}

/**
 * Groups of the user that the app is assigned to: why a user has an app "via group". `userGroups`, when the
 * caller already read them, saves reading them again.
 */
export async function grantingGroups(
  okta: OktaClient,
  userId: string,
  appId: string,
  userGroups?: readonly { id: string; name: string }[],
): Promise<{ id: string; name: string }[]> {
  const [groups, assigned] = await Promise.all([
    userGroups ?? okta.users.groups(userId),
    collect(okta.apps.groups(appId, { maxItems: 5000 })),
  ]);
  const ids = new Set(assigned.map((a) => a.groupId));
  return groups.filter((g) => ids.has(g.id)).map((g) => ({ id: g.id, name: g.name }));
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

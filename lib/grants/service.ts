import 'server-only';

import { KINDS, type ChangeInput, type GrantKindId } from '@/lib/access/kinds';
import { grantingGroups, runChange, type AccessResult } from '@/lib/access/operations';
import { recordAudit } from '@/lib/audit';
import { env } from '@/lib/env';
import { formatUtc } from '@/lib/utils';
import { randomUUID } from 'node:crypto';
import { endProblem, systemClock, type Clock, type GrantLimits } from './rules';
import {
  claimGrant,
  confirmGrant,
  deleteNewGrant,
  getGrant,
  insertGrant,
  makePermanent,
  openGrantOf,
  recordGrantEnd,
  releaseGrant,
  setGrantEnd,
  type GrantActor,
  type GrantRow,
} from './store';
import { grantAudit, takeBack } from './take-back';

// Time-bound grants as the console's actions and the automation API make and manage them. A grant is a change of
// a kind that gives access (lib/access/kinds), made through the same runChange as a permanent one, with an end.
export interface GrantContext {
  integrationId: string;
  actor: GrantActor;
  ip?: string | null;
}

export const grantLimits = (): GrantLimits => ({
  minMs: env.GRANT_MIN_SECONDS * 1000,
  maxMs: env.GRANT_MAX_DAYS * 24 * 3_600_000,
});

/** What a grant answers: the change's result with the grant, or why the end was refused (nothing changed). */
export type GrantResult =
  | (Extract<AccessResult, { ok: true }> & { grant: GrantRow })
  | (Extract<AccessResult, { ok: false }> & { grant?: GrantRow })
  | { ok: false; reason: 'invalid'; field: 'expiresAt'; message: string };

/**
 * Gives access until `endsAt`, with a reason. Before the write the grant is stored, knowing whether the access
 * already existed (then its end removes nothing), so a process that dies after Okta's write still has the grant
 * that takes it back. Granting an open grant's change again sets its new end (extend) instead of a second grant.
 */
export async function grantAccess(
  ctx: GrantContext,
  kindId: GrantKindId,
  input: ChangeInput,
  grant: { endsAt: Date; reason: string },
  clock: Clock = systemClock,
): Promise<GrantResult> {
  const now = clock();
  const problem = endProblem(grant.endsAt, now, grantLimits());
  if (problem) return { ok: false, reason: 'invalid', field: 'expiresAt', message: problem };
  const kind = KINDS[kindId];
  const reason = grant.reason.trim();
  let stored: GrantRow | undefined;
  let previous: GrantRow | undefined;
  let alsoVia: string | undefined;
  const { result, audit } = await runChange(ctx, kindId, input, {
    beforeWrite: async ({ okta, resource, member }) => {
      previous = await openGrantOf(ctx.integrationId, kindId, resource.id, member.id);
      if (previous?.state === 'ending')
        return { ok: false, reason: 'refused', message: 'This grant is ending right now: grant it again in a moment.' };
      if (previous) return undefined;
      const holding = (await kind.relation.holders?.read(okta, resource.id, member.id)) ?? 'none';
      if (holding === 'indirect')
        alsoVia = (await grantingGroups(okta, member.id, resource.id)).map((g) => g.name).join(', ') || 'a group';
      stored = await insertGrant({
        integrationId: ctx.integrationId,
        kind: kindId,
        resource,
        member,
        reason,
        actor: ctx.actor,
        endsAt: grant.endsAt,
        preexisting: holding === 'direct',
        now,
      });
      if (!stored)
        return {
          ok: false,
          reason: 'refused',
          message: 'This access was just granted by someone else: reload the page.',
        };
      return undefined;
    },
  });
  const detail = (g: GrantRow | undefined) => ({
    ...audit?.detail,
    ...(g ? { grantId: g.id } : {}),
    endsAt: grant.endsAt.toISOString(),
    reason,
  });

  if (!result.ok) {
    // Okta's verdict was no: nothing changed, so no grant is kept. Without a verdict the write may have landed:
    // the grant stays, and its end takes back whatever did.
    const kept = stored && result.transient ? stored : undefined;
    if (stored && !kept) await deleteNewGrant(stored.id);
    if (audit) await recordAudit({ ...audit, detail: detail(kept) });
    const note = kept ? ` The grant is kept until ${formatUtc(grant.endsAt)}, so whatever landed ends then.` : '';
    return { ...result, message: result.message + note, ...(kept ? { grant: kept } : {}) };
  }
  const preexisting = result.outcome !== kind.changed;
  if (stored) {
    await confirmGrant(stored.id, stored.preexisting || preexisting, { ...audit!, detail: detail(stored) });
    const g = (await getGrant(stored.id))!;
    const words = [result.message, `Until ${formatUtc(grant.endsAt)}.`];
    if (g.preexisting) words.push('It was so before this grant: its end removes nothing.');
    if (alsoVia)
      words.push(
        `${g.memberLabel} also gets ${g.resourceLabel} through ${alsoVia}: while that lasts, Okta refuses to end the direct assignment (E0000046) and the grant will show as overdue.`,
      );
    return { ...result, message: words.join(' '), grant: g };
  }
  const open = previous!;
  const extended = await setGrantEnd(open.id, { endsAt: grant.endsAt, reason, now }, [
    { ...audit!, detail: detail(open) },
    grantAudit(
      open,
      'grant.extend',
      ctx.actor,
      { from: open.endsAt.toISOString(), to: grant.endsAt.toISOString(), reason },
      ctx.ip,
    ),
  ]);
  if (!extended)
    return {
      ok: false,
      reason: 'refused',
      message: 'This grant changed meanwhile (it ended or became permanent): reload the page.',
    };
  return {
    ...result,
    message: `${result.message} The grant now ends ${formatUtc(grant.endsAt)} (was ${formatUtc(open.endsAt)}).`,
    grant: (await getGrant(open.id))!,
  };
}

export type ManageResult =
  | { ok: true; grant: GrantRow; message: string }
  | { ok: false; code: 'not_found' | 'conflict' | 'upstream' | 'invalid_input'; message: string; field?: 'expiresAt' };

const NO_GRANT = 'This integration has no such grant.';
const notOpen = (g: GrantRow) =>
  g.state === 'ending'
    ? 'This grant is being ended right now.'
    : `This grant is ${g.state === 'permanent' ? 'permanent' : 'ended'}: there is nothing to change.`;

async function openGrant(ctx: GrantContext, grantId: string): Promise<GrantRow | string> {
  const g = await getGrant(grantId);
  if (!g || g.integrationId !== ctx.integrationId) return NO_GRANT;
  return g;
}

/** A new end for an active or overdue grant (an overdue one is active again until then). */
export async function extendGrant(
  ctx: GrantContext,
  grantId: string,
  endsAt: Date,
  clock: Clock = systemClock,
): Promise<ManageResult> {
  const now = clock();
  const g = await openGrant(ctx, grantId);
  if (typeof g === 'string') return { ok: false, code: 'not_found', message: g };
  const problem = endProblem(endsAt, now, grantLimits());
  if (problem) return { ok: false, code: 'invalid_input', message: problem, field: 'expiresAt' };
  const audit = grantAudit(
    g,
    'grant.extend',
    ctx.actor,
    { from: g.endsAt.toISOString(), to: endsAt.toISOString() },
    ctx.ip,
  );
  if (!(await setGrantEnd(g.id, { endsAt, now }, [audit]))) return { ok: false, code: 'conflict', message: notOpen(g) };
  const what = KINDS[g.kind].timeBound.what(g.memberLabel, g.resourceLabel);
  return { ok: true, grant: (await getGrant(g.id))!, message: `${what} now ends ${formatUtc(endsAt)}.` };
}

/** Keeps an active or overdue grant's access: it no longer ends. */
export async function keepGrant(ctx: GrantContext, grantId: string, clock: Clock = systemClock): Promise<ManageResult> {
  const g = await openGrant(ctx, grantId);
  if (typeof g === 'string') return { ok: false, code: 'not_found', message: g };
  const audit = grantAudit(
    g,
    'grant.make_permanent',
    ctx.actor,
    { endsAt: g.endsAt.toISOString(), state: g.state },
    ctx.ip,
  );
  if (!(await makePermanent(g.id, clock(), audit))) return { ok: false, code: 'conflict', message: notOpen(g) };
  const what = KINDS[g.kind].timeBound.what(g.memberLabel, g.resourceLabel);
  return { ok: true, grant: (await getGrant(g.id))!, message: `${what} is permanent now: it no longer ends.` };
}

/**
 * Ends an active or overdue grant at once, through the same take-back as its expiry, with the admin as the actor
 * and a grant.end_now event beside the change's. Okta giving no verdict hands the grant to the expiry worker,
 * due now, to retry.
 */
export async function endGrantNow(
  ctx: GrantContext,
  grantId: string,
  clock: Clock = systemClock,
): Promise<ManageResult> {
  const found = await openGrant(ctx, grantId);
  if (typeof found === 'string') return { ok: false, code: 'not_found', message: found };
  const now = clock();
  const claimer = `end-now:${ctx.actor.id}:${randomUUID().slice(0, 8)}`;
  const g = await claimGrant(found.id, claimer, now);
  if (!g) return { ok: false, code: 'conflict', message: notOpen(found) };
  const decided = grantAudit(
    g,
    'grant.end_now',
    ctx.actor,
    { endsAt: g.endsAt.toISOString(), state: found.state },
    ctx.ip,
  );
  const r = await takeBack(g, ctx.actor, ctx.ip);
  if ('transient' in r) {
    await releaseGrant(
      g.id,
      claimer,
      'active',
      now,
      { notBefore: now, failingSince: now, failureReason: r.message },
      now,
    );
    await recordAudit(decided);
    return {
      ok: false,
      code: 'upstream',
      message: `${r.message} The grant is due now: the console keeps trying to end it.`,
    };
  }
  await recordGrantEnd(g.id, claimer, r.end, now, [decided, ...r.audits]);
  const ended = (await getGrant(g.id))!;
  const said = r.audits.at(-1)?.detail?.message;
  if (r.end.state === 'overdue')
    return {
      ok: false,
      code: 'conflict',
      message: `Okta refused to end it: ${r.end.failureReason ?? 'no reason given'}`,
    };
  return { ok: true, grant: ended, message: typeof said === 'string' ? said : 'The grant ended.' };
}

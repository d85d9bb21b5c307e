import 'server-only';

import { KINDS } from '@/lib/access/kinds';
import { runChange } from '@/lib/access/operations';
import type { AuditActor, AuditInput } from '@/lib/audit';
import type { Transient } from '@/lib/jobs/transient';
import { grantEnds, grantTargets, type GrantEnd, type GrantRow } from './store';

// The end of a grant: its kind's reverse, run as a manual change runs it (paced by the integration's one Okta
// client, Okta's refusals said, audited under the reverse kind's id), by the expiry worker or by an admin's "End
// now". The grant's row names both ends, so they are not read first: the reverse's precheck reads the relation
// (removed meanwhile: a recorded no-op) and Okta's 404 says what is gone (lib/access/operations.ts `known`): two
// calls an end instead of four. Nothing is taken back that the grant did not give.
export type TakeBack = { end: GrantEnd; audits: AuditInput[] } | { transient: Transient; message: string };

/** An audit event about the grant itself (extend, make permanent, end now, an end that removed nothing). */
export const grantAudit = (
  g: GrantRow,
  action: string,
  actor: AuditActor,
  detail: Record<string, unknown>,
  ip?: string | null,
): AuditInput => ({
  actor,
  action,
  outcome: 'success',
  ...grantTargets(g),
  integrationId: g.integrationId,
  detail: { grantId: g.id, kind: g.kind, ...detail },
  ip: ip ?? null,
});

/** The actor of an end that came by itself: "expiry of ada@example.com's grant". */
export const expiryActor = (g: GrantRow): AuditActor => ({
  type: 'system',
  id: null,
  label: `expiry of ${g.actorLabel}'s grant`,
});

/** Takes back what a claimed grant gave; transient failures come back for the caller to retry later. */
export async function takeBack(g: GrantRow, actor: AuditActor, ip?: string | null): Promise<TakeBack> {
  const kind = KINDS[g.kind];
  if (g.preexisting) {
    const message = kind.timeBound.kept(g.memberLabel, g.resourceLabel);
    return {
      end: { state: 'ended', outcome: 'kept' },
      audits: [grantAudit(g, 'grant.end', actor, { outcome: 'kept', message }, ip)],
    };
  }
  const { result, audit } = await runChange(
    { integrationId: g.integrationId, actor, ip },
    kind.reverse,
    { resourceId: g.resourceId, memberId: g.memberId },
    { known: grantEnds(g) },
  );
  if (!result.ok && result.transient) return { transient: result.transient, message: result.message };
  const audits = audit ? [{ ...audit, detail: { ...audit.detail, grantId: g.id } }] : [];
  if (result.ok) return { end: { state: 'ended', outcome: result.outcome, requestId: result.requestId }, audits };
  // The user, group or app is gone from Okta: nothing is left to take back.
  if (result.reason === 'not_found' && audit)
    return { end: { state: 'ended', outcome: 'not_found', requestId: result.requestId }, audits };
  // Okta refused (E0000046: a group still grants the app; an inactive app; a role that does not allow it), or
  // the integration is gone: shown as overdue with the reason until an admin resolves it, never retried alone.
  return {
    end: { state: 'overdue', outcome: 'refused', failureReason: result.message, requestId: result.requestId },
    audits,
  };
}

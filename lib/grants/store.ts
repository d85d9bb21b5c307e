import 'server-only';

import { db, dbReady, handle, schema } from '@/db';
import { GRANT_KIND_IDS, KINDS, type End, type GrantKindId, type KindId } from '@/lib/access/kinds';
import { auditEnds } from '@/lib/access/kinds/ends';
import { auditRow, type AuditActor, type AuditInput } from '@/lib/audit';
import { newId } from '@/lib/ids';
import { claimAtomically, pickedRows } from '@/lib/leases/claim';
import { and, asc, eq, inArray, isNull, lt, lte, notInArray, or, sql } from 'drizzle-orm';

// Time-bound grants in the database. Every change of a grant's state is one conditional statement, and the
// records that end a grant (its state and its audit events) are one transaction that holds only while its claim
// does, so two processes acting at once never both end, extend or keep one grant.
const grants = schema.grants;

export type GrantRow = typeof grants.$inferSelect;
export type GrantState = GrantRow['state'];
export type GrantActor = { type: 'user' | 'token'; id: string; label: string };

/** States of a grant whose end is still to come (one at most per change: grants_open_uq). */
export const OPEN_STATES = ['active', 'ending', 'overdue'] as const satisfies readonly GrantState[];

export interface NewGrant {
  integrationId: string;
  kind: GrantKindId;
  resource: { id: string; label: string };
  member: { id: string; label: string };
  reason: string;
  actor: GrantActor;
  endsAt: Date;
  preexisting: boolean;
  now: Date;
}

type GrantEnds = Pick<GrantRow, 'kind' | 'resourceId' | 'resourceLabel' | 'memberId' | 'memberLabel'>;

/** The grant's ends as it stored them when it was made (read from Okta then). */
export function grantEnds(g: GrantEnds): { resource: End; member: End } {
  const { relation } = KINDS[g.kind];
  return {
    resource: { type: relation.resource, id: g.resourceId, label: g.resourceLabel },
    member: { type: relation.member, id: g.memberId, label: g.memberLabel },
  };
}

/** The grant's ends as the audit names them. */
export function grantTargets(g: GrantEnds) {
  const { resource, member } = grantEnds(g);
  return auditEnds(KINDS[g.kind].relation, resource, member);
}

const newGrantRow = (g: NewGrant, grantAuditId?: string): typeof grants.$inferInsert => ({
  id: newId('grt'),
  integrationId: g.integrationId,
  kind: g.kind,
  resourceId: g.resource.id,
  resourceLabel: g.resource.label,
  memberId: g.member.id,
  memberLabel: g.member.label,
  reason: g.reason,
  actorType: g.actor.type,
  actorId: g.actor.id,
  actorLabel: g.actor.label,
  grantedAt: g.now,
  endsAt: g.endsAt,
  state: 'active',
  preexisting: g.preexisting,
  grantAuditId,
  updatedAt: g.now,
});

/** Stores a new active grant; undefined when an open grant of the same change exists (made meanwhile). */
export async function insertGrant(g: NewGrant): Promise<GrantRow | undefined> {
  const [row] = await db.insert(grants).values(newGrantRow(g)).onConflictDoNothing().returning();
  return row;
}

/**
 * The grant of one row of a time-bound bulk job, written inside the transaction that records the row (so a row is
 * finished and granted together, once): a new grant pointing at the row's audit event, or, when the change already
 * has an open grant, that grant's new end (re-granting extends, as a single change does). Returns the grant's id
 * and the audit events of an extension.
 */
export async function grantInJob(
  tx: typeof db,
  g: NewGrant,
  auditId: string,
): Promise<{ id: string | null; audits: AuditInput[] }> {
  const [created] = await tx
    .insert(grants)
    .values(newGrantRow(g, auditId))
    .onConflictDoNothing()
    .returning({ id: grants.id });
  if (created) return { id: created.id, audits: [] };
  const [open] = await tx
    .select()
    .from(grants)
    .where(
      and(
        eq(grants.integrationId, g.integrationId),
        eq(grants.kind, g.kind),
        eq(grants.resourceId, g.resource.id),
        eq(grants.memberId, g.member.id),
        inArray(grants.state, OPEN_STATES),
      ),
    );
  // Ending right now (another process takes it back): its end stands, as a single re-grant is refused then.
  if (!open || open.state === 'ending') return { id: open?.id ?? null, audits: [] };
  await tx
    .update(grants)
    .set({
      endsAt: g.endsAt,
      reason: g.reason,
      state: 'active',
      failureReason: null,
      notBefore: null,
      failingSince: null,
      updatedAt: g.now,
    })
    .where(and(eq(grants.id, open.id), inArray(grants.state, ['active', 'overdue'])));
  return {
    id: open.id,
    audits: [
      {
        actor: g.actor,
        action: 'grant.extend',
        outcome: 'success',
        ...grantTargets(open),
        integrationId: open.integrationId,
        detail: {
          grantId: open.id,
          kind: open.kind,
          from: open.endsAt.toISOString(),
          to: g.endsAt.toISOString(),
          reason: g.reason,
        },
      },
    ],
  };
}

/**
 * Open grants whose access a change of `reverse` kind just took away (a manual removal, a bulk removal, an undo):
 * ended now with outcome `removed_by_change`, so Temporary access never lists access that is gone, and an audit event
 * each naming who removed it. A grant being ended right now is left to its own end. In the caller's transaction
 * when it has one (a bulk row is recorded with it). Returns the audit events to write.
 */
export async function closeGrantsTakenBack(
  tx: typeof db,
  integrationId: string,
  reverse: KindId,
  pairs: { resourceId: string; memberId: string }[],
  actor: AuditActor,
  now: Date,
): Promise<AuditInput[]> {
  const kind = GRANT_KIND_IDS.find((k) => KINDS[k].reverse === reverse);
  if (!kind || pairs.length === 0) return [];
  const closed = await tx
    .update(grants)
    .set({
      state: 'ended',
      outcome: 'removed_by_change',
      endedAt: now,
      updatedAt: now,
      claimedBy: null,
      claimedAt: null,
    })
    .where(
      and(
        eq(grants.integrationId, integrationId),
        eq(grants.kind, kind),
        inArray(grants.state, ['active', 'overdue']),
        or(...pairs.map((p) => and(eq(grants.resourceId, p.resourceId), eq(grants.memberId, p.memberId)))),
      ),
    )
    .returning();
  return closed.map((g) => ({
    actor,
    action: 'grant.closed',
    outcome: 'success' as const,
    ...grantTargets(g),
    integrationId: g.integrationId,
    detail: { grantId: g.id, kind: g.kind, by: reverse, endsAt: g.endsAt.toISOString() },
  }));
}

/** A grant that was stored for a change Okta then refused: nothing changed, so nothing is kept. */
export async function deleteNewGrant(id: string): Promise<void> {
  await db.delete(grants).where(and(eq(grants.id, id), eq(grants.state, 'active')));
}

export async function getGrant(id: string): Promise<GrantRow | undefined> {
  return (await db.select().from(grants).where(eq(grants.id, id)))[0];
}

/** The open grant of one change, if any. */
export async function openGrantOf(
  integrationId: string,
  kind: GrantKindId,
  resourceId: string,
  memberId: string,
): Promise<GrantRow | undefined> {
  const [row] = await db
    .select()
    .from(grants)
    .where(
      and(
        eq(grants.integrationId, integrationId),
        eq(grants.kind, kind),
        eq(grants.resourceId, resourceId),
        eq(grants.memberId, memberId),
        inArray(grants.state, OPEN_STATES),
      ),
    );
  return row;
}

/** Writes a grant change and its audit events in one transaction; the audit ids come back in order. */
async function withAudit(
  change: (tx: typeof db, auditIds: string[]) => Promise<boolean>,
  audits: AuditInput[],
): Promise<string[] | undefined> {
  return handle.transaction(async (tx) => {
    const rows = audits.map(auditRow);
    const ids = rows.map((r) => r.id);
    if (!(await change(tx, ids))) return undefined;
    if (rows.length > 0) await tx.insert(schema.auditEvents).values(rows);
    return ids;
  });
}

/** The grant's change is recorded: whether its access existed before (Okta's answer), and its audit event. */
export async function confirmGrant(id: string, preexisting: boolean, audit: AuditInput): Promise<void> {
  await withAudit(
    async (tx, [auditId]) => {
      await tx.update(grants).set({ preexisting, grantAuditId: auditId }).where(eq(grants.id, id));
      return true;
    },
    [audit],
  );
}

/**
 * A new end for an open grant that is not being ended right now (extend, or grant again): active again until
 * `endsAt`, any overdue reason or retry cleared. False when the grant is not open (ended, permanent) or ending.
 */
export async function setGrantEnd(
  id: string,
  change: { endsAt: Date; reason?: string; now: Date },
  audits: AuditInput[],
): Promise<boolean> {
  const ids = await withAudit(async (tx) => {
    const rows = await tx
      .update(grants)
      .set({
        endsAt: change.endsAt,
        ...(change.reason ? { reason: change.reason } : {}),
        state: 'active',
        failureReason: null,
        notBefore: null,
        failingSince: null,
        updatedAt: change.now,
      })
      .where(and(eq(grants.id, id), inArray(grants.state, ['active', 'overdue'])))
      .returning({ id: grants.id });
    return rows.length > 0;
  }, audits);
  return ids !== undefined;
}

/** Keeps the access: the grant becomes permanent (no end). False when it is not active or overdue. */
export async function makePermanent(id: string, now: Date, audit: AuditInput): Promise<boolean> {
  const ids = await withAudit(
    async (tx) => {
      const rows = await tx
        .update(grants)
        .set({ state: 'permanent', failureReason: null, notBefore: null, failingSince: null, updatedAt: now })
        .where(and(eq(grants.id, id), inArray(grants.state, ['active', 'overdue'])))
        .returning({ id: grants.id });
      return rows.length > 0;
    },
    [audit],
  );
  return ids !== undefined;
}

/**
 * Grants a worker may claim at `now`: active ones past their end (and past a transient failure's next try), and
 * ending ones whose lease expired (their worker died), except those `running` lists (this worker still has them
 * in flight).
 */
function claimable(now: Date, leaseMs: number, running: string[]) {
  const expired = and(eq(grants.state, 'ending'), lt(grants.claimedAt, new Date(now.getTime() - leaseMs)));
  return or(
    and(eq(grants.state, 'active'), lte(grants.endsAt, now), or(isNull(grants.notBefore), lte(grants.notBefore, now))),
    running.length > 0 ? and(expired, notInArray(grants.id, running)) : expired,
  );
}

/** The integrations and kinds that have grants to claim at `now`: what a worker sizes its claims by. */
export async function dueScopes(
  now: Date,
  leaseMs: number,
  running: string[] = [],
): Promise<{ integrationId: string; kind: GrantKindId }[]> {
  await dbReady();
  return db
    .selectDistinct({ integrationId: grants.integrationId, kind: grants.kind })
    .from(grants)
    .where(claimable(now, leaseMs, running));
}

/**
 * Claims up to `n` grants due at `now` (see `claimable`), soonest end first; with `scope`, only grants of that
 * integration and those kinds.
 */
export async function claimDueGrants(
  workerId: string,
  n: number,
  now: Date,
  leaseMs: number,
  running: string[] = [],
  scope?: { integrationId: string; kinds: GrantKindId[] },
): Promise<GrantRow[]> {
  await dbReady();
  const due = and(
    claimable(now, leaseMs, running),
    scope ? and(eq(grants.integrationId, scope.integrationId), inArray(grants.kind, scope.kinds)) : undefined,
  );
  const pick = db.select({ id: grants.id }).from(grants).where(due).orderBy(asc(grants.endsAt)).limit(n);
  return claimAtomically((tx) =>
    tx
      .update(grants)
      .set({ state: 'ending', claimedBy: workerId, claimedAt: now, attempts: sql`${grants.attempts} + 1` })
      .where(and(pickedRows(grants.id, pick), due))
      .returning(),
  );
}

/** Claims one open grant to end it now (an admin's "End now"); undefined when it is not active or overdue. */
export async function claimGrant(id: string, claimer: string, now: Date): Promise<GrantRow | undefined> {
  const [row] = await db
    .update(grants)
    .set({ state: 'ending', claimedBy: claimer, claimedAt: now, attempts: sql`${grants.attempts} + 1` })
    .where(and(eq(grants.id, id), inArray(grants.state, ['active', 'overdue'])))
    .returning();
  return row;
}

/** Extends the leases of grants this worker still has in flight. */
export async function renewGrantLeases(workerId: string, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(grants)
    .set({ claimedAt: now })
    .where(and(inArray(grants.id, ids), eq(grants.claimedBy, workerId), eq(grants.state, 'ending')));
}

/** How a claimed grant's end came out: ended (taken back, or nothing to take back), or overdue (Okta refused). */
export interface GrantEnd {
  state: 'ended' | 'overdue';
  outcome: string;
  failureReason?: string;
  requestId?: string;
}

/**
 * Records a claimed grant's end and its audit events (the last one is the end's, which the grant links to), only
 * while `claimer` still holds the claim: a worker whose lease was taken over records nothing, so each grant ends
 * (and is audited) once.
 */
export async function recordGrantEnd(
  id: string,
  claimer: string,
  end: GrantEnd,
  now: Date,
  audits: AuditInput[],
): Promise<boolean> {
  const ids = await withAudit(async (tx, auditIds) => {
    const rows = await tx
      .update(grants)
      .set({
        state: end.state,
        outcome: end.outcome,
        failureReason: end.failureReason ?? null,
        oktaRequestId: end.requestId ?? null,
        endAuditId: auditIds.at(-1) ?? null,
        endedAt: end.state === 'ended' ? now : null,
        claimedBy: null,
        claimedAt: null,
        notBefore: null,
        updatedAt: now,
      })
      .where(and(eq(grants.id, id), eq(grants.claimedBy, claimer), eq(grants.state, 'ending')))
      .returning({ id: grants.id });
    return rows.length > 0;
  }, audits);
  return ids !== undefined;
}

/**
 * Gives a claimed grant back unfinished, to the state it was claimed from. With `retry` (a transient failure), not
 * before its next try, remembering when it first failed and why (the Temporary access page shows it meanwhile);
 * with `endsAt`, due then (an "End now" that Okta did not answer).
 */
export async function releaseGrant(
  id: string,
  claimer: string,
  to: 'active' | 'overdue',
  now: Date,
  retry?: { notBefore: Date; failingSince: Date; failureReason: string },
  endsAt?: Date,
): Promise<void> {
  await db
    .update(grants)
    .set({ state: to, claimedBy: null, claimedAt: null, updatedAt: now, ...retry, ...(endsAt ? { endsAt } : {}) })
    .where(and(eq(grants.id, id), eq(grants.claimedBy, claimer), eq(grants.state, 'ending')));
}

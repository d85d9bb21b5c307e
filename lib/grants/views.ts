import 'server-only';

import { db, schema } from '@/db';
import { KINDS, type GrantKindId } from '@/lib/access/kinds';
import { contains } from '@/lib/sql-text';
import { and, asc, desc, eq, gt, inArray, lt, or, type SQL } from 'drizzle-orm';
import { GRANT_CURSOR, type GrantList } from './rules';
import { OPEN_STATES, type GrantRow, type GrantState } from './store';

// Grants as the Temporary access page and the automation API show them.
const grants = schema.grants;
const GRANT_ID = /^grt_[A-Za-z0-9]{20}$/;

export interface GrantFilter {
  list?: GrantList;
  /** Who or what: part of the member's or the resource's name, an Okta id, or the grant's id. */
  q?: string;
  kind?: GrantKindId;
  /** Only grants ending before this. */
  endsBefore?: Date;
  cursor?: string;
  limit?: number;
}

export interface GrantView {
  id: string;
  kind: GrantKindId;
  /** "dana in prod-admins": the kind's words for the access. */
  what: string;
  resource: { type: 'group' | 'app'; id: string; label: string };
  member: { type: 'user' | 'group'; id: string; label: string };
  reason: string;
  grantedBy: { type: 'user' | 'token'; id: string; label: string };
  grantedAt: Date;
  endsAt: Date;
  state: GrantState;
  preexisting: boolean;
  outcome: string | null;
  failureReason: string | null;
  /** A grant waiting to retry its end after Okta gave no verdict: its next try. */
  retryAt: Date | null;
  oktaRequestId: string | null;
  endedAt: Date | null;
  grantAuditId: string | null;
  endAuditId: string | null;
}

export function toGrantView(g: GrantRow): GrantView {
  const { relation, timeBound } = KINDS[g.kind];
  return {
    id: g.id,
    kind: g.kind,
    what: timeBound.what(g.memberLabel, g.resourceLabel),
    resource: { type: relation.resource, id: g.resourceId, label: g.resourceLabel },
    member: { type: relation.member, id: g.memberId, label: g.memberLabel },
    reason: g.reason,
    grantedBy: { type: g.actorType, id: g.actorId, label: g.actorLabel },
    grantedAt: g.grantedAt,
    endsAt: g.endsAt,
    state: g.state,
    preexisting: g.preexisting,
    outcome: g.outcome,
    failureReason: g.failureReason,
    retryAt: g.state === 'active' ? g.notBefore : null,
    oktaRequestId: g.oktaRequestId,
    endedAt: g.endedAt,
    grantAuditId: g.grantAuditId,
    endAuditId: g.endAuditId,
  };
}

const cursorOf = (at: Date, id: string) => `${at.getTime()}.${id}`;

/**
 * One page of an integration's grants. Open and active ones soonest end first; ended ones latest end first;
 * permanent ones latest change first.
 */
export async function listGrants(
  integrationId: string,
  f: GrantFilter = {},
): Promise<{ items: GrantView[]; nextCursor: string | null }> {
  const list = f.list ?? 'open';
  const limit = f.limit ?? 50;
  const where: (SQL | undefined)[] = [
    eq(grants.integrationId, integrationId),
    // A grant's own id (the audit log's link) finds it whatever its state.
    f.q && GRANT_ID.test(f.q)
      ? undefined
      : list === 'open'
        ? inArray(grants.state, OPEN_STATES)
        : eq(grants.state, list),
  ];
  if (f.q)
    where.push(
      or(
        contains(grants.memberLabel, f.q),
        contains(grants.resourceLabel, f.q),
        eq(grants.memberId, f.q),
        eq(grants.resourceId, f.q),
        eq(grants.id, f.q),
      ),
    );
  if (f.kind) where.push(eq(grants.kind, f.kind));
  if (f.endsBefore) where.push(lt(grants.endsAt, f.endsBefore));
  const newestFirst = list === 'ended' || list === 'permanent';
  const time = list === 'ended' ? grants.endedAt : list === 'permanent' ? grants.updatedAt : grants.endsAt;
  if (f.cursor && GRANT_CURSOR.test(f.cursor)) {
    const [ms, id] = f.cursor.split('.') as [string, string];
    const at = new Date(Number(ms));
    where.push(
      newestFirst
        ? or(lt(time, at), and(eq(time, at), lt(grants.id, id)))
        : or(gt(time, at), and(eq(time, at), gt(grants.id, id))),
    );
  }
  const order = newestFirst ? [desc(time), desc(grants.id)] : [asc(time), asc(grants.id)];
  const rows = await db
    .select()
    .from(grants)
    .where(and(...where))
    .orderBy(...order)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const lastTime = last && (list === 'ended' ? last.endedAt : list === 'permanent' ? last.updatedAt : last.endsAt);
  return {
    items: page.map(toGrantView),
    nextCursor: rows.length > limit && last && lastTime ? cursorOf(lastTime, last.id) : null,
  };
}

/**
 * The open grants that touch one user, group or app (either end), keyed by `grantKey`: the badges of its page.
 */
export async function openGrantsTouching(integrationId: string, oktaId: string): Promise<Map<string, GrantView>> {
  const rows = await db
    .select()
    .from(grants)
    .where(
      and(
        eq(grants.integrationId, integrationId),
        inArray(grants.state, OPEN_STATES),
        or(eq(grants.resourceId, oktaId), eq(grants.memberId, oktaId)),
      ),
    );
  return new Map(rows.map((g) => [grantKey(g.kind, g.resourceId, g.memberId), toGrantView(g)]));
}

export const grantKey = (kind: GrantKindId, resourceId: string, memberId: string) =>
  `${kind}|${resourceId}|${memberId}`;

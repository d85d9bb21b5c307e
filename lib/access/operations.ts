import 'server-only';

import { recordAudit, type AuditActor } from '@/lib/audit';
import { isOktaError, type OktaClient, type OktaGroup } from '@/lib/okta';
import { describeOktaFailure } from './messages';
import { IntegrationMissingError, oktaFor } from './okta-for';

// The access operations behind the console's actions and the automation API: checks Okta would make
// too (group type, app status) happen first, each change is audited with Okta's request id, and
// idempotent outcomes are successes that say so.
export type AccessOutcome =
  | 'added'
  | 'already_member'
  | 'removed'
  | 'not_member'
  | 'assigned'
  | 'already_assigned'
  | 'updated'
  | 'unassigned'
  | 'not_assigned';

export type AccessResult =
  | { ok: true; outcome: AccessOutcome; message: string; requestId?: string }
  | {
      ok: false;
      reason: 'refused' | 'not_found' | 'okta';
      message: string;
      requestId?: string;
      viaGroups?: { id: string; name: string }[];
    };

export interface OpContext {
  integrationId: string;
  actor: AuditActor;
  ip?: string | null;
}

const userLabel = (u: { login: string; displayName?: string }) => u.login;

type Target = { type: string; id: string; label: string };

async function audit(ctx: OpContext, action: string, result: AccessResult, targets: Target[]) {
  await recordAudit({
    actor: ctx.actor,
    action,
    outcome: result.ok ? 'success' : result.reason === 'refused' ? 'denied' : 'failure',
    target: targets[0],
    integrationId: ctx.integrationId,
    detail: { outcome: result.ok ? result.outcome : result.reason, message: result.message, targets },
    oktaRequestId: result.requestId ?? null,
    ip: ctx.ip ?? null,
  });
}

/** Runs one operation: resolve names, check, change, audit; Okta's refusals become results, not throws. */
async function run(
  ctx: OpContext,
  action: string,
  body: (client: OktaClient, targets: Target[]) => Promise<AccessResult>,
): Promise<AccessResult> {
  const targets: Target[] = [];
  let result: AccessResult;
  try {
    const { client } = await oktaFor(ctx.integrationId);
    result = await body(client, targets);
  } catch (error) {
    if (error instanceof IntegrationMissingError)
      return { ok: false, reason: 'not_found', message: 'This integration no longer exists.' };
    const failure = describeOktaFailure(error);
    if (!failure) throw error;
    result = {
      ok: false,
      reason: isOktaError(error) && error.kind === 'not_found' ? 'not_found' : 'okta',
      message: failure.message,
      requestId: failure.requestId,
    };
  }
  await audit(ctx, action, result, targets);
  return result;
}

const notFound = (what: string): AccessResult => ({
  ok: false,
  reason: 'not_found',
  message: `No such ${what} in this Okta org.`,
});

/** Okta lets the API change memberships of OKTA_GROUP groups only. */
export function membershipRefusal(group: OktaGroup): string | null {
  if (group.type === 'APP_GROUP')
    return `${group.name} is imported from an app (APP_GROUP): change its members in the source app or directory, not in Okta.`;
  if (group.type === 'BUILT_IN')
    return `${group.name} is managed by Okta (BUILT_IN): every user is in it automatically.`;
  return null;
}

/** Resolves both ends of a membership change and refuses what Okta would (unknown ids, non-OKTA_GROUP groups). */
async function membershipTargets(okta: OktaClient, userId: string, groupId: string, targets: Target[]) {
  const [user, group] = await Promise.all([okta.users.get(userId), okta.groups.get(groupId)]);
  if (user) targets.push({ type: 'okta_user', id: user.id, label: userLabel(user) });
  if (group) targets.push({ type: 'okta_group', id: group.id, label: group.name });
  if (!user) return { error: notFound('user') };
  if (!group) return { error: notFound('group') };
  const refusal = membershipRefusal(group);
  if (refusal) return { error: { ok: false, reason: 'refused', message: refusal } as AccessResult };
  return { user, group };
}

export function addUserToGroup(ctx: OpContext, userId: string, groupId: string) {
  return run(ctx, 'group.add_member', async (okta, targets) => {
    const { user, group, error } = await membershipTargets(okta, userId, groupId, targets);
    if (error) return error;
    const r = await okta.groups.addMember(group.id, user.id);
    return {
      ok: true,
      outcome: r.outcome,
      requestId: r.requestId,
      message:
        r.outcome === 'added'
          ? `${user.login} added to ${group.name}.`
          : `${user.login} is already a member of ${group.name}.`,
    };
  });
}

export function removeUserFromGroup(ctx: OpContext, userId: string, groupId: string) {
  return run(ctx, 'group.remove_member', async (okta, targets) => {
    const { user, group, error } = await membershipTargets(okta, userId, groupId, targets);
    if (error) return error;
    const r = await okta.groups.removeMember(group.id, user.id);
    return {
      ok: true,
      outcome: r.outcome,
      requestId: r.requestId,
      message:
        r.outcome === 'removed'
          ? `${user.login} removed from ${group.name}.`
          : `${user.login} was not a member of ${group.name}.`,
    };
  });
}

/** Groups of the user that the app is assigned to: why a user has an app "via group". */
export async function grantingGroups(
  okta: OktaClient,
  userId: string,
  appId: string,
): Promise<{ id: string; name: string }[]> {
  const [groups, assigned] = await Promise.all([
    okta.users.groups(userId),
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

async function activeApp(okta: OktaClient, appId: string, targets: Target[]) {
  const app = await okta.apps.get(appId);
  if (app) targets.push({ type: 'okta_app', id: app.id, label: app.label });
  if (!app) return { error: notFound('app (or it is inactive)') };
  if (app.status !== 'ACTIVE')
    return {
      error: {
        ok: false,
        reason: 'refused',
        message: `${app.label} is ${app.status.toLowerCase()}: activate it in Okta before changing assignments.`,
      } as AccessResult,
    };
  return { app };
}

export function assignAppToUser(ctx: OpContext, appId: string, userId: string) {
  return run(ctx, 'app.assign_user', async (okta, targets) => {
    const { app, error } = await activeApp(okta, appId, targets);
    if (error) return error;
    const user = await okta.users.get(userId);
    if (!user) return notFound('user');
    targets.push({ type: 'okta_user', id: user.id, label: userLabel(user) });
    const r = await okta.apps.assignUser(app.id, user.id);
    return {
      ok: true,
      outcome: r.outcome,
      requestId: r.requestId,
      message:
        r.outcome === 'assigned'
          ? `${app.label} assigned to ${user.login}.`
          : `${user.login} already has ${app.label} assigned directly.`,
    };
  });
}

export function unassignAppFromUser(ctx: OpContext, appId: string, userId: string) {
  return run(ctx, 'app.unassign_user', async (okta, targets) => {
    const { app, error } = await activeApp(okta, appId, targets);
    if (error) return error;
    const user = await okta.users.get(userId);
    if (!user) return notFound('user');
    targets.push({ type: 'okta_user', id: user.id, label: userLabel(user) });
    let r;
    try {
      r = await okta.apps.unassignUser(app.id, user.id);
    } catch (e) {
      if (!(isOktaError(e) && e.errorCode === 'E0000046')) throw e;
      r = { outcome: 'granted_by_group' as const, requestId: e.requestId };
    }
    if (r.outcome === 'granted_by_group') {
      const viaGroups = await grantingGroups(okta, user.id, app.id);
      const names = viaGroups.map((g) => g.name).join(', ') || 'a group';
      return {
        ok: false,
        reason: 'refused',
        requestId: r.requestId,
        viaGroups,
        message: `${user.login} gets ${app.label} through ${names}. Remove them from that group, or unassign the app from the group, instead (Okta E0000046).`,
      };
    }
    return {
      ok: true,
      outcome: r.outcome,
      requestId: r.requestId,
      message:
        r.outcome === 'unassigned'
          ? `${app.label} unassigned from ${user.login}.`
          : `${user.login} did not have ${app.label}.`,
    };
  });
}

export function assignAppToGroup(ctx: OpContext, appId: string, groupId: string, priority?: number) {
  return run(ctx, 'app.assign_group', async (okta, targets) => {
    const { app, error } = await activeApp(okta, appId, targets);
    if (error) return error;
    const group = await okta.groups.get(groupId);
    if (!group) return notFound('group');
    targets.push({ type: 'okta_group', id: group.id, label: group.name });
    const r = await okta.apps.assignGroup(app.id, group.id, { priority });
    const verb = {
      assigned: 'assigned to',
      updated: 'priority updated for',
      already_assigned: 'was already assigned to',
    }[r.outcome];
    return {
      ok: true,
      outcome: r.outcome,
      requestId: r.requestId,
      message: `${app.label} ${verb} ${group.name}${priority !== undefined ? ` (priority ${priority})` : ''}.`,
    };
  });
}

export function unassignAppFromGroup(ctx: OpContext, appId: string, groupId: string) {
  return run(ctx, 'app.unassign_group', async (okta, targets) => {
    const { app, error } = await activeApp(okta, appId, targets);
    if (error) return error;
    const group = await okta.groups.get(groupId);
    if (!group) return notFound('group');
    targets.push({ type: 'okta_group', id: group.id, label: group.name });
    const r = await okta.apps.unassignGroup(app.id, group.id);
    return {
      ok: true,
      outcome: r.outcome,
      requestId: r.requestId,
      message:
        r.outcome === 'unassigned'
          ? `${app.label} unassigned from ${group.name}.`
          : `${group.name} did not have ${app.label}.`,
    };
  });
}

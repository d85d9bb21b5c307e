import 'server-only';

import { recordAudit } from '@/lib/audit';
import { oktaFor } from '@/lib/integrations/okta-for';
import { filterString, type OktaApp, type OktaClient, type OktaGroup, type OktaUser } from '@/lib/okta';
import { membership, appUser as userAssignment, type Relation } from './kinds';
import { auditEnds, NOT_FOUND, readEnd } from './kinds/ends';
import { grantingGroups, type OpContext } from './operations';

/** A check's user and resource read from Okta (the user first: it is named when both are missing). */
async function readCheckEnds(ctx: OpContext, relation: Relation, userId: string, resourceId: string) {
  const { client } = await oktaFor(ctx.integrationId);
  const [user, resource] = await Promise.all([
    readEnd(client, 'user', userId),
    readEnd(client, relation.resource, resourceId),
  ]);
  if (!user) return { ok: false as const, message: NOT_FOUND.user };
  if (!resource) return { ok: false as const, message: NOT_FOUND[relation.resource] };
  return { ok: true as const, client, user: user.raw as OktaUser, userEnd: user.end, resource, relation };
}

type CheckEnds = Extract<Awaited<ReturnType<typeof readCheckEnds>>, { ok: true }>;

/** A check is audited like a change of its relation, with its answer as the detail. */
const auditCheck = (ctx: OpContext, action: string, ends: CheckEnds, detail: Record<string, unknown>) =>
  recordAudit({
    actor: ctx.actor,
    action,
    outcome: 'success',
    ...auditEnds(ends.relation, ends.resource.end, ends.userEnd),
    integrationId: ctx.integrationId,
    detail,
    ip: ctx.ip ?? null,
  });

export type MembershipAnswer =
  | {
      ok: true;
      member: boolean;
      user: { id: string; login: string };
      group: { id: string; name: string; type: string };
      message: string;
    }
  | { ok: false; message: string };

/** Is the user in the group? One call for the user's groups (plus the two lookups), never a scan of the group. */
export async function checkMembership(ctx: OpContext, userId: string, groupId: string): Promise<MembershipAnswer> {
  const ends = await readCheckEnds(ctx, membership, userId, groupId);
  if (!ends.ok) return ends;
  const { client, user } = ends;
  const group = ends.resource.raw as OktaGroup;
  const member = await client.groups.isMember(user.id, group.id);
  await auditCheck(ctx, 'group.check_member', ends, { member });
  return {
    ok: true,
    member,
    user: { id: user.id, login: user.login },
    group: { id: group.id, name: group.name, type: group.type },
    message: member ? `${user.login} is a member of ${group.name}.` : `${user.login} is not a member of ${group.name}.`,
  };
}

export type AppAccessAnswer =
  | {
      ok: true;
      access: 'direct' | 'group' | 'none';
      viaGroups: { id: string; name: string }[];
      user: { id: string; login: string };
      app: { id: string; label: string; status: string };
      message: string;
    }
  | { ok: false; message: string };

/** Does the user have the app, and how: assigned directly, through which groups, or not at all. */
export async function checkAppAccess(ctx: OpContext, userId: string, appId: string): Promise<AppAccessAnswer> {
  const ends = await readCheckEnds(ctx, userAssignment, userId, appId);
  if (!ends.ok) return ends;
  const { client, user } = ends;
  const app = ends.resource.raw as OktaApp;
  const appUser = await client.apps.getUser(app.id, user.id);
  const viaGroups = appUser ? await grantingGroups(client, user.id, app.id) : [];
  const access = !appUser ? 'none' : appUser.scope === 'USER' ? 'direct' : 'group';
  const via = viaGroups.map((g) => g.name).join(', ');
  const message =
    access === 'none'
      ? `${user.login} does not have ${app.label}.`
      : access === 'direct'
        ? `${user.login} has ${app.label} assigned directly${via ? ` (and through ${via})` : ''}.`
        : `${user.login} has ${app.label} through ${via || 'a group'}.`;
  await auditCheck(ctx, 'app.check_user', ends, { access });
  return {
    ok: true,
    access,
    viaGroups,
    user: { id: user.id, login: user.login },
    app: { id: app.id, label: app.label, status: app.status },
    message,
  };
}

export type UserAppAccess = {
  appId: string;
  label: string;
  status: string;
  /** USER scope: assigned directly (Okta reports USER even when a group grants it too). */
  direct: boolean;
  /** The user's groups the app is assigned to. */
  viaGroups: { id: string; name: string }[];
  /** True when the granting groups were not looked up (too many to ask within the page's budget). */
  viaUnknown: boolean;
};

/** Most list calls one page may spend naming granting groups (one per group, or one per group-granted app). */
export const MAX_GRANT_LOOKUPS = 40;

/**
 * The user's apps and how each is granted. One call lists the apps with their AppUser `scope`; the
 * granting groups then come from whichever is fewer: the apps of each of the user's groups, or the group
 * assignments of each group-granted app. Bounded by the user's own groups and apps, never by a group's size.
 */
export async function userAppAccess(
  okta: OktaClient,
  userId: string,
  groups: OktaGroup[],
): Promise<{ apps: UserAppAccess[]; truncated: boolean }> {
  const listed: { appId: string; label: string; status: string; scope?: string }[] = [];
  let truncated = false;
  for await (const a of okta.apps.forUser(userId, { maxItems: 201 })) {
    if (listed.length === 200) {
      truncated = true;
      break;
    }
    listed.push({ appId: a.appId, label: a.label, status: a.status, scope: a.appUser?.scope });
  }
  const viaGroup = listed.filter((a) => a.scope !== 'USER');
  const grants = new Map<string, Set<string>>(); // appId → granting group ids
  const grant = (appId: string, groupId: string) => grants.set(appId, (grants.get(appId) ?? new Set()).add(groupId));
  const looked = new Set<string>();
  if (viaGroup.length > 0 && groups.length > 0) {
    const names = new Set(groups.map((g) => g.id));
    if (groups.length <= viaGroup.length) {
      await Promise.all(
        groups.slice(0, MAX_GRANT_LOOKUPS).map(async (g) => {
          for await (const app of okta.apps.list({ filter: `group.id eq ${filterString(g.id)}` }, { maxItems: 1000 }))
            grant(app.id, g.id);
        }),
      );
      if (groups.length <= MAX_GRANT_LOOKUPS) listed.forEach((a) => looked.add(a.appId));
    } else {
      await Promise.all(
        viaGroup.slice(0, MAX_GRANT_LOOKUPS).map(async (a) => {
          for await (const asg of okta.apps.groups(a.appId, { maxItems: 2000 }))
            if (names.has(asg.groupId)) grant(a.appId, asg.groupId);
          looked.add(a.appId);
        }),
      );
    }
  }
  const byId = new Map(groups.map((g) => [g.id, g]));
  const apps = listed.map((a) => {
    const viaGroups = [...(grants.get(a.appId) ?? [])]
      .map((id) => ({ id, name: byId.get(id)?.name ?? id }))
      .sort((x, y) => x.name.localeCompare(y.name));
    const direct = a.scope === 'USER';
    return {
      appId: a.appId,
      label: a.label,
      status: a.status,
      direct,
      viaGroups,
      viaUnknown: !direct && viaGroups.length === 0 && !looked.has(a.appId),
    };
  });
  return { apps: apps.sort((x, y) => x.label.localeCompare(y.label)), truncated };
}

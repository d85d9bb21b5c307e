import 'server-only';
import { recordAudit } from '@/lib/audit';
import { grantingGroups, type OpContext } from './operations';
import { oktaFor } from './okta-for';

export type MembershipAnswer =
  | { ok: true; member: boolean; user: { id: string; login: string }; group: { id: string; name: string; type: string }; message: string }
  | { ok: false; message: string };

/** Is the user in the group? One call for the user's groups (plus the two lookups), never a scan of the group. */
export async function checkMembership(ctx: OpContext, userId: string, groupId: string): Promise<MembershipAnswer> {
  const { client } = await oktaFor(ctx.integrationId);
  const [user, group] = await Promise.all([client.users.get(userId), client.groups.get(groupId)]);
  if (!user || !group) return { ok: false, message: `No such ${user ? 'group' : 'user'} in this Okta org.` };
  const member = await client.groups.isMember(user.id, group.id);
  const answer: MembershipAnswer = {
    ok: true,
    member,
    user: { id: user.id, login: user.login },
    group: { id: group.id, name: group.name, type: group.type },
    message: member ? `${user.login} is a member of ${group.name}.` : `${user.login} is not a member of ${group.name}.`,
  };
  await recordAudit({ actor: ctx.actor, action: 'group.check_member', outcome: 'success', target: { type: 'okta_group', id: group.id, label: group.name }, integrationId: ctx.integrationId, detail: { user: user.login, member }, ip: ctx.ip ?? null });
  return answer;
}

export type AppAccessAnswer =
  | { ok: true; access: 'direct' | 'group' | 'none'; viaGroups: { id: string; name: string }[]; user: { id: string; login: string }; app: { id: string; label: string; status: string }; message: string }
  | { ok: false; message: string };

/** Does the user have the app, and how: assigned directly, through which groups, or not at all. */
export async function checkAppAccess(ctx: OpContext, userId: string, appId: string): Promise<AppAccessAnswer> {
  const { client } = await oktaFor(ctx.integrationId);
  const [user, app] = await Promise.all([client.users.get(userId), client.apps.get(appId)]);
  if (!user || !app) return { ok: false, message: `No such ${user ? 'app (or it is inactive)' : 'user'} in this Okta org.` };
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
  await recordAudit({ actor: ctx.actor, action: 'app.check_user', outcome: 'success', target: { type: 'okta_app', id: app.id, label: app.label }, integrationId: ctx.integrationId, detail: { user: user.login, access }, ip: ctx.ip ?? null });
  return { ok: true, access, viaGroups, user: { id: user.id, login: user.login }, app: { id: app.id, label: app.label, status: app.status }, message };
}

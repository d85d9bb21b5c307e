import { isSuperAdmin, listFilter, requirePermission } from '../auth/permissions';
import { notFound, oktaError } from '../core/errors';
import { addMemberByAdmin, removeMemberByAdmin } from '../core/group-rules';
import { iso } from '../core/ids';
import type { GroupRecord } from '../core/types';
import type { Reply, RequestContext, Route } from '../http/types';
import { CHOICES } from '../unconfirmed';
import { listPredicate } from './expr';
import { loadGroup } from './load';
import { LIMITS, linkHeaders, pageIds, parseLimit } from './pagination';
import { appJson, groupJson, userJson } from './serialize';
import { listPage } from './sorted-search';

const FILTER_ATTRS = new Set(['id', 'type', 'lastUpdated', 'lastMembershipUpdated']);
const DATE_ATTRS = new Set(['created', 'lastUpdated', 'lastMembershipUpdated']);

function groupGetter(g: GroupRecord): (attr: string) => unknown {
  return (attr) => {
    if (attr.startsWith('profile.')) return (g.profile as Record<string, unknown>)[attr.slice(8)];
    if (DATE_ATTRS.has(attr)) return iso(g[attr as 'created']);
    if (attr === 'id') return g.id;
    if (attr === 'type') return g.type;
    if (attr === 'source.id') return g.sourceAppId;
    return undefined;
  };
}

const expressionFilter = (ctx: RequestContext) =>
  listPredicate(ctx.query, groupGetter, {
    filter: (c) =>
      FILTER_ATTRS.has(c.attr) && (c.op === 'eq' || (DATE_ATTRS.has(c.attr) && (c.op === 'gt' || c.op === 'lt'))),
    search: (c) => {
      if (c.op === 'ne') return false;
      if (c.op === 'co') return c.attr === 'profile.name' || c.attr === 'profile.description';
      return c.attr.startsWith('profile.') || ['id', 'type', 'source.id'].includes(c.attr) || DATE_ATTRS.has(c.attr);
    },
  });

/** GET /api/v1/groups — okta.groups.read */
function listGroups(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const roleFilter = listFilter(dir, ctx.auth!.client, 'groups.read', 'group');
  const q = ctx.query.get('q');
  if (q !== null) {
    // "Paging and searching are currently mutually exclusive. You can't page a query." Exact name
    // matches come before partial ones.
    const limit = parseLimit(ctx, LIMITS.groupsQ);
    const needle = q.toLowerCase();
    const hits = dir.groupIds.values().filter((id) => {
      if (roleFilter && !roleFilter(id)) return false;
      return dir.groups.get(id)!.profile.name.toLowerCase().startsWith(needle);
    });
    const exact = hits.filter((id) => dir.groups.get(id)!.profile.name.toLowerCase() === needle);
    const ordered = [...exact, ...hits.filter((id) => !exact.includes(id))].slice(0, limit);
    return {
      status: 200,
      body: ordered.map((id) => withExpand(ctx, groupJson(ctx.origin, dir.groups.get(id)!, true))),
      headers: { link: linkHeaders(ctx, limit, null) },
    };
  }
  const limit = parseLimit(ctx, LIMITS.groups);
  const expr = expressionFilter(ctx);
  const accept =
    roleFilter || expr
      ? (id: string) => (!roleFilter || roleFilter(id)) && (!expr || expr(dir.groups.get(id)!))
      : undefined;
  const { ids, next } = listPage(ctx, dir.groupIds, limit, accept, (id, attr) =>
    groupGetter(dir.groups.get(id)!)(attr),
  );
  return {
    status: 200,
    body: ids.map((id) => withExpand(ctx, groupJson(ctx.origin, dir.groups.get(id)!, true))),
    headers: { link: linkHeaders(ctx, limit, next) },
  };
}

/** `expand=stats` and/or `expand=app` fill `_embedded` (spec Group._embedded; `hasAdminPrivlege` [sic]). */
function withExpand(ctx: RequestContext, json: ReturnType<typeof groupJson>) {
  const expand = (ctx.query.get('expand') ?? '').split(',');
  if (!expand.includes('stats') && !expand.includes('app')) return json;
  const { dir } = ctx.state;
  const g = dir.groups.get(json.id)!;
  const embedded: Record<string, unknown> = {};
  if (expand.includes('stats')) {
    embedded.stats = {
      usersCount: dir.members.get(g.id)!.size,
      appsCount: dir.groupApps.get(g.id)!.size,
      groupPushMappingsCount: 0,
      hasAdminPrivlege: g.adminRole === true,
    };
  }
  const source = g.sourceAppId ? dir.apps.get(g.sourceAppId) : undefined;
  if (expand.includes('app') && source)
    embedded.app = { id: source.id, name: source.name, label: source.label, signOnMode: source.signOnMode };
  return { ...json, _embedded: embedded };
}

/** GET /api/v1/groups/{groupId} — okta.groups.read */
function getGroup(ctx: RequestContext): Reply {
  return { status: 200, body: withExpand(ctx, groupJson(ctx.origin, loadGroup(ctx), false)) };
}

/** GET /api/v1/groups/{groupId}/users — okta.groups.read; default limit 1000. */
function listGroupUsers(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const group = loadGroup(ctx);
  const limit = parseLimit(ctx, LIMITS.groupUsers);
  const { ids, next } = pageIds(ctx, dir.members.get(group.id)!, limit);
  return {
    status: 200,
    body: ids.map((id) => userJson(ctx.origin, dir.users.get(id)!, true)),
    headers: { link: linkHeaders(ctx, limit, next) },
  };
}

/** GET /api/v1/groups/{groupId}/apps — okta.groups.read; default limit 20. */
function listGroupApps(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const group = loadGroup(ctx);
  const limit = parseLimit(ctx, LIMITS.groupApps);
  const appIds = dir.groupApps.get(group.id)!;
  const { ids, next } = pageIds(ctx, dir.appIds, limit, (id) => appIds.has(id));
  return {
    status: 200,
    body: ids.map((id) => appJson(ctx.origin, dir.apps.get(id)!, true)),
    headers: { link: linkHeaders(ctx, limit, next) },
  };
}

/**
 * Membership changes: only OKTA_GROUP memberships can be changed. APP_GROUP → 403 E0000006 (terraform
 * PR #118, "even as SUPER_ADMIN"); adding to Everyone → 501 E0000060 "Unsupported operation." (#903).
 * The role needs the group side and the user side (notes §2.3); a group that holds an admin role is
 * Super-Admin-only ("Only super admins can manage groups with administrative roles", notes §1).
 */
function membershipChange(ctx: RequestContext, add: boolean): Reply {
  const { dir } = ctx.state;
  const group = loadGroup(ctx);
  const user = dir.users.get(ctx.params.userId!);
  if (!user) throw notFound(ctx.params.userId!, 'User');
  const { client } = ctx.auth!;
  requirePermission(dir, client, 'groups.members', { kind: 'group', id: group.id });
  requirePermission(dir, client, 'users.groupMembership', { kind: 'user', id: user.id });
  if (group.adminRole && !isSuperAdmin(client)) throw oktaError('E0000006');
  if (group.type === 'BUILT_IN') throw add ? oktaError('E0000060') : oktaError('E0000006');
  if (group.type === 'APP_GROUP') throw oktaError('E0000006');
  // A change runs the org's group rules for the user; removing a rule-managed member excludes them from the rule.
  const changed = add ? addMemberByAdmin(dir, group.id, user.id) : removeMemberByAdmin(dir, group.id, user.id);
  if (!changed && !CHOICES.idempotentMembership) throw notFound(user.id, 'User');
  return { status: 204 };
}

export const groupRoutes: Route[] = [
  { method: 'GET', template: '/api/v1/groups', op: 'listGroups', scope: 'okta.groups.read', handler: listGroups },
  { method: 'GET', template: '/api/v1/groups/:groupId', op: 'getGroup', scope: 'okta.groups.read', handler: getGroup },
  {
    method: 'GET',
    template: '/api/v1/groups/:groupId/users',
    op: 'listGroupUsers',
    scope: 'okta.groups.read',
    handler: listGroupUsers,
  },
  {
    method: 'GET',
    template: '/api/v1/groups/:groupId/apps',
    op: 'listAssignedApplicationsForGroup',
    scope: 'okta.groups.read',
    handler: listGroupApps,
  },
  {
    method: 'PUT',
    template: '/api/v1/groups/:groupId/users/:userId',
    op: 'assignUserToGroup',
    scope: 'okta.groups.manage',
    handler: (ctx) => membershipChange(ctx, true),
  },
  {
    method: 'DELETE',
    template: '/api/v1/groups/:groupId/users/:userId',
    op: 'unassignUserFromGroup',
    scope: 'okta.groups.manage',
    handler: (ctx) => membershipChange(ctx, false),
  },
];

import { listFilter, requirePermission } from '../auth/permissions';
import { notFound } from '../core/errors';
import { iso } from '../core/ids';
import type { UserRecord } from '../core/types';
import type { Reply, RequestContext, Route } from '../http/types';
import { listPredicate } from './expr';
import { LIMITS, linkHeaders, parseLimit } from './pagination';
import { groupJson, userJson } from './serialize';
import { listPage } from './sorted-search';

const FILTER_ATTRS = new Set([
  'status',
  'lastUpdated',
  'id',
  'profile.login',
  'profile.email',
  'profile.firstName',
  'profile.lastName',
]);
const CO_ATTRS = new Set(['profile.firstName', 'profile.lastName', 'profile.email', 'profile.login']);
const DATE_ATTRS = new Set(['created', 'activated', 'statusChanged', 'lastUpdated', 'lastLogin', 'passwordChanged']);

function userGetter(u: UserRecord): (attr: string) => unknown {
  return (attr) => {
    if (attr.startsWith('profile.')) return u.profile[attr.slice(8)];
    if (DATE_ATTRS.has(attr)) {
      const v = u[attr as 'created'];
      return v === null ? null : iso(v);
    }
    if (attr === 'id') return u.id;
    if (attr === 'status') return u.status;
    if (attr === 'type.id') return 'oty1defaultusertype0';
    return undefined;
  };
}

/** The predicate for `filter` (strict subset, case-sensitive) or `search` (wider, case-insensitive). */
const expressionFilter = (ctx: RequestContext) =>
  listPredicate(ctx.query, userGetter, {
    filter: (c) =>
      FILTER_ATTRS.has(c.attr) &&
      (c.op === 'eq' || (c.attr === 'lastUpdated' && ['gt', 'ge', 'lt', 'le'].includes(c.op))),
    search: (c) => {
      if (c.op === 'ne') return false;
      if (c.op === 'co') return CO_ATTRS.has(c.attr);
      return (
        c.attr.startsWith('profile.') ||
        c.attr === 'id' ||
        c.attr === 'status' ||
        c.attr === 'type.id' ||
        DATE_ATTRS.has(c.attr)
      );
    },
  });

/**
 * GET /api/v1/users — okta.users.read. A client with scopes but no admin role at all gets 200 and an
 * empty list here, where other endpoints answer 403 E0000006 (notes §4.4, seen live by ConductorOne).
 */
function listUsers(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  if (ctx.auth!.client.roles.length === 0) {
    const limit = parseLimit(ctx, ctx.query.get('q') !== null ? LIMITS.usersQ : LIMITS.users);
    return { status: 200, body: [], headers: { link: linkHeaders(ctx, limit, null) } };
  }
  const roleFilter = listFilter(dir, ctx.auth!.client, 'users.read', 'user');
  const q = ctx.query.get('q');
  if (q !== null) {
    // `q` omits DEPROVISIONED users and is not pageable: one page, a self link and no next.
    const limit = parseLimit(ctx, LIMITS.usersQ);
    const needle = q.toLowerCase();
    const out: unknown[] = [];
    for (const id of dir.userIds.values()) {
      if (out.length >= limit) break;
      const u = dir.users.get(id)!;
      if (u.status === 'DEPROVISIONED' || (roleFilter && !roleFilter(id))) continue;
      const p = u.profile;
      if ([p.firstName, p.lastName, p.email].some((v) => typeof v === 'string' && v.toLowerCase().startsWith(needle))) {
        out.push(userJson(ctx.origin, u, true));
      }
    }
    return { status: 200, body: out, headers: { link: linkHeaders(ctx, limit, null) } };
  }
  const limit = parseLimit(ctx, LIMITS.users);
  const expr = expressionFilter(ctx);
  // With no query at all, DEPROVISIONED users are left out; filter and search include them.
  const accept = (id: string) => {
    if (roleFilter && !roleFilter(id)) return false;
    const u = dir.users.get(id)!;
    return expr ? expr(u) : u.status !== 'DEPROVISIONED';
  };
  const { ids, next } = listPage(ctx, dir.userIds, limit, accept, (id, attr) => userGetter(dir.users.get(id)!)(attr));
  return {
    status: 200,
    body: ids.map((id) => userJson(ctx.origin, dir.users.get(id)!, true)),
    headers: { link: linkHeaders(ctx, limit, next) },
  };
}

function loadUser(ctx: RequestContext): UserRecord {
  const user = ctx.state.dir.findUser(ctx.params.id!);
  if (!user) throw notFound(ctx.params.id!, 'User');
  requirePermission(ctx.state.dir, ctx.auth!.client, 'users.read', { kind: 'user', id: user.id });
  return user;
}

/** GET /api/v1/users/{id} (id, login or unambiguous shortname) — okta.users.read */
function getUser(ctx: RequestContext): Reply {
  return { status: 200, body: userJson(ctx.origin, loadUser(ctx), false) };
}

/** GET /api/v1/users/{id}/groups — okta.users.read; no pagination parameters in the spec. */
function listUserGroups(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const user = loadUser(ctx);
  const ids = [...(dir.userGroups.get(user.id) ?? [])].sort();
  return { status: 200, body: ids.map((id) => groupJson(ctx.origin, dir.groups.get(id)!, true)) };
}

/** GET /api/v1/users/{id}/appLinks — okta.users.read; active apps assigned directly or via a group. */
function listAppLinks(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const user = loadUser(ctx);
  const links: unknown[] = [];
  for (const appId of dir.appIds.values()) {
    const app = dir.apps.get(appId)!;
    if (app.status !== 'ACTIVE' || app.service || !dir.assignments.get(appId)!.effective.has(user.id)) continue;
    links.push({
      id: user.id,
      label: app.label,
      linkUrl: `${ctx.origin}/home/${app.name}/${app.id}/${links.length + 1}`,
      logoUrl: `${ctx.origin}/assets/img/logos/${app.name}.png`,
      appName: app.name,
      appInstanceId: app.id,
      appAssignmentId: `0ua${app.id.slice(3, 10)}${user.id.slice(3, 13)}`,
      credentialsSetup: false,
      hidden: false,
      sortOrder: links.length,
    });
  }
  return { status: 200, body: links };
}

export const userRoutes: Route[] = [
  { method: 'GET', template: '/api/v1/users', op: 'listUsers', scope: 'okta.users.read', handler: listUsers },
  { method: 'GET', template: '/api/v1/users/:id', op: 'getUser', scope: 'okta.users.read', handler: getUser },
  {
    method: 'GET',
    template: '/api/v1/users/:id/groups',
    op: 'listUserGroups',
    scope: 'okta.users.read',
    handler: listUserGroups,
  },
  {
    method: 'GET',
    template: '/api/v1/users/:id/appLinks',
    op: 'listAppLinks',
    scope: 'okta.users.read',
    handler: listAppLinks,
  },
];

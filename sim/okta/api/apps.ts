import { listFilter } from '../auth/permissions';
import { oktaError } from '../core/errors';
import type { AppRecord } from '../core/types';
import type { Reply, RequestContext, Route } from '../http/types';
import { appGroupRoutes } from './app-groups';
import { appUserRoutes } from './app-users';
import { parseExpr } from './expr';
import { loadApp } from './load';
import { LIMITS, linkHeaders, pageIds, parseLimit } from './pagination';
import { appJson, appUserJson } from './serialize';

const FILTER_ATTRS = new Set(['id', 'status', 'name', 'user.id', 'group.id']);

/** `filter` on apps: "Only a single expression is supported … The only supported filter type is eq." */
function appFilter(ctx: RequestContext): ((a: AppRecord) => boolean) | null {
  const text = ctx.query.get('filter');
  if (text === null) return null;
  const expr = parseExpr(text);
  if (expr.kind !== 'cmp' || expr.op !== 'eq' || !FILTER_ATTRS.has(expr.attr) || typeof expr.value !== 'string')
    throw oktaError('E0000031');
  const { dir } = ctx.state;
  const value = expr.value;
  switch (expr.attr) {
    case 'user.id':
      return (a) => dir.assignments.get(a.id)!.effective.has(value);
    case 'group.id':
      return (a) => dir.assignments.get(a.id)!.groups.has(value);
    default:
      return (a) => a[expr.attr as 'id' | 'status' | 'name'] === value;
  }
}

/** GET /api/v1/apps — okta.apps.read */
function listApplications(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const roleFilter = listFilter(dir, ctx.auth!.client, 'apps.read', 'app');
  const limit = parseLimit(ctx, LIMITS.apps);
  const expr = appFilter(ctx);
  const q = ctx.query.get('q')?.toLowerCase();
  const expand = ctx.query.get('expand');
  const expandUser = expand?.startsWith('user/') ? expand.slice(5) : undefined;
  const accept = (id: string) => {
    if (roleFilter && !roleFilter(id)) return false;
    const a = dir.apps.get(id)!;
    if (q !== undefined && !a.name.toLowerCase().startsWith(q) && !a.label.toLowerCase().startsWith(q)) return false;
    return expr ? expr(a) : true;
  };
  const { ids, next } = pageIds(ctx, dir.appIds, limit, accept);
  const body = ids.map((id) => {
    const json = appJson(ctx.origin, dir.apps.get(id)!, true);
    if (!expandUser || !dir.appUserScope(id, expandUser)) return json;
    return { ...json, _embedded: { user: appUserJson(ctx.origin, dir, id, expandUser, false) } };
  });
  return { status: 200, body, headers: { link: linkHeaders(ctx, limit, next) } };
}

/** GET /api/v1/apps/{appId} — okta.apps.read */
function getApplication(ctx: RequestContext): Reply {
  return { status: 200, body: appJson(ctx.origin, loadApp(ctx, 'apps.read'), false) };
}

/** GET /api/v1/apps/{appId}/users — okta.apps.read; default 50, max 500. */
function listApplicationUsers(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const app = loadApp(ctx, 'apps.read');
  const limit = parseLimit(ctx, LIMITS.appUsers);
  const q = ctx.query.get('q')?.toLowerCase();
  const a = dir.assignments.get(app.id)!;
  const accept =
    q === undefined
      ? undefined
      : (id: string) => {
          const p = dir.users.get(id)!.profile;
          const userName = a.direct.get(id)?.userName ?? p.login;
          return [userName, p.firstName, p.lastName, p.email].some(
            (v) => typeof v === 'string' && v.toLowerCase().startsWith(q),
          );
        };
  const { ids, next } = pageIds(ctx, a.effective, limit, accept);
  const expandUser = ctx.query.get('expand') === 'user';
  return {
    status: 200,
    body: ids.map((id) => appUserJson(ctx.origin, dir, app.id, id, expandUser)),
    headers: { link: linkHeaders(ctx, limit, next) },
  };
}

export const appRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/v1/apps',
    op: 'listApplications',
    scope: 'okta.apps.read',
    handler: listApplications,
  },
  {
    method: 'GET',
    template: '/api/v1/apps/:appId',
    op: 'getApplication',
    scope: 'okta.apps.read',
    handler: getApplication,
  },
  {
    method: 'GET',
    template: '/api/v1/apps/:appId/users',
    op: 'listApplicationUsers',
    scope: 'okta.apps.read',
    handler: listApplicationUsers,
  },
  ...appUserRoutes,
  ...appGroupRoutes,
];

import { requirePermission } from '../auth/permissions';
import { notFound, oktaError } from '../core/errors';
import type { Reply, RequestContext, Route } from '../http/types';
import { appGroupBody, parseBody } from './body';
import { loadApp, loadGroup } from './load';

import { SortedIds } from '../core/sorted-ids';
import { LIMITS, linkHeaders, pageIds, parseLimit } from './pagination';
import { appGroupJson } from './serialize';

/** GET /api/v1/apps/{appId}/groups — okta.apps.read; default 20 (minimum 20), max 200. */
function listApplicationGroupAssignments(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const app = loadApp(ctx, 'apps.read');
  const limit = parseLimit(ctx, LIMITS.appGroups);
  const a = dir.assignments.get(app.id)!;
  const q = ctx.query.get('q')?.toLowerCase();
  const index = SortedIds.from(a.groups.keys());
  const accept =
    q === undefined ? undefined : (id: string) => dir.groups.get(id)!.profile.name.toLowerCase().startsWith(q);
  const { ids, next } = pageIds(ctx, index, limit, accept);
  const expandGroup = ctx.query.get('expand') === 'group';
  return {
    status: 200,
    body: ids.map((id) => appGroupJson(ctx.origin, dir, app.id, a.groups.get(id)!, expandGroup)),
    headers: { link: linkHeaders(ctx, limit, next) },
  };
}

function assignmentNotFound(groupId: string) {
  return oktaError('E0000007', `Resource not found: ${groupId} (ApplicationGroupAssignment)`);
}

/** GET /api/v1/apps/{appId}/groups/{groupId} — okta.apps.read */
function getApplicationGroupAssignment(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const app = loadApp(ctx, 'apps.read');
  const groupId = ctx.params.groupId!;
  if (!dir.groups.has(groupId)) throw notFound(groupId, 'UserGroup');
  const g = dir.assignments.get(app.id)!.groups.get(groupId);
  if (!g) throw assignmentNotFound(groupId);
  return { status: 200, body: appGroupJson(ctx.origin, dir, app.id, g, ctx.query.get('expand') === 'group') };
}

/** The group side of an assignment: `okta.groups.appAssignment.manage` for a custom role (notes §2.3). */
function requireGroupSide(ctx: RequestContext, groupId: string): void {
  requirePermission(ctx.state.dir, ctx.auth!.client, 'groups.appAssignment', { kind: 'group', id: groupId });
}

/** PUT /api/v1/apps/{appId}/groups/{groupId} — okta.apps.manage; body optional; 200 with the assignment. */
function assignGroupToApplication(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const app = loadApp(ctx, 'apps.assign');
  const group = loadGroup(ctx);
  requireGroupSide(ctx, group.id);
  const body = parseBody(ctx, appGroupBody, true);
  const g = dir.assignGroup(app.id, group.id, body, ctx.state.now());
  return { status: 200, body: appGroupJson(ctx.origin, dir, app.id, g, false) };
}

/** DELETE /api/v1/apps/{appId}/groups/{groupId} — okta.apps.manage; 204. */
function unassignApplicationFromGroup(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const app = loadApp(ctx, 'apps.assign');
  const groupId = ctx.params.groupId!;
  if (!dir.groups.has(groupId)) throw notFound(groupId, 'UserGroup');
  requireGroupSide(ctx, groupId);
  if (!dir.unassignGroup(app.id, groupId)) throw assignmentNotFound(groupId);
  return { status: 204 };
}

export const appGroupRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/v1/apps/:appId/groups',
    op: 'listApplicationGroupAssignments',
    scope: 'okta.apps.read',
    handler: listApplicationGroupAssignments,
  },
  {
    method: 'GET',
    template: '/api/v1/apps/:appId/groups/:groupId',
    op: 'getApplicationGroupAssignment',
    scope: 'okta.apps.read',
    handler: getApplicationGroupAssignment,
  },
  {
    method: 'PUT',
    template: '/api/v1/apps/:appId/groups/:groupId',
    op: 'assignGroupToApplication',
    scope: 'okta.apps.manage',
    handler: assignGroupToApplication,
  },
  {
    method: 'DELETE',
    template: '/api/v1/apps/:appId/groups/:groupId',
    op: 'unassignApplicationFromGroup',
    scope: 'okta.apps.manage',
    handler: unassignApplicationFromGroup,
  },
];

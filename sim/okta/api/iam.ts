import { requirePermission } from '../auth/permissions';
import { notFound } from '../core/errors';
import { SortedIds } from '../core/sorted-ids';
import type { CustomRoleRecord, ResourceSetRecord } from '../core/types';
import type { RequestContext, Route } from '../http/types';
import { LIMITS, pageIds, parseLimit } from './pagination';
import { customRoleJson, permissionJson, resourceJson, resourceSetJson } from './role-json';

// Custom roles and resource sets, read side (getRole, listRolePermissions, getResourceSet,
// listResourceSetResources; okta.roles.read). Like client roles, they are administrator data: a Super
// Admin or a custom role with okta.iam.read ("view roles, resources, and admin assignments").

function loadRole(ctx: RequestContext): CustomRoleRecord {
  requirePermission(ctx.state.dir, ctx.auth!.client, 'roles.read');
  const id = ctx.params.roleIdOrLabel!;
  const role = ctx.state.dir.findCustomRole(id);
  if (!role) throw notFound(id, 'CustomRole');
  return role;
}

function loadResourceSet(ctx: RequestContext): ResourceSetRecord {
  requirePermission(ctx.state.dir, ctx.auth!.client, 'roles.read');
  const id = ctx.params.resourceSetIdOrLabel!;
  const set = ctx.state.dir.findResourceSet(id);
  if (!set) throw notFound(id, 'ResourceSet');
  return set;
}

export const iamRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/v1/iam/roles/:roleIdOrLabel',
    op: 'getRole',
    scope: 'okta.roles.read',
    handler: (ctx) => ({ status: 200, body: customRoleJson(ctx.origin, loadRole(ctx)) }),
  },
  {
    method: 'GET',
    template: '/api/v1/iam/roles/:roleIdOrLabel/permissions',
    op: 'listRolePermissions',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const role = loadRole(ctx);
      return { status: 200, body: { permissions: role.permissions.map((p) => permissionJson(ctx.origin, role, p)) } };
    },
  },
  {
    method: 'GET',
    template: '/api/v1/iam/resource-sets/:resourceSetIdOrLabel',
    op: 'getResourceSet',
    scope: 'okta.roles.read',
    handler: (ctx) => ({ status: 200, body: resourceSetJson(ctx.origin, loadResourceSet(ctx)) }),
  },
  {
    // Pages through `_links.next` in the body (spec ResourceSetResources), not a Link header.
    method: 'GET',
    template: '/api/v1/iam/resource-sets/:resourceSetIdOrLabel/resources',
    op: 'listResourceSetResources',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const set = loadResourceSet(ctx);
      const limit = parseLimit(ctx, LIMITS.resourceSetResources);
      const byId = new Map(set.resources.map((r) => [r.id, r]));
      const { ids, next } = pageIds(ctx, SortedIds.from(byId.keys()), limit);
      const self = `${ctx.origin}/api/v1/iam/resource-sets/${set.id}`;
      return {
        status: 200,
        body: {
          resources: ids.map((id) => resourceJson(ctx.origin, set.id, byId.get(id)!)),
          _links: {
            ...(next ? { next: { href: `${self}/resources?after=${encodeURIComponent(next)}&limit=${limit}` } } : {}),
            'resource-set': { href: self },
          },
        },
      };
    },
  },
];

import { z } from 'zod';
import { requirePermission } from '../auth/permissions';
import { notFound, oktaError } from '../core/errors';
import { ROLE_TYPES, type RoleType, type ServiceClient } from '../core/types';
import type { Reply, RequestContext, Route } from '../http/types';
import { parseBody } from './body';
import { roleJson } from './serialize';

// /oauth2/v1/clients/{clientId}/roles: admin roles of a client app (listRolesForClient & co; okta.roles.*).
// Only a Super Admin may view or change administrators (notes §5), so other roles get E0000006.

function loadClient(ctx: RequestContext, perm: 'roles.read' | 'roles.manage'): ServiceClient {
  const { dir } = ctx.state;
  requirePermission(dir, ctx.auth!.client, perm);
  const client = dir.clients.get(ctx.params.clientId!);
  if (!client) throw notFound(ctx.params.clientId!, 'AppInstance');
  return client;
}

const roleBody = z.object({ type: z.enum(ROLE_TYPES as [RoleType, ...RoleType[]]) });

export const clientRoleRoutes: Route[] = [
  {
    method: 'GET',
    template: '/oauth2/v1/clients/:clientId/roles',
    op: 'listRolesForClient',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const client = loadClient(ctx, 'roles.read');
      return { status: 200, body: client.roles.map((r) => roleJson(ctx.origin, client.clientId, r)) };
    },
  },
  {
    method: 'POST',
    template: '/oauth2/v1/clients/:clientId/roles',
    op: 'assignRoleToClient',
    scope: 'okta.roles.manage',
    handler: (ctx): Reply => {
      const client = loadClient(ctx, 'roles.manage');
      const { type } = parseBody(ctx, roleBody);
      const now = ctx.state.now();
      const role = { id: ctx.state.dir.ids.next('irb'), type, created: now, lastUpdated: now };
      client.roles.push(role);
      return { status: 200, body: roleJson(ctx.origin, client.clientId, role) };
    },
  },
  {
    method: 'GET',
    template: '/oauth2/v1/clients/:clientId/roles/:roleAssignmentId',
    op: 'getRoleAssignmentForClient',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const client = loadClient(ctx, 'roles.read');
      const role = client.roles.find((r) => r.id === ctx.params.roleAssignmentId);
      if (!role) throw oktaError('E0000007', `Resource not found: ${ctx.params.roleAssignmentId} (Role)`);
      return { status: 200, body: roleJson(ctx.origin, client.clientId, role) };
    },
  },
  {
    method: 'DELETE',
    template: '/oauth2/v1/clients/:clientId/roles/:roleAssignmentId',
    op: 'deleteRoleFromClient',
    scope: 'okta.roles.manage',
    handler: (ctx) => {
      const client = loadClient(ctx, 'roles.manage');
      const before = client.roles.length;
      client.roles = client.roles.filter((r) => r.id !== ctx.params.roleAssignmentId);
      if (client.roles.length === before)
        throw oktaError('E0000007', `Resource not found: ${ctx.params.roleAssignmentId} (Role)`);
      return { status: 204 };
    },
  },
];

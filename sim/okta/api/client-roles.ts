import { z } from 'zod';
import { notFound, oktaError } from '../core/errors';
import { ROLE_TYPES, type RoleAssignment, type RoleType } from '../core/types';
import type { Reply, RequestContext, Route } from '../http/types';
import { parseBody } from './body';
import { loadAssignment, loadClient } from './load';
import { roleJson } from './role-json';

// /oauth2/v1/clients/{clientId}/roles: admin roles of a client app (listRolesForClient & co; okta.roles.*).
// Viewing administrators needs a Super Admin or a custom role with okta.iam.read (notes §4.2); changing
// them a Super Admin. Others get E0000006.

// StandardRoleAssignmentSchema | CustomRoleAssignmentSchema, discriminated on `type`.
const roleBody = z.discriminatedUnion('type', [
  z.object({ type: z.enum(ROLE_TYPES as [RoleType, ...RoleType[]]) }),
  z.object({ type: z.literal('CUSTOM'), role: z.string().min(1), 'resource-set': z.string().min(1) }),
]);

/** POST: 200 with the new assignment; a duplicate is 409 (E0000263 standard, E0000090 custom). */
function assignRoleToClient(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const client = loadClient(ctx, 'roles.manage');
  const body = parseBody(ctx, roleBody);
  const now = ctx.state.now();
  const base = { id: dir.ids.next('irb'), created: now, lastUpdated: now };
  let role: RoleAssignment;
  if (body.type === 'CUSTOM') {
    const custom = dir.findCustomRole(body.role);
    if (!custom) throw notFound(body.role, 'CustomRole');
    const set = dir.findResourceSet(body['resource-set']);
    if (!set) throw notFound(body['resource-set'], 'ResourceSet');
    if (client.roles.some((r) => r.type === 'CUSTOM' && r.role === custom.id && r.resourceSet === set.id))
      throw oktaError('E0000090');
    role = { ...base, type: 'CUSTOM', role: custom.id, resourceSet: set.id };
  } else {
    if (client.roles.some((r) => r.type === body.type)) throw oktaError('E0000263');
    role = { ...base, type: body.type };
  }
  client.roles.push(role);
  return { status: 200, body: roleJson(ctx.origin, dir, client.clientId, role) };
}

export const clientRoleRoutes: Route[] = [
  {
    method: 'GET',
    template: '/oauth2/v1/clients/:clientId/roles',
    op: 'listRolesForClient',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const client = loadClient(ctx, 'roles.read');
      return { status: 200, body: client.roles.map((r) => roleJson(ctx.origin, ctx.state.dir, client.clientId, r)) };
    },
  },
  {
    method: 'POST',
    template: '/oauth2/v1/clients/:clientId/roles',
    op: 'assignRoleToClient',
    scope: 'okta.roles.manage',
    handler: assignRoleToClient,
  },
  {
    method: 'GET',
    template: '/oauth2/v1/clients/:clientId/roles/:roleAssignmentId',
    op: 'retrieveClientRole',
    scope: 'okta.roles.read',
    handler: (ctx) => {
      const { client, role } = loadAssignment(ctx, 'roles.read');
      return { status: 200, body: roleJson(ctx.origin, ctx.state.dir, client.clientId, role) };
    },
  },
  {
    method: 'DELETE',
    template: '/oauth2/v1/clients/:clientId/roles/:roleAssignmentId',
    op: 'deleteRoleFromClient',
    scope: 'okta.roles.manage',
    handler: (ctx) => {
      const { client, role } = loadAssignment(ctx, 'roles.manage');
      client.roles = client.roles.filter((r) => r !== role);
      return { status: 204 };
    },
  },
];

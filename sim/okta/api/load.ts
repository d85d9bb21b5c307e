import { requirePermission } from '../auth/permissions';
import { notFound } from '../core/errors';
import type { AppRecord, GroupRecord, RoleAssignment, ServiceClient } from '../core/types';
import type { RequestContext } from '../http/types';

/** An INACTIVE app answers 404 E0000007 (AppInstance) on its own routes (terraform #1502, sdk-java #696). */
export function loadApp(ctx: RequestContext, perm: 'apps.read' | 'apps.assign'): AppRecord {
  const id = ctx.params.appId!;
  const app = ctx.state.dir.apps.get(id);
  if (!app || app.status !== 'ACTIVE') throw notFound(id, 'AppInstance');
  requirePermission(ctx.state.dir, ctx.auth!.client, perm, { kind: 'app', id });
  return app;
}

export function loadGroup(ctx: RequestContext, id = ctx.params.groupId!): GroupRecord {
  const group = ctx.state.dir.groups.get(id);
  if (!group) throw notFound(id, 'UserGroup');
  requirePermission(ctx.state.dir, ctx.auth!.client, 'groups.read', { kind: 'group', id });
  return group;
}

/** The client of /oauth2/v1/clients/{clientId}/roles…, once the caller may view (or change) administrators. */
export function loadClient(ctx: RequestContext, perm: 'roles.read' | 'roles.manage'): ServiceClient {
  const { dir } = ctx.state;
  requirePermission(dir, ctx.auth!.client, perm);
  const client = dir.clients.get(ctx.params.clientId!);
  if (!client) throw notFound(ctx.params.clientId!, 'AppInstance');
  return client;
}

/** …/roles/{roleAssignmentId}: the client (as loadClient) and its role assignment. */
export function loadAssignment(
  ctx: RequestContext,
  perm: 'roles.read' | 'roles.manage',
): { client: ServiceClient; role: RoleAssignment } {
  const client = loadClient(ctx, perm);
  const role = client.roles.find((r) => r.id === ctx.params.roleAssignmentId);
  if (!role) throw notFound(ctx.params.roleAssignmentId!, 'Role');
  return { client, role };
}

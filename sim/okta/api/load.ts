import { requirePermission } from '../auth/permissions';
import { notFound } from '../core/errors';
import type { AppRecord, GroupRecord } from '../core/types';
import type { RequestContext } from '../http/types';

/** An INACTIVE app answers 404 E0000007 (AppInstance) on its own routes (terraform #1502, sdk-java #696). */
export function loadApp(ctx: RequestContext, perm: 'apps.read' | 'apps.manage'): AppRecord {
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

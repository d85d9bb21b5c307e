import { assignAppToGroup, unassignAppFromGroup } from '@/lib/access/operations';
import { defineApiRoute } from '@/lib/api/v1/gate';
import { accessResponse } from '@/lib/api/v1/respond';
import { appGroupParams, assignGroupBody } from '@/lib/api/v1/schemas';

/** Assigns the app to the group, with an optional priority (body `{"priority": 0–100}`). */
export const PUT = defineApiRoute(
  { name: 'app.assign_group', access: 'write', params: appGroupParams, body: assignGroupBody },
  async ({ params: p, body, actor, ip }) =>
    accessResponse(
      await assignAppToGroup({ integrationId: p.integrationId, actor, ip }, p.appId, p.groupId, body.priority),
    ),
);

/** Unassigns the app from the group. */
export const DELETE = defineApiRoute(
  { name: 'app.unassign_group', access: 'write', params: appGroupParams },
  async ({ params: p, actor, ip }) =>
    accessResponse(await unassignAppFromGroup({ integrationId: p.integrationId, actor, ip }, p.appId, p.groupId)),
);

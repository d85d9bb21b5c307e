import { checkMembership } from '@/lib/access/checks';
import { changeRoute, grantRoute } from '@/lib/api/v1/change-route';
import { defineApiRoute } from '@/lib/api/v1/gate';
import { apiError, apiJson } from '@/lib/api/v1/respond';
import { grantChangeBody, membershipParams } from '@/lib/api/v1/schemas';

/** Is the user a member of the group? */
export const GET = defineApiRoute(
  { name: 'group.check_member', access: 'read', params: membershipParams },
  async ({ params: p, actor, ip }) => {
    const r = await checkMembership({ integrationId: p.integrationId, actor, ip }, p.userId, p.groupId);
    return r.ok
      ? apiJson(200, { member: r.member, user: r.user, group: r.group, message: r.message })
      : apiError(404, 'not_found', r.message);
  },
);

/**
 * Adds the user to the group (an OKTA_GROUP); 200 with outcome already_member when they were in it. With
 * `{"expiresAt", "reason"}`, until then (a time-bound grant).
 */
export const PUT = grantRoute('group.add_member', membershipParams, grantChangeBody);

/** Removes the user from the group; 200 with outcome not_member when they were not in it. */
export const DELETE = changeRoute('group.remove_member', membershipParams);

import { checkAppAccess } from '@/lib/access/checks';
import { changeRoute, grantRoute } from '@/lib/api/v1/change-route';
import { defineApiRoute } from '@/lib/api/v1/gate';
import { apiError, apiJson } from '@/lib/api/v1/respond';
import { appUserParams, grantChangeBody } from '@/lib/api/v1/schemas';

/** Does the user have the app: assigned directly, through which groups, or not at all? */
export const GET = defineApiRoute(
  { name: 'app.check_user', access: 'read', params: appUserParams },
  async ({ params: p, actor, ip }) => {
    const r = await checkAppAccess({ integrationId: p.integrationId, actor, ip }, p.userId, p.appId);
    return r.ok
      ? apiJson(200, { access: r.access, viaGroups: r.viaGroups, user: r.user, app: r.app, message: r.message })
      : apiError(404, 'not_found', r.message);
  },
);

/** Assigns the app to the user directly; with `{"expiresAt", "reason"}`, until then (a time-bound grant). */
export const PUT = grantRoute('app.assign_user', appUserParams, grantChangeBody);

/** Unassigns the app from the user; 409 naming the groups when the access comes from a group. */
export const DELETE = changeRoute('app.unassign_user', appUserParams);

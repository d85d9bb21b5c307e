import { defineApiRoute } from '@/lib/api/v1/gate';
import { grantJson, manageResponse } from '@/lib/api/v1/grants';
import { apiError, apiJson } from '@/lib/api/v1/respond';
import { grantParams, grantPatchBody } from '@/lib/api/v1/schemas';
import { endGrantNow, extendGrant, keepGrant } from '@/lib/grants/service';
import { getGrant } from '@/lib/grants/store';

const NO_GRANT = 'This integration has no such grant.';
const tokenActor = (t: { id: string; name: string }) => ({ type: 'token' as const, id: t.id, label: t.name });

/** One grant: its state, end, reason and how it ended. */
export const GET = defineApiRoute({ name: 'grant.read', access: 'read', params: grantParams }, async ({ params }) => {
  const g = await getGrant(params.grantId);
  if (!g || g.integrationId !== params.integrationId) return apiError(404, 'not_found', NO_GRANT);
  return apiJson(200, { grant: grantJson(g) });
});

/** A new end (`{"expiresAt": …}`, an overdue grant becomes active again) or `{"permanent": true}`. */
export const PATCH = defineApiRoute(
  { name: 'grant.update', access: 'write', params: grantParams, body: grantPatchBody },
  async ({ params, body, token, ip }) => {
    const ctx = { integrationId: params.integrationId, actor: tokenActor(token), ip };
    return manageResponse(
      body.expiresAt ? await extendGrant(ctx, params.grantId, body.expiresAt) : await keepGrant(ctx, params.grantId),
    );
  },
);

/** Ends the grant now: its access is taken back (unless it existed before the grant), audited. */
export const DELETE = defineApiRoute(
  { name: 'grant.end_now', access: 'write', params: grantParams },
  async ({ params, token, ip }) =>
    manageResponse(
      await endGrantNow({ integrationId: params.integrationId, actor: tokenActor(token), ip }, params.grantId),
    ),
);

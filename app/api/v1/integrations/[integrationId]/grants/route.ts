import { defineApiRoute } from '@/lib/api/v1/gate';
import { apiJson } from '@/lib/api/v1/respond';
import { grantListQuery, integrationParams } from '@/lib/api/v1/schemas';
import { listGrants } from '@/lib/grants/views';

/** The integration's time-bound grants: open ones soonest end first (`list=`), filtered by who/what and end. */
export const GET = defineApiRoute(
  { name: 'grant.list', access: 'read', params: integrationParams, query: grantListQuery },
  async ({ params, query }) => {
    const page = await listGrants(params.integrationId, query);
    return apiJson(200, {
      items: page.items.map((g) => ({ ...g, path: `/api/v1/integrations/${params.integrationId}/grants/${g.id}` })),
      nextCursor: page.nextCursor,
    });
  },
);

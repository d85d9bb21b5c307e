import { defineApiRoute } from '@/lib/api/v1/gate';
import { listAnswer } from '@/lib/api/v1/respond';
import { grantListQuery, integrationParams } from '@/lib/api/v1/schemas';
import { listGrants } from '@/lib/grants/views';

/** The integration's time-bound grants: open ones soonest end first (`list=`), filtered by who/what and end. */
export const GET = defineApiRoute(
  { name: 'grant.list', access: 'read', params: integrationParams, query: grantListQuery },
  async ({ params, query, request }) => {
    const page = await listGrants(params.integrationId, query);
    const items = page.items.map((g) => ({
      ...g,
      path: `/api/v1/integrations/${params.integrationId}/grants/${g.id}`,
    }));
    return listAnswer(request, { items }, page.nextCursor);
  },
);

import { defineApiRoute } from '@/lib/api/v1/gate';
import { apiJson } from '@/lib/api/v1/respond';
import { integrationParams, searchQuery } from '@/lib/api/v1/schemas';
import { searchOkta } from '@/lib/queries/directory';

/** Groups whose name starts with `q` (first 50). */
export const GET = defineApiRoute(
  { name: 'api.search_groups', access: 'read', params: integrationParams, query: searchQuery },
  async ({ params, query }) => {
    const r = await searchOkta(params.integrationId, 'groups', query.q);
    const items =
      r.kind === 'groups'
        ? r.items.map((g) => ({ id: g.id, name: g.name, type: g.type, description: g.description ?? null }))
        : [];
    return apiJson(200, { items, truncated: r.truncated });
  },
);

import { defineApiRoute } from '@/lib/api/v1/gate';
import { apiJson } from '@/lib/api/v1/respond';
import { integrationParams, searchQuery } from '@/lib/api/v1/schemas';
import { searchOkta } from '@/lib/queries/directory';

/** Applications whose name or label starts with `q` (first 50). */
export const GET = defineApiRoute(
  { name: 'api.search_apps', access: 'read', params: integrationParams, query: searchQuery },
  async ({ params, query }) => {
    const r = await searchOkta(params.integrationId, 'apps', query.q);
    const items =
      r.kind === 'apps'
        ? r.items.map((a) => ({
            id: a.id,
            label: a.label,
            name: a.name ?? null,
            status: a.status,
            signOnMode: a.signOnMode ?? null,
          }))
        : [];
    return apiJson(200, { items, truncated: r.truncated });
  },
);

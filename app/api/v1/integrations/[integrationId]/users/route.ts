import { defineApiRoute } from '@/lib/api/v1/gate';
import { apiJson } from '@/lib/api/v1/respond';
import { integrationParams, searchQuery } from '@/lib/api/v1/schemas';
import { searchOkta } from '@/lib/queries/directory';

/** People whose login, email, first or last name starts with `q` (first 50). */
export const GET = defineApiRoute(
  { name: 'api.search_users', access: 'read', params: integrationParams, query: searchQuery },
  async ({ params, query }) => {
    const r = await searchOkta(params.integrationId, 'users', query.q);
    const items =
      r.kind === 'users'
        ? r.items.map((u) => ({
            id: u.id,
            login: u.login,
            email: u.email ?? null,
            firstName: u.firstName ?? null,
            lastName: u.lastName ?? null,
            status: u.status,
          }))
        : [];
    return apiJson(200, { items, truncated: r.truncated });
  },
);

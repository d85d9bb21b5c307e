import { directoryListRoute } from '@/lib/api/v1/directory-list';

/** Groups whose name starts with `q`, `limit` (50) a page (`cursor`). */
export const GET = directoryListRoute('groups', 'api.search_groups', (g) => ({
  id: g.id,
  name: g.name,
  type: g.type,
  description: g.description ?? null,
}));

import { directoryListRoute } from '@/lib/api/v1/directory-list';

/** Applications whose name or label starts with `q`, `limit` (50) a page (`cursor`). */
export const GET = directoryListRoute('apps', 'api.search_apps', (a) => ({
  id: a.id,
  label: a.label,
  name: a.name ?? null,
  status: a.status,
  signOnMode: a.signOnMode ?? null,
}));

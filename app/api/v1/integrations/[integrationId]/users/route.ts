import { directoryListRoute } from '@/lib/api/v1/directory-list';

/** People whose login, email, first or last name starts with `q`, `limit` (50) a page (`cursor`). */
export const GET = directoryListRoute('users', 'api.search_users', (u) => ({
  id: u.id,
  login: u.login,
  email: u.email ?? null,
  firstName: u.firstName ?? null,
  lastName: u.lastName ?? null,
  status: u.status,
}));

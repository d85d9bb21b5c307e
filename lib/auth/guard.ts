import 'server-only';

import { forbidden, redirect } from 'next/navigation';
import { getCurrentUser, type SessionUser } from './current-user';
import { hasRole, type Role } from './roles';

/** For pages and lib/queries: the signed-in user with at least `role`; sends others to sign-in or 403. */
export async function requireUser(role: Role = 'viewer'): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  if (!hasRole(user.role, role)) forbidden();
  return user;
}

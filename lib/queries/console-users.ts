import 'server-only';

import { requireUser } from '@/lib/auth/guard';
import { listConsoleUsers } from '@/lib/auth/users';

/** Console users for the Settings page: admins only. */
export async function listConsoleUsersForAdmin() {
  await requireUser('admin');
  return listConsoleUsers();
}

import type { Directory } from '../core/directory';
import { oktaError } from '../core/errors';
import type { RoleAssignment, RoleType, ServiceClient } from '../core/types';
import { CHOICES } from '../unconfirmed';

export type Permission =
  | 'users.read'
  | 'users.manage'
  | 'groups.read'
  | 'groups.members'
  | 'apps.read'
  | 'apps.manage'
  | 'roles.read'
  | 'roles.manage';

const READ_DIRECTORY: Permission[] = ['users.read', 'groups.read'];

// What each standard role may do with the endpoints the simulator serves (Okta help "Administrator
// permissions comparison", read in flattened form; see the notes §5).
const GRANTS: Record<RoleType, readonly Permission[]> = {
  SUPER_ADMIN: [
    'users.read',
    'users.manage',
    'groups.read',
    'groups.members',
    'apps.read',
    'apps.manage',
    'roles.read',
    'roles.manage',
  ],
  ORG_ADMIN: ['users.read', 'users.manage', 'groups.read', 'groups.members', 'apps.read', 'apps.manage'],
  USER_ADMIN: ['users.read', 'users.manage', 'groups.read', 'groups.members'],
  GROUP_MEMBERSHIP_ADMIN: ['users.read', 'groups.read', 'groups.members'],
  HELP_DESK_ADMIN: ['users.read', 'groups.read'],
  READ_ONLY_ADMIN: ['users.read', 'groups.read', 'apps.read'],
  APP_ADMIN: ['apps.read', 'apps.manage', ...(CHOICES.appAdminReadsDirectory ? READ_DIRECTORY : [])],
  REPORT_ADMIN: [],
  API_ACCESS_MANAGEMENT_ADMIN: [],
};

type Target = { kind: 'user' | 'group' | 'app'; id: string };

/** Group targets constrain user/group permissions; app targets (ids or app names) constrain app ones. */
function roleReaches(dir: Directory, role: RoleAssignment, perm: Permission, target?: Target): boolean {
  if (!GRANTS[role.type].includes(perm)) return false;
  if (!target) return true;
  const groups = role.targets?.groups;
  const apps = role.targets?.apps;
  if (target.kind === 'app') {
    if (!apps?.length || role.type !== 'APP_ADMIN') return true;
    const app = dir.apps.get(target.id);
    return apps.includes(target.id) || (app !== undefined && apps.includes(app.name));
  }
  if (!groups?.length || role.type === 'APP_ADMIN') return true;
  if (target.kind === 'group') return groups.includes(target.id);
  const mine = dir.userGroups.get(target.id);
  return groups.some((g) => mine?.has(g));
}

export function can(dir: Directory, client: ServiceClient, perm: Permission, target?: Target): boolean {
  return client.roles.some((r) => roleReaches(dir, r, perm, target));
}

/** Throws Okta's 403 E0000006 unless some admin role of the client reaches the target. */
export function requirePermission(dir: Directory, client: ServiceClient, perm: Permission, target?: Target): void {
  if (!can(dir, client, perm, target)) throw oktaError('E0000006');
}

/**
 * For lists: null when an untargeted role grants the permission (no filtering), otherwise a predicate
 * for the items the targeted roles reach. Throws E0000006 when no role grants the permission at all.
 */
export function listFilter(
  dir: Directory,
  client: ServiceClient,
  perm: Permission,
  kind: Target['kind'],
): ((id: string) => boolean) | null {
  const roles = client.roles.filter((r) => GRANTS[r.type].includes(perm));
  if (roles.length === 0) throw oktaError('E0000006');
  const untargeted = roles.filter((r) =>
    kind === 'app' ? !r.targets?.apps?.length : !r.targets?.groups?.length || r.type === 'APP_ADMIN',
  );
  // "Group Admins don't get the Everyone group back" (listGroups `limit` description).
  const hidesEveryone = kind === 'group' && untargeted.length > 0 && untargeted.every((r) => r.type === 'USER_ADMIN');
  if (untargeted.length > 0 && !hidesEveryone) return null;
  return (id) => (hidesEveryone ? id !== dir.everyoneId : roles.some((r) => roleReaches(dir, r, perm, { kind, id })));
}

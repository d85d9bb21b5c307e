import type { Directory } from '../core/directory';
import { oktaError } from '../core/errors';
import type { RoleAssignment, RoleType, ServiceClient, StandardRoleAssignment } from '../core/types';
import { CHOICES } from '../unconfirmed';
import { coverage, type ResourceFamily } from './resources';

/**
 * What an endpoint needs, in the simulator's own words. A change that involves two objects checks both
 * sides (notes §2.3 "also need …"): a membership needs `groups.members` on the group and
 * `users.groupMembership` on the user; an assignment needs `apps.assign` on the app and
 * `users.appAssignment` on the user or `groups.appAssignment` on the group.
 */
export type Permission =
  | 'users.read'
  | 'users.groupMembership'
  | 'users.appAssignment'
  | 'groups.read'
  | 'groups.members'
  | 'groups.appAssignment'
  | 'apps.read'
  | 'apps.assign'
  | 'groupRules.read'
  | 'groupRules.manage'
  | 'roles.read'
  | 'roles.manage'
  | 'logs.read';

const FAMILY: Record<Permission, ResourceFamily | null> = {
  'users.read': 'user',
  'users.groupMembership': 'user',
  'users.appAssignment': 'user',
  'groups.read': 'group',
  'groups.members': 'group',
  'groups.appAssignment': 'group',
  'apps.read': 'app',
  'apps.assign': 'app',
  'groupRules.read': null,
  'groupRules.manage': null,
  'roles.read': null,
  'roles.manage': null,
  'logs.read': null,
};

const READ_DIRECTORY: Permission[] = ['users.read', 'groups.read'];
const ALL = Object.keys(FAMILY) as Permission[];

// What each standard role may do with the endpoints the simulator serves (notes §1 and the Okta help pages
// it cites). Only a Super Admin views or changes administrators.
// Group rules (Okta help "Group rules"): "Only Super admins and Org admins can edit rules. Only Group admins who
// manage all groups can search for and view rules" (a targeted USER_ADMIN cannot, see standardReach).
const GRANTS: Record<RoleType, readonly Permission[]> = {
  SUPER_ADMIN: ALL,
  ORG_ADMIN: ALL.filter((p) => !p.startsWith('roles.')),
  USER_ADMIN: ['users.read', 'users.groupMembership', 'groups.read', 'groups.members', 'groupRules.read'],
  GROUP_MEMBERSHIP_ADMIN: ['users.read', 'users.groupMembership', 'groups.read', 'groups.members'],
  HELP_DESK_ADMIN: ['users.read', 'groups.read'],
  READ_ONLY_ADMIN: [
    'users.read',
    'groups.read',
    'apps.read',
    'logs.read',
    ...(CHOICES.readOnlyAdminViewsGroupRules ? (['groupRules.read'] as const) : []),
  ],
  APP_ADMIN: [
    'apps.read',
    'logs.read',
    'apps.assign',
    'users.appAssignment',
    ...(CHOICES.appAdminAssignsGroups ? (['groups.appAssignment'] as const) : []),
    ...(CHOICES.appAdminReadsDirectory ? READ_DIRECTORY : []),
  ],
  // "View and download the System Log" — reports and logs only (system-log.md §1).
  REPORT_ADMIN: ['logs.read'],
  API_ACCESS_MANAGEMENT_ADMIN: [],
};

// The custom-role permission (notes §2.3) behind each need, and the broader ones that include it.
const CUSTOM: Record<Permission, readonly string[]> = {
  'users.read': ['okta.users.read', 'okta.users.manage'],
  'users.groupMembership': ['okta.users.groupMembership.manage', 'okta.users.manage'],
  'users.appAssignment': ['okta.users.appAssignment.manage', 'okta.users.manage'],
  'groups.read': ['okta.groups.read', 'okta.groups.manage'],
  'groups.members': ['okta.groups.members.manage', 'okta.groups.manage'],
  'groups.appAssignment': ['okta.groups.appAssignment.manage', 'okta.groups.manage'],
  'apps.read': ['okta.apps.read', 'okta.apps.manage'],
  'apps.assign': ['okta.apps.assignment.manage', 'okta.apps.manage'],
  // No custom-role permission for group rules is documented (UNCONFIRMED): custom roles reach none.
  'groupRules.read': [],
  'groupRules.manage': [],
  'roles.read': ['okta.iam.read'],
  'roles.manage': [],
  // No System Log permission exists for custom roles (system-log.md §1): UNCONFIRMED, so none reaches it.
  'logs.read': [],
};

type Reach = 'all' | 'none' | ((id: string) => boolean);
type Target = { kind: ResourceFamily; id: string };

function standardReach(dir: Directory, role: StandardRoleAssignment, perm: Permission): Reach {
  if (!GRANTS[role.type].includes(perm)) return 'none';
  const family = FAMILY[perm];
  if (family === 'app') {
    const apps = role.targets?.apps;
    if (!apps?.length || role.type !== 'APP_ADMIN') return 'all';
    return (id) => apps.includes(id) || apps.includes(dir.apps.get(id)?.name ?? '');
  }
  const groups = role.targets?.groups;
  if (perm.startsWith('groupRules.') && groups?.length) return 'none'; // manages some groups, not all
  if (!family || !groups?.length || role.type === 'APP_ADMIN') return 'all';
  if (family === 'group') return (id) => groups.includes(id);
  // A Group Membership Administrator "can also view all users in an org" and may add any of them to the
  // groups it manages; a Group Administrator only reaches the users of its groups (notes §1 gotcha).
  if (role.type === 'GROUP_MEMBERSHIP_ADMIN') return 'all';
  return (id) => groups.some((g) => dir.userGroups.get(id)?.has(g));
}

function customReach(dir: Directory, role: RoleAssignment & { type: 'CUSTOM' }, perm: Permission): Reach {
  const definition = dir.customRoles.get(role.role);
  const set = dir.resourceSets.get(role.resourceSet);
  if (!definition || !set || !CUSTOM[perm].some((p) => definition.permissions.includes(p))) return 'none';
  const family = FAMILY[perm];
  if (!family) return CHOICES.iamReadNeedsNoResource ? 'all' : 'none';
  return coverage(
    dir,
    set.resources.map((r) => r.ref),
    family,
  );
}

function reach(dir: Directory, role: RoleAssignment, perm: Permission): Reach {
  return role.type === 'CUSTOM' ? customReach(dir, role, perm) : standardReach(dir, role, perm);
}

/** Role assignments add up (notes §1: "Role assignment is additive"). */
export function can(dir: Directory, client: ServiceClient, perm: Permission, target?: Target): boolean {
  return client.roles.some((r) => {
    const to = reach(dir, r, perm);
    return to === 'all' || (to !== 'none' && (!target || to(target.id)));
  });
}

/** Throws Okta's 403 E0000006 unless some admin role of the client reaches the target. */
export function requirePermission(dir: Directory, client: ServiceClient, perm: Permission, target?: Target): void {
  if (!can(dir, client, perm, target)) throw oktaError('E0000006');
}

export const isSuperAdmin = (client: ServiceClient): boolean => client.roles.some((r) => r.type === 'SUPER_ADMIN');

/**
 * For lists: null when some role reaches every item (no filtering), otherwise a predicate for the items
 * the roles reach. Throws E0000006 when no role grants the permission at all.
 */
export function listFilter(
  dir: Directory,
  client: ServiceClient,
  perm: Permission,
  kind: ResourceFamily,
): ((id: string) => boolean) | null {
  const reaches = client.roles.map((role) => ({ role, to: reach(dir, role, perm) })).filter((r) => r.to !== 'none');
  if (reaches.length === 0) throw oktaError('E0000006');
  const untargeted = reaches.filter((r) => r.to === 'all');
  // "Group Admins don't get the Everyone group back" (listGroups `limit` description).
  const hidesEveryone =
    kind === 'group' && untargeted.length > 0 && untargeted.every((r) => r.role.type === 'USER_ADMIN');
  if (untargeted.length > 0 && !hidesEveryone) return null;
  const predicates = reaches.flatMap((r) => (typeof r.to === 'function' ? [r.to] : []));
  return (id) => (hidesEveryone ? id !== dir.everyoneId : predicates.some((p) => p(id)));
}

// Records as the simulator stores them. Dates are epoch milliseconds; the API layer renders them as
// ISO strings with millis, the way Okta does.

export type UserStatus =
  'STAGED' | 'PROVISIONED' | 'ACTIVE' | 'RECOVERY' | 'PASSWORD_EXPIRED' | 'LOCKED_OUT' | 'SUSPENDED' | 'DEPROVISIONED';

export interface UserProfile {
  login: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  [key: string]: unknown;
}

export interface UserRecord {
  id: string;
  status: UserStatus;
  created: number;
  activated: number | null;
  statusChanged: number | null;
  lastLogin: number | null;
  lastUpdated: number;
  passwordChanged: number | null;
  profile: UserProfile;
}

export type GroupType = 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';

export interface GroupRecord {
  id: string;
  type: GroupType;
  created: number;
  lastUpdated: number;
  lastMembershipUpdated: number;
  profile: { name: string; description: string | null };
  /** APP_GROUP only: the app the group was imported from. */
  sourceAppId?: string;
  /** The group holds an admin role (a group-level role assignment): only a Super Admin may change it. */
  adminRole?: boolean;
}

export type GroupRuleStatus = 'ACTIVE' | 'INACTIVE' | 'INVALID';

/** A group rule (spec GroupRule): when `expression` holds for an ACTIVE user, add them to `groupIds`. */
export interface GroupRuleRecord {
  id: string; // 0pr…
  name: string;
  status: GroupRuleStatus;
  created: number;
  lastUpdated: number;
  /** conditions.expression.value (type is always urn:okta:expression:1.0). */
  expression: string;
  /** conditions.people.users.exclude: users the rule never adds ("Except the following users"). */
  excludeUserIds: string[];
  /** conditions.people.groups.exclude: "Currently not supported" — stored and echoed, never evaluated. */
  excludeGroupIds: string[];
  /** actions.assignUserToGroups.groupIds */
  groupIds: string[];
}

export type SignOnMode =
  | 'AUTO_LOGIN'
  | 'BASIC_AUTH'
  | 'BOOKMARK'
  | 'BROWSER_PLUGIN'
  | 'OPENID_CONNECT'
  | 'SAML_1_1'
  | 'SAML_2_0'
  | 'SECURE_PASSWORD_STORE'
  | 'WS_FEDERATION';

export type AppStatus = 'ACTIVE' | 'INACTIVE';

export interface AppRecord {
  id: string;
  name: string;
  label: string;
  status: AppStatus;
  signOnMode: SignOnMode;
  created: number;
  lastUpdated: number;
  /** True for API Services apps registered through the control plane. */
  service?: boolean;
}

export interface AppUserRecord {
  userId: string;
  created: number;
  lastUpdated: number;
  userName: string;
  profile: Record<string, unknown>;
}

export interface AppGroupRecord {
  groupId: string;
  lastUpdated: number;
  priority: number;
  profile: Record<string, unknown>;
}

export type RoleType =
  | 'SUPER_ADMIN'
  | 'ORG_ADMIN'
  | 'APP_ADMIN'
  | 'USER_ADMIN'
  | 'GROUP_MEMBERSHIP_ADMIN'
  | 'HELP_DESK_ADMIN'
  | 'READ_ONLY_ADMIN'
  | 'REPORT_ADMIN'
  | 'API_ACCESS_MANAGEMENT_ADMIN';

export const ROLE_TYPES: readonly RoleType[] = [
  'SUPER_ADMIN',
  'ORG_ADMIN',
  'APP_ADMIN',
  'USER_ADMIN',
  'GROUP_MEMBERSHIP_ADMIN',
  'HELP_DESK_ADMIN',
  'READ_ONLY_ADMIN',
  'REPORT_ADMIN',
  'API_ACCESS_MANAGEMENT_ADMIN',
];

export interface RoleTargets {
  groups?: string[];
  apps?: string[];
}

export interface StandardRoleAssignment {
  id: string;
  type: RoleType;
  targets?: RoleTargets;
  created: number;
  lastUpdated: number;
}

/** A custom role bound to a resource set ("You can't assign a custom role without a resource set."). */
export interface CustomRoleAssignment {
  id: string;
  type: 'CUSTOM';
  role: string;
  resourceSet: string;
  created: number;
  lastUpdated: number;
}

export type RoleAssignment = StandardRoleAssignment | CustomRoleAssignment;

export interface CustomRoleRecord {
  id: string; // cr0…
  label: string;
  description: string;
  /** Okta permission names (okta.users.read …), in the order given. */
  permissions: string[];
  created: number;
  lastUpdated: number;
}

/**
 * What one resource of a resource set covers (notes §2.2): all users, users of a group, all groups, one
 * group, all apps, the apps of one app name, one app.
 */
export type ResourceRef =
  | { kind: 'users' }
  | { kind: 'group-users'; groupId: string }
  | { kind: 'groups' }
  | { kind: 'group'; groupId: string }
  | { kind: 'apps' }
  | { kind: 'apps-of-type'; appName: string }
  | { kind: 'app'; appName: string; appId: string };

export interface ResourceSetResourceRecord {
  id: string; // ire…
  ref: ResourceRef;
  created: number;
  lastUpdated: number;
}

export interface ResourceSetRecord {
  id: string; // iam…
  label: string;
  description: string;
  resources: ResourceSetResourceRecord[];
  created: number;
  lastUpdated: number;
}

export type KeyStatus = 'ACTIVE' | 'INACTIVE';

export interface ClientKey {
  id: string; // pks… like Okta's key objects
  kid: string;
  status: KeyStatus;
  publicJwk: Record<string, unknown>;
  created: number;
  lastUpdated: number;
}

export interface ServiceClient {
  clientId: string; // equals the app id, as for every Okta OIDC/API Services app
  dpopRequired: boolean;
  scopes: Set<string>;
  roles: RoleAssignment[];
  keys: ClientKey[];
}

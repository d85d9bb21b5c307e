import { resourceOrn, resourceUrl } from '../auth/resources';
import type { Directory } from '../core/directory';
import { iso } from '../core/ids';
import type { CustomRoleRecord, ResourceSetRecord, ResourceSetResourceRecord, RoleAssignment } from '../core/types';

// Shapes of the spec's examples StandardRolesListResponseClient / CustomRolesListResponseClient, RoleResponse,
// PermissionsResponse, ResourceSetResponse and ResourceSetResourcesResponse.

const ROLE_LABELS: Record<string, string> = {
  SUPER_ADMIN: 'Super Administrator',
  ORG_ADMIN: 'Organizational Administrator',
  APP_ADMIN: 'Application Administrator',
  USER_ADMIN: 'Group Administrator',
  GROUP_MEMBERSHIP_ADMIN: 'Group Membership Administrator',
  HELP_DESK_ADMIN: 'Help Desk Administrator',
  READ_ONLY_ADMIN: 'Read Only Administrator',
  REPORT_ADMIN: 'Report Administrator',
  API_ACCESS_MANAGEMENT_ADMIN: 'API Access Management Administrator',
};

/** A client's role assignment; a custom one names its role and resource set (label = the role's label). */
export function roleJson(origin: string, dir: Directory, clientId: string, r: RoleAssignment) {
  const common = { status: 'ACTIVE', created: iso(r.created), lastUpdated: iso(r.lastUpdated) };
  if (r.type !== 'CUSTOM') {
    return {
      id: r.id,
      label: ROLE_LABELS[r.type] ?? r.type,
      type: r.type,
      ...common,
      assignmentType: 'CLIENT',
      _links: { assignee: { href: `${origin}/oauth2/v1/clients/${clientId}/roles` } },
    };
  }
  const role = `${origin}/api/v1/iam/roles/${r.role}`;
  const set = `${origin}/api/v1/iam/resource-sets/${r.resourceSet}`;
  return {
    id: r.id,
    label: dir.customRoles.get(r.role)?.label ?? r.role,
    type: 'CUSTOM',
    ...common,
    assignmentType: 'CLIENT',
    'resource-set': r.resourceSet,
    role: r.role,
    _links: {
      role: { href: role },
      'resource-set': { href: set },
      permissions: { href: `${role}/permissions` },
      member: { href: `${set}/bindings/${r.role}/members/${r.id}` },
      assignee: { href: `${origin}/oauth2/v1/clients/${clientId}` },
    },
  };
}

export function customRoleJson(origin: string, r: CustomRoleRecord) {
  const self = `${origin}/api/v1/iam/roles/${r.id}`;
  return {
    id: r.id,
    label: r.label,
    description: r.description,
    created: iso(r.created),
    lastUpdated: iso(r.lastUpdated),
    _links: { permissions: { href: `${self}/permissions` }, self: { href: self } },
  };
}

export function permissionJson(origin: string, r: CustomRoleRecord, label: string) {
  const role = `${origin}/api/v1/iam/roles/${r.id}`;
  return {
    label,
    created: iso(r.created),
    lastUpdated: iso(r.lastUpdated),
    _links: { role: { href: role }, self: { href: `${role}/permissions/${label}` } },
  };
}

export function resourceSetJson(origin: string, s: ResourceSetRecord) {
  const self = `${origin}/api/v1/iam/resource-sets/${s.id}`;
  return {
    id: s.id,
    label: s.label,
    description: s.description,
    created: iso(s.created),
    lastUpdated: iso(s.lastUpdated),
    _links: { self: { href: self }, resources: { href: `${self}/resources` }, bindings: { href: `${self}/bindings` } },
  };
}

/** `_links.self` is the resource's REST URL; collections of users/groups also name themselves (spec example). */
export function resourceJson(origin: string, setId: string, r: ResourceSetResourceRecord) {
  const url = resourceUrl(origin, r.ref);
  const extra =
    r.ref.kind === 'users' ? { users: { href: url } } : r.ref.kind === 'groups' ? { groups: { href: url } } : {};
  return {
    id: r.id,
    orn: resourceOrn(r.ref),
    created: iso(r.created),
    lastUpdated: iso(r.lastUpdated),
    _links: {
      self: { href: url },
      ...extra,
      resource: { href: `${origin}/api/v1/iam/resource-sets/${setId}/resources/${r.id}` },
    },
  };
}

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { admin: 'Admin', operator: 'Operator', viewer: 'Viewer' };

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Everything, including integration credentials and console users',
  operator: 'Runs access operations; sees integration status, never credentials',
  viewer: 'Read-only',
};

/** Roles are ordered: an admin can do what an operator can, an operator what a viewer can. */
export const hasRole = (actual: Role, required: Role) => ROLES.indexOf(actual) >= ROLES.indexOf(required);

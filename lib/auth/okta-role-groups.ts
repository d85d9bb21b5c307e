import { ROLES, type Role } from './roles';

// OKTA_SIGNIN_ROLE_GROUPS maps Okta group names (the org AS `groups` claim holds names) to console roles:
// "admin:Console Admins;operator:Access Ops;viewer:Everyone". A role may name several groups; a user in groups of
// several roles gets the highest.

export interface RoleGroup {
  role: Role;
  group: string;
}

export type RoleGroupsParse = { ok: true; mapping: RoleGroup[] } | { ok: false; error: string };

export function parseRoleGroups(text: string): RoleGroupsParse {
  const entries = text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return { ok: false, error: 'name at least one group, e.g. "admin:Console Admins"' };
  const mapping: RoleGroup[] = [];
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const role = colon === -1 ? '' : entry.slice(0, colon).trim();
    const group = colon === -1 ? '' : entry.slice(colon + 1).trim();
    if (!ROLES.includes(role as Role))
      return { ok: false, error: `"${entry}": start each entry with admin:, operator: or viewer:` };
    if (!group) return { ok: false, error: `"${entry}": name the Okta group after the colon` };
    if (mapping.some((m) => m.group === group))
      return { ok: false, error: `"${group}" is named twice; give each Okta group one role` };
    mapping.push({ role: role as Role, group });
  }
  return { ok: true, mapping };
}

/** The highest role any of `groups` gives, or null when none of them is mapped. Names compare exactly, as Okta's. */
export function roleFromGroups(groups: readonly string[], mapping: readonly RoleGroup[]): Role | null {
  const roles = mapping.filter((m) => groups.includes(m.group)).map((m) => ROLES.indexOf(m.role));
  return roles.length ? ROLES[Math.max(...roles)]! : null;
}

/** "Console Admins (Admin), Access Ops (Operator)": for the refusal page. */
export const describeMapping = (mapping: readonly RoleGroup[], label: (r: Role) => string) =>
  mapping.map((m) => `${m.group} (${label(m.role)})`).join(', ');

import 'server-only';

import { z } from 'zod';
import type { OktaApi } from './api';
import { isOktaError, type OktaError } from './errors';
import { collect, paginate, paginateBody } from './paginate';
import { filterString, seg } from './path';
import { groupSchema, userSchema } from './schemas';

// May the app change access, and where? Reads never show it (a Read-Only Administrator reads everything and
// is refused every change with E0000006), so this module answers from the app's own admin roles when Okta
// lets the app read them (Super Administrator, or a role with okta.iam.read: admin-roles-and-permissions.md
// §4.2), and otherwise from one write whose result is already true (§4.5). Each capability the console needs
// is `yes` (with where), `no` (with the fix) or `unknown` (never reported as a pass).

export type Capability = 'memberships' | 'appAssignments';
export type Reach = { state: 'yes' | 'no' | 'unknown'; detail: string };
export type WriteAccess = Record<Capability, Reach> & {
  /**
   * The roles found, each with its Okta role type (SUPER_ADMIN…, CUSTOM for a custom role) and what it allows;
   * null when the roles could not be read. Callers decide by `type`: a label is for people.
   */
  roles: { type: string; label: string; allows: string }[] | null;
};

/** The eight permissions of the least-privilege custom role (notes §3), in the order the setup step lists them. */
export const CUSTOM_ROLE_PERMISSIONS = [
  'okta.users.read',
  'okta.users.groupMembership.manage',
  'okta.users.appAssignment.manage',
  'okta.groups.read',
  'okta.groups.members.manage',
  'okta.groups.appAssignment.manage',
  'okta.apps.read',
  'okta.apps.assignment.manage',
] as const;

/** What one role assignment is, as read from Okta: a standard type with targets, or a custom role's permissions and resources. */
export type RoleFacts =
  | { kind: 'standard'; type: string; label: string; groups: string[]; apps: string[] }
  | { kind: 'custom'; label: string; permissions: string[]; resources: string[] };

const STANDARD_LABELS: Record<string, string> = {
  SUPER_ADMIN: 'Super Administrator',
  ORG_ADMIN: 'Organization Administrator',
  APP_ADMIN: 'Application Administrator',
  USER_ADMIN: 'Group Administrator',
  GROUP_MEMBERSHIP_ADMIN: 'Group Membership Administrator',
  HELP_DESK_ADMIN: 'Help Desk Administrator',
  READ_ONLY_ADMIN: 'Read-Only Administrator',
  REPORT_ADMIN: 'Report Administrator',
  API_ACCESS_MANAGEMENT_ADMIN: 'API Access Management Administrator',
};

const list = (names: string[]) =>
  names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');

/** Where a custom role's resource set reaches (REST URLs or ORNs, notes §2.2): all, or the listed groups/apps. */
export function resourceReach(resources: string[]): {
  users: boolean;
  groups: 'all' | string[];
  apps: 'all' | string[];
} {
  const reach = { users: false, groups: [] as string[] | 'all', apps: [] as string[] | 'all' };
  const add = (key: 'groups' | 'apps', id?: string) => {
    if (reach[key] === 'all') return;
    if (id === undefined) reach[key] = 'all';
    else reach[key].push(id);
  };
  for (const r of resources) {
    const orn = /^orn:[^:]+:(directory|idp):[^:]+:(users|groups|apps)(?::([^:]+))?(?::([^:]+))?$/.exec(r);
    const rest = /\/api\/v1\/(users|groups|apps)(?:\/([^/?]+))?(\/users)?(\?.*)?$/.exec(r);
    if (orn) {
      const [, , area, a, b] = orn;
      if (area === 'users') reach.users = true;
      else if (area === 'groups') {
        if (a && b === 'contained_resources') reach.users = true;
        else add('groups', a);
      } else add('apps', b ?? (a ? `type:${a}` : undefined));
    } else if (rest) {
      const [, area, id, users, query] = rest;
      if (area === 'users') reach.users = true;
      else if (area === 'groups') {
        if (id && users) reach.users = true;
        else add('groups', id);
      } else if (query)
        add('apps', `type:${/name\+?(?:%20| )?eq\+?(?:%20| )?(?:%22|")([^"%]+)/.exec(query)?.[1] ?? 'unknown'}`);
      else add('apps', id);
    }
  }
  return reach;
}

const where = (names: 'all' | string[], all: string, some: string) =>
  names === 'all' ? all : names.length === 0 ? null : `${some} ${list(names)}`;

/** What each role allows for the two capabilities, and the two capabilities' verdicts. Pure. */
export function assessRoles(roles: RoleFacts[]): WriteAccess {
  const grants: Record<Capability, string[]> = { memberships: [], appAssignments: [] };
  const gaps: Record<Capability, string[]> = { memberships: [], appAssignments: [] };
  const summary = roles.map((role) => {
    const allows: string[] = [];
    const grant = (cap: Capability, text: string) => {
      grants[cap].push(`${role.label}: ${text}`);
      allows.push(`${cap === 'memberships' ? 'group memberships' : 'app assignments'} (${text})`);
    };
    if (role.kind === 'standard') {
      const groups = role.groups.length ? role.groups : 'all';
      const apps = role.apps.length ? role.apps : 'all';
      switch (role.type) {
        case 'SUPER_ADMIN':
          grant('memberships', 'all groups, including groups that hold admin roles');
          grant('appAssignments', 'all apps');
          break;
        case 'ORG_ADMIN':
          grant('memberships', 'all groups except groups that hold admin roles');
          grant('appAssignments', 'all apps');
          break;
        case 'GROUP_MEMBERSHIP_ADMIN':
          grant('memberships', where(groups, 'all groups', 'groups')!);
          break;
        case 'USER_ADMIN':
          grant(
            'memberships',
            groups === 'all'
              ? 'all groups'
              : `groups ${list(groups)}, for users already in one of them (a group-limited Group Administrator cannot add users from outside its groups)`,
          );
          break;
        case 'APP_ADMIN':
          grant('appAssignments', where(apps, 'all apps', 'apps')!);
          break;
      }
    } else {
      const has = (p: string) => role.permissions.includes(p);
      const reach = resourceReach(role.resources);
      if (has('okta.groups.members.manage') || has('okta.users.groupMembership.manage')) {
        const missing = ['okta.groups.members.manage', 'okta.users.groupMembership.manage'].filter((p) => !has(p));
        const groups = where(reach.groups, 'all groups', 'groups');
        if (missing.length) gaps.memberships.push(`${role.label} lacks ${missing.join(' and ')}`);
        else if (!groups) gaps.memberships.push(`${role.label}'s resource set holds no groups`);
        else if (!reach.users) gaps.memberships.push(`${role.label}'s resource set holds no users`);
        else grant('memberships', groups);
      }
      if (has('okta.apps.assignment.manage') || has('okta.users.appAssignment.manage')) {
        const missing = ['okta.apps.assignment.manage', 'okta.users.appAssignment.manage'].filter((p) => !has(p));
        const apps = where(reach.apps, 'all apps', 'apps');
        if (missing.length) gaps.appAssignments.push(`${role.label} lacks ${missing.join(' and ')}`);
        else if (!apps) gaps.appAssignments.push(`${role.label}'s resource set holds no apps`);
        else
          grant(
            'appAssignments',
            has('okta.groups.appAssignment.manage')
              ? apps
              : `${apps}, to users only (no okta.groups.appAssignment.manage)`,
          );
      }
    }
    return {
      type: role.kind === 'standard' ? role.type : 'CUSTOM',
      label: role.label,
      allows: allows.length ? allows.join('; ') : 'no changes to memberships or app assignments',
    };
  });
  const verdict = (cap: Capability, what: string, fix: string): Reach =>
    grants[cap].length
      ? { state: 'yes', detail: grants[cap].join('; ') }
      : {
          state: 'no',
          detail: `No admin role lets the app change ${what}${gaps[cap].length ? ` (${gaps[cap].join('; ')})` : ''}. ${fix}`,
        };
  return {
    roles: summary,
    memberships: verdict(
      'memberships',
      'group memberships',
      'Assign Group Membership Administrator or Group Administrator, or the console’s custom role (step “Scopes and roles”).',
    ),
    appAssignments: verdict(
      'appAssignments',
      'app assignments',
      'Assign Application Administrator, or the console’s custom role (step “Scopes and roles”).',
    ),
  };
}

const roleListSchema = z.array(
  z.object({
    id: z.string(),
    type: z.string(),
    label: z.string().nullish(),
    role: z.string().nullish(),
    'resource-set': z.string().nullish(),
  }),
);
const catalogAppSchema = z.object({
  id: z.string().nullish(),
  name: z.string().nullish(),
  displayName: z.string().nullish(),
});
const permissionsSchema = z.object({ permissions: z.array(z.object({ label: z.string() })) });
const resourceSchema = z.object({
  orn: z.string().nullish(),
  _links: z.object({ self: z.object({ href: z.string() }).nullish() }).nullish(),
});

// Caps for the lists read below (every page is followed up to them): far above what a console's role holds.
const MAX_TARGETS = 5_000;
const MAX_RESOURCES = 10_000;

const all = async <T>(items: AsyncIterable<T>): Promise<T[]> => (await collect(items, Number.MAX_SAFE_INTEGER)).items;

/** Reads the app's own role assignments with their targets, permissions and resources; null when Okta refuses (only Super Administrators or okta.iam.read may). */
export async function readOwnRoles(api: OktaApi, clientId: string): Promise<RoleFacts[] | { refused: OktaError }> {
  const base = `/oauth2/v1/clients/${seg(clientId)}/roles`;
  let assignments;
  try {
    assignments = (await api.getJson(base, roleListSchema)).data;
  } catch (error) {
    if (isOktaError(error) && (error.kind === 'forbidden' || error.kind === 'insufficient_scope'))
      return { refused: error };
    throw error;
  }
  return Promise.all(
    assignments.map(async (a): Promise<RoleFacts> => {
      if (a.type === 'CUSTOM' && a.role && a['resource-set']) {
        // A resource set's resources are paged in the body (`_links.next`, spec ResourceSetResources), 100 a page.
        const [perms, resources] = await Promise.all([
          api.getJson(`/api/v1/iam/roles/${seg(a.role)}/permissions`, permissionsSchema),
          all(
            paginateBody(
              api,
              `/api/v1/iam/resource-sets/${seg(a['resource-set'])}/resources`,
              'resources',
              resourceSchema,
              {},
              {
                pageSize: 100,
                maxItems: MAX_RESOURCES,
              },
            ),
          ),
        ]);
        return {
          kind: 'custom',
          label: `Custom role “${a.label ?? a.role}”`,
          permissions: perms.data.permissions.map((p) => p.label),
          resources: resources.map((r) => r.orn ?? r._links?.self?.href ?? '').filter(Boolean),
        };
      }
      const label = STANDARD_LABELS[a.type] ?? a.label ?? a.type;
      // Role targets are paged with `Link: rel="next"`, 200 a page at most.
      const targets = async <T>(path: string, schema: z.ZodType<T>, name: (t: T) => string) => {
        if (!['USER_ADMIN', 'GROUP_MEMBERSHIP_ADMIN', 'HELP_DESK_ADMIN', 'APP_ADMIN'].includes(a.type)) return [];
        const pages = paginate(
          api,
          `${base}/${seg(a.id)}/targets/${path}`,
          schema,
          {},
          {
            pageSize: 200,
            maxItems: MAX_TARGETS,
          },
        );
        return (await all(pages)).map(name);
      };
      const [groups, apps] = await Promise.all([
        a.type === 'APP_ADMIN' ? [] : targets('groups', groupSchema, (g) => g.name),
        a.type === 'APP_ADMIN'
          ? targets('catalog/apps', catalogAppSchema, (t) => t.displayName ?? t.name ?? t.id ?? '?')
          : [],
      ]);
      return { kind: 'standard', type: a.type, label, groups, apps };
    }),
  );
}

const groupWithStatsSchema = z.array(
  z.object({
    id: z.string(),
    profile: z.object({ name: z.string() }),
    _embedded: z
      .object({
        stats: z.object({ usersCount: z.number().nullish(), hasAdminPrivlege: z.boolean().nullish() }).nullish(),
      })
      .nullish(),
  }),
);

export type MembershipProof =
  | { state: 'yes' | 'no'; group: string; user: string; request: string; requestId?: string; error?: string }
  | { state: 'unknown'; reason: string };

/**
 * Proves the right to change memberships without changing one: PUT of a membership that already exists.
 * Okta answers 204 and the user stays a member (the write is idempotent: management-api.md, notes §4.5), or
 * 403 E0000006 when no role allows it. The group is an OKTA_GROUP with members that holds no admin role (those
 * only a Super Administrator may change, so a refusal there would prove nothing). It proves the right for that
 * group: a role limited to some groups may still be refused on others.
 */
export async function proveMembershipWrite(api: OktaApi): Promise<MembershipProof> {
  const { data: groups } = await api.getJson('/api/v1/groups', groupWithStatsSchema, {
    filter: `type eq ${filterString('OKTA_GROUP')}`,
    expand: 'stats',
    limit: 200,
  });
  const candidates = groups.filter(
    (g) => g._embedded?.stats?.hasAdminPrivlege !== true && (g._embedded?.stats?.usersCount ?? 1) > 0,
  );
  for (const group of candidates.slice(0, 10)) {
    const { data: members } = await api.getJson(`/api/v1/groups/${seg(group.id)}/users`, z.array(userSchema), {
      limit: 1,
    });
    const user = members[0];
    if (!user) continue;
    const request = `PUT /api/v1/groups/${group.id}/users/${user.id}`;
    const facts = { group: group.profile.name, user: user.login, request };
    try {
      const res = await api.call({ method: 'PUT', path: `/api/v1/groups/${seg(group.id)}/users/${seg(user.id)}` });
      return { state: 'yes', ...facts, requestId: res.requestId };
    } catch (error) {
      if (isOktaError(error) && error.kind === 'forbidden')
        return { state: 'no', ...facts, requestId: error.requestId, error: error.errorSummary ?? error.errorCode };
      throw error;
    }
  }
  return {
    state: 'unknown',
    reason: 'The app sees no Okta group with members that holds no admin role, so there is no membership to re-send.',
  };
}

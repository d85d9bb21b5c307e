import 'server-only';

import { MAX_GRANT_LOOKUPS, userAppAccess, type UserAppAccess } from '@/lib/access/checks';
import type { Relation } from '@/lib/access/kinds';
import { describeFailure } from '@/lib/access/messages';
import { grantingGroups } from '@/lib/access/operations';
import { requireUser } from '@/lib/auth/guard';
import { oktaFor } from '@/lib/integrations/okta-for';
import type { Integration } from '@/lib/integrations/store';
import { isSuperAdmin } from '@/lib/integrations/write-access';
import {
  filterString,
  isOktaError,
  type OktaApp,
  type OktaAppUserWithUser,
  type OktaClient,
  type OktaGroup,
  type OktaGroupRule,
  type OktaListedGroup,
  type OktaUser,
  type Page,
} from '@/lib/okta';
import { InvalidPageError, readPage, type Paged } from './page-trail';
import { ttlCache } from './ttl-cache';

// Reads of an integration's Okta directory for pages and pickers. Every function checks the session, except
// pageDirectory, which the automation API calls behind its token gate.
const LIMIT = 50;

export type DirectoryKind = 'users' | 'groups' | 'apps';
/** Groups come with Okta's stats (`hasAdminPrivilege`); `superAdmin`: the integration's app is known to be one. */
export type SearchResult = (
  | { kind: 'users'; items: OktaUser[]; truncated: boolean }
  | { kind: 'groups'; items: OktaListedGroup[]; truncated: boolean }
  | { kind: 'apps'; items: OktaApp[]; truncated: boolean }
) & { superAdmin: boolean };

/** Why a list could not be shown: a page link that is not ours, or Okta's refusal or failure (with its request id). */
export type ListFailure = { failed: true; reason: 'invalid_page' | 'okta'; message: string; requestId?: string };
export type ListResult<T> = Paged<T> | ListFailure;
export type DirectoryList =
  | { kind: 'users'; list: ListResult<OktaUser> }
  | { kind: 'groups'; list: ListResult<OktaListedGroup> }
  | { kind: 'apps'; list: ListResult<OktaApp> };

export type DirectoryPage =
  | { kind: 'users'; list: Paged<OktaUser> }
  | { kind: 'groups'; list: Paged<OktaListedGroup> }
  | { kind: 'apps'; list: Paged<OktaApp> };

/** A list's failure to show in its place: a page token not made for it, or Okta's reason; anything else is thrown. */
function listFailure(error: unknown): ListFailure {
  if (error instanceof InvalidPageError) return { failed: true, reason: 'invalid_page', message: error.message };
  const failure = describeFailure(error);
  if (!failure || failure.reason === 'integration_missing') throw error;
  return { failed: true, reason: 'okta', message: failure.message, requestId: failure.requestId };
}

/** One page of a list read from Okta, its position in a sealed token (lib/queries/page-trail), or why not. */
async function pageOrFailure<T>(
  scope: string,
  token: string | undefined,
  read: (next?: string) => Promise<Page<T>>,
): Promise<ListResult<T>> {
  try {
    return await readPage(scope, token, read);
  } catch (error) {
    return listFailure(error);
  }
}

/** The expression People and Groups search with: Okta pages `search`, not `q`. */
function searchExpression(kind: 'users' | 'groups', term: string): string | undefined {
  if (!term) return undefined;
  const s = filterString(term);
  if (kind === 'groups') return `profile.name sw ${s}`;
  return ['profile.login', 'profile.email', 'profile.firstName', 'profile.lastName']
    .map((p) => `${p} sw ${s}`)
    .join(' or ');
}

/**
 * One page of People, Groups or Applications matching `q`: 50 (or `pageSize`) in Okta's order, paged with Okta's
 * own cursors kept in a sealed token bound to the list, the search and the page size (`forwardOnly`: the automation
 * API's cursors, without Previous). Groups carry their member and app counts (`expand=stats`); Okta gives no total for these lists.
 * No session check: the console's pages call listDirectory, the automation API's gate checks its token. Throws
 * InvalidPageError for a token not made for this list, and Okta's failures.
 */
export async function pageDirectory(
  integrationId: string,
  kind: DirectoryKind,
  q: string,
  page: string | undefined,
  opts: { forwardOnly?: boolean; pageSize?: number } = {},
): Promise<DirectoryPage> {
  const { client } = await oktaFor(integrationId);
  const term = q.trim();
  const pageSize = opts.pageSize ?? LIMIT;
  // Okta's `next` links keep the first page's `limit`, so a cursor is bound to its page size as to its search.
  const scope = `directory:${integrationId}:${kind}:${term}${pageSize === LIMIT ? '' : `:limit=${pageSize}`}`;
  const read = <T>(fetch: (at: { pageSize: number; next?: string }) => Promise<Page<T>>) =>
    readPage(scope, page, (next) => fetch({ pageSize, next }), opts);
  if (kind === 'users') {
    const search = searchExpression('users', term);
    return { kind, list: await read((at) => client.users.page(search ? { search } : {}, at)) };
  }
  if (kind === 'groups') {
    const search = searchExpression('groups', term);
    return { kind, list: await read((at) => client.groups.pageWithStats(search ? { search } : {}, at)) };
  }
  return { kind, list: await read((at) => client.apps.page(term ? { q: term } : {}, at)) };
}

/** The directory's People, Groups and Applications pages (pageDirectory): a failure comes back to show in place. */
export async function listDirectory(
  integrationId: string,
  kind: DirectoryKind,
  q: string,
  page: string | undefined,
): Promise<DirectoryList> {
  await requireUser('viewer');
  try {
    return await pageDirectory(integrationId, kind, q, page);
  } catch (error) {
    return { kind, list: listFailure(error) };
  }
}

/**
 * The pickers' search: the first 50 users by login, email, first or last name; groups by name, with Okta's stats
 * (a group that holds an admin role is marked where only a Super Administrator may change it); apps by name or label.
 */
export async function searchDirectory(integrationId: string, kind: DirectoryKind, q: string): Promise<SearchResult> {
  await requireUser('viewer');
  const { client, integration } = await oktaFor(integrationId);
  const superAdmin = isSuperAdmin(integration);
  const term = q.trim();
  const opts = { maxItems: LIMIT };
  if (kind === 'users') {
    const search = searchExpression('users', term);
    return { kind, superAdmin, ...(await client.users.search(search ? { search } : {}, opts)) };
  }
  if (kind === 'groups') {
    const search = searchExpression('groups', term);
    return {
      kind,
      superAdmin,
      ...(await client.groups.search({ ...(search ? { search } : {}), expand: 'stats' }, opts)),
    };
  }
  return { kind, superAdmin, ...(await client.apps.search(term ? { q: term } : {}, opts)) };
}

export async function userView(integrationId: string, userId: string) {
  await requireUser('viewer');
  const { client, integration } = await oktaFor(integrationId);
  const user = await client.users.get(userId);
  if (!user) return null;
  const [groups, rules] = await Promise.all([client.users.groups(user.id), activeRules(client, integration)]);
  const { apps, truncated } = await userAppAccess(client, user.id, groups);
  await nameAlsoVia(client, user.id, apps, groups);
  return { integration, user, groups, apps, appsTruncated: truncated, rules };
}

/**
 * Okta reports scope USER for an app a user holds directly even when one of their groups grants it too, and
 * userAppAccess looks up granting groups for group-scoped apps only when that is the cheaper way: name the groups
 * of the direct apps that have none yet ("Direct · Also via <group>"), one read of the app's group assignments
 * each, for at most MAX_GRANT_LOOKUPS apps.
 */
async function nameAlsoVia(client: OktaClient, userId: string, apps: UserAppAccess[], groups: OktaGroup[]) {
  if (groups.length === 0) return;
  const direct = apps.filter((a) => a.direct && a.viaGroups.length === 0).slice(0, MAX_GRANT_LOOKUPS);
  await Promise.all(
    direct.map(async (a) => {
      const via = await grantingGroups(client, userId, a.appId, groups);
      a.viaGroups = via.sort((x, y) => x.name.localeCompare(y.name));
    }),
  );
}

// Every user and group page shows the rules' cautions, and the console never changes rules: one read a minute.
const rulesCache = ttlCache<OktaGroupRule[] | null>('group-rules', 60_000);

/**
 * The org's active group rules, or null when Okta will not show them to the integration's app (only Super and
 * Org Administrators, and Group Administrators of all groups, may read rules). Read from Okta at most once a
 * minute per integration and credentials version (a new key or domain reads again); a failed read is not kept.
 */
const activeRules = (client: OktaClient, integration: Integration) =>
  rulesCache(`${integration.id}:${integration.updatedAt.getTime()}`, () => readActiveRules(client));

async function readActiveRules(client: OktaClient): Promise<OktaGroupRule[] | null> {
  try {
    return await client.groups.activeRules();
  } catch (error) {
    if (isOktaError(error) && (error.kind === 'forbidden' || error.kind === 'insufficient_scope')) return null;
    throw error;
  }
}

/** What a removal from a group does to its group rules, said before the click; undefined when no active rule fills the group. */
export function ruleCaution(rules: OktaGroupRule[] | null, group: { id: string; name: string }): string | undefined {
  const filling = rules?.filter((r) => r.targetGroupIds.includes(group.id)) ?? [];
  if (filling.length === 0) return undefined;
  const names = filling.map((r) => `“${r.name}”`).join(', ');
  return `${group.name} is filled by the active group rule${filling.length > 1 ? 's' : ''} ${names}. If the rule added this member, Okta puts them on the rule's exclusion list when they are removed here, so the rule will not add them back, and Undo adds them back directly without taking them off that list.`;
}

export async function groupView(integrationId: string, groupId: string, page?: string) {
  await requireUser('viewer');
  const { client, integration } = await oktaFor(integrationId);
  const group = await client.groups.get(groupId);
  if (!group) return null;
  const [members, apps, stats, rules] = await Promise.all([
    pageOrFailure(`group-members:${integrationId}:${group.id}`, page, (next) =>
      client.groups.membersPage(group.id, { pageSize: LIMIT, next }),
    ),
    client.apps.search({ filter: `group.id eq ${filterString(group.id)}` }, { maxItems: LIMIT }),
    client.groups.stats(group.id),
    activeRules(client, integration),
  ]);
  return {
    integration,
    group,
    members,
    apps,
    memberCount: stats?.usersCount ?? null,
    holdsAdminRole: stats?.hasAdminPrivilege ?? false,
    rules,
  };
}

/** An app with a page of its assigned users (name and login; `q` filters, Okta's startsWith) and its groups. */
export async function appView(integrationId: string, appId: string, users: { q: string; page?: string }) {
  await requireUser('viewer');
  const { client, integration } = await oktaFor(integrationId);
  const app = await client.apps.get(appId);
  if (!app) return null;
  const q = users.q.trim();
  const assigned: ListResult<OktaAppUserWithUser> = await pageOrFailure(
    `app-users:${integrationId}:${app.id}:${q}`,
    users.page,
    (next) => client.apps.usersPage(app.id, { q: q || undefined, pageSize: LIMIT, next }),
  );
  const assignments: Array<{ groupId: string; priority?: number; name?: string }> = [];
  for await (const g of client.apps.groups(app.id, { maxItems: LIMIT })) assignments.push({ ...g });
  const names = await Promise.all(assignments.map((a) => client.groups.get(a.groupId).then((g) => g?.name)));
  assignments.forEach((a, i) => (a.name = names[i]));
  return { integration, app, users: assigned, groups: assignments };
}

/**
 * The group or app a bulk change starts from (its name for the form), with `unavailable` when Okta would refuse
 * every change of the relation on it (the pickers' rule: an imported or built-in group, a group that holds an admin
 * role unless the app is known to be a Super Administrator, an inactive app); null when Okta does not know it.
 */
export async function bulkTarget(
  integrationId: string,
  relation: Relation,
  id: string,
): Promise<{ id: string; label: string; unavailable?: string } | null> {
  await requireUser('operator');
  const { client, integration } = await oktaFor(integrationId);
  const superAdmin = isSuperAdmin(integration);
  if (relation.resource === 'group') {
    const [g, stats] = await Promise.all([
      client.groups.get(id),
      relation.id === 'membership' ? client.groups.stats(id) : null,
    ]);
    if (!g) return null;
    const unavailable = relation.refusal(g, { holdsAdminRole: stats?.hasAdminPrivilege, superAdmin });
    return { id: g.id, label: g.name, ...(unavailable ? { unavailable } : {}) };
  }
  const a = await client.apps.get(id);
  if (!a) return null;
  const unavailable = relation.refusal(a, { superAdmin });
  return { id: a.id, label: a.label, ...(unavailable ? { unavailable } : {}) };
}

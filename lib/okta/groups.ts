import 'server-only';

import type { OktaApi } from './api';
import { isOktaError } from './errors';
import { fetchPage, paginate, searchFirst, type Page, type PageOptions } from './paginate';
import { filterString, seg } from './path';
import {
  groupRuleSchema,
  groupSchema,
  groupStatsSchema,
  listedGroupSchema,
  userSchema,
  type OktaGroup,
  type OktaGroupRule,
  type OktaGroupStats,
  type OktaListedGroup,
  type OktaUser,
} from './schemas';
import type { UsersApi } from './users';

export type GroupQuery = {
  q?: string;
  search?: string;
  filter?: string;
  sortBy?: string;
  sortOrder?: 'asc' | 'desc';
  /** `stats`: each group with its counts and whether it holds an admin role (`_embedded.stats`). */
  expand?: 'stats';
};
export type AddMemberResult = { outcome: 'added' | 'already_member'; requestId?: string };
export type RemoveMemberResult = { outcome: 'removed' | 'not_member'; requestId?: string };
/**
 * `precheck: false` skips the read of the user's groups before the write. For callers that already know
 * the state (a bulk job's preview): Okta's PUT and DELETE of a membership are safe to repeat, so the only
 * loss is that an existing membership is reported as `added` (PUT answers 204 either way).
 */
export type MembershipWriteOptions = { precheck?: boolean };

export function groupsApi(api: OktaApi, users: UsersApi) {
  const memberPath = (groupId: string, userId: string) => `/api/v1/groups/${seg(groupId)}/users/${seg(userId)}`;
  // Membership is read from the user's side: a user has a handful of groups, a group can have millions of users.
  const isMember = async (userId: string, groupId: string) =>
    (await users.groups(userId)).some((g) => g.id === groupId);

  return {
    /**
     * GET /api/v1/groups/rules (okta.groups.read): the ACTIVE group rules, paged by Okta's `next` links (an org
     * has at most 2,000). Removing a member a rule added puts the user on the rule's exclusion list
     * (group-rules.md §4), so a removal must say so first. Okta shows rules only to Super and Org Administrators
     * and to Group Administrators of all groups: others get E0000006, which callers treat as "unknown".
     */
    async activeRules(): Promise<OktaGroupRule[]> {
      const out: OktaGroupRule[] = [];
      const rules = paginate(api, '/api/v1/groups/rules', groupRuleSchema, {}, { pageSize: 200, maxItems: 2_000 });
      for await (const rule of rules) if (rule.status === 'ACTIVE') out.push(rule);
      return out;
    },

    /** GET /api/v1/groups (okta.groups.read). `q` can't be paged by Okta; use `search` for long lists. */
    list(query: GroupQuery = {}, opts: PageOptions = {}): AsyncIterable<OktaGroup> {
      return paginate(api, '/api/v1/groups', groupSchema, query, { pageSize: 200, ...opts });
    },

    /** GET /api/v1/groups (okta.groups.read): the first `maxItems` matches (default 50), with stats when expanded. */
    search(
      query: GroupQuery,
      opts: { maxItems?: number } = {},
    ): Promise<{ items: OktaListedGroup[]; truncated: boolean }> {
      return searchFirst(api, '/api/v1/groups', listedGroupSchema, query, opts.maxItems);
    },

    /**
     * GET /api/v1/groups?expand=stats (okta.groups.read): one page of groups, each with its member and app counts,
     * for screens that page on demand. Use `search`, not `q`: Okta does not page `q`.
     */
    pageWithStats(query: GroupQuery, opts: { pageSize: number; next?: string }): Promise<Page<OktaListedGroup>> {
      return fetchPage(api, '/api/v1/groups', listedGroupSchema, { ...query, expand: 'stats' }, opts);
    },

    /** GET /api/v1/groups/{groupId} (okta.groups.read); null when not found. */
    async get(groupId: string): Promise<OktaGroup | null> {
      try {
        return (await api.getJson(`/api/v1/groups/${seg(groupId)}`, groupSchema)).data;
      } catch (error) {
        if (isOktaError(error) && error.kind === 'not_found') return null;
        throw error;
      }
    },

    /** GET /api/v1/groups?filter=id eq "…"&expand=stats (okta.groups.read): member count in one call, any group size; null when not found. */
    async stats(groupId: string): Promise<OktaGroupStats | null> {
      // Okta documents `expand=stats` on the list endpoint (its KB article counts a group's users this way).
      const filter = `id eq ${filterString(groupId)}`;
      const { data } = await api.getJson('/api/v1/groups', groupStatsSchema.array(), {
        filter,
        expand: 'stats',
        limit: 1,
      });
      return data.find((g) => g.groupId === groupId) ?? null;
    },

    /** GET /api/v1/groups/{groupId}/users (okta.groups.read): members, 200 per page (Okta's default 1000 is slow). */
    members(groupId: string, opts: PageOptions = {}): AsyncIterable<OktaUser> {
      return paginate(api, `/api/v1/groups/${seg(groupId)}/users`, userSchema, {}, { pageSize: 200, ...opts });
    },

    /** GET /api/v1/groups/{groupId}/users (okta.groups.read): one page of members, for screens that page on demand. */
    membersPage(groupId: string, opts: { pageSize?: number; next?: string } = {}): Promise<Page<OktaUser>> {
      return fetchPage(
        api,
        `/api/v1/groups/${seg(groupId)}/users`,
        userSchema,
        {},
        { pageSize: opts.pageSize ?? 50, next: opts.next },
      );
    },

    /** GET /api/v1/users/{userId}/groups (okta.users.read): is the user a member, without scanning the group. */
    isMember,

    /** PUT /api/v1/groups/{groupId}/users/{userId} (okta.groups.manage); reports an existing membership. */
    async addMember(groupId: string, userId: string, opts: MembershipWriteOptions = {}): Promise<AddMemberResult> {
      // Okta answers 204 whether or not the user was already in the group, so ask first to report it.
      if (opts.precheck !== false && (await isMember(userId, groupId))) return { outcome: 'already_member' };
      const res = await api.call({
        method: 'PUT',
        path: memberPath(groupId, userId),
        verify: () => isMember(userId, groupId),
      });
      return { outcome: 'added', requestId: res.requestId };
    },

    /** DELETE /api/v1/groups/{groupId}/users/{userId} (okta.groups.manage); reports a non-membership. */
    async removeMember(
      groupId: string,
      userId: string,
      opts: MembershipWriteOptions = {},
    ): Promise<RemoveMemberResult> {
      const precheck = opts.precheck !== false;
      if (precheck && !(await isMember(userId, groupId))) return { outcome: 'not_member' };
      try {
        const res = await api.call({
          method: 'DELETE',
          path: memberPath(groupId, userId),
          verify: async () => !(await isMember(userId, groupId)),
        });
        return { outcome: 'removed', requestId: res.requestId };
      } catch (error) {
        // Both ends existed a moment ago, so a 404 means the membership is already gone (e.g. our own retried DELETE).
        // Without the pre-read we never saw it, so we claim no change (UNCONFIRMED: Okta's answer for a non-member).
        if (isOktaError(error) && error.kind === 'not_found')
          return { outcome: precheck ? 'removed' : 'not_member', requestId: error.requestId };
        throw error;
      }
    },
  };
}

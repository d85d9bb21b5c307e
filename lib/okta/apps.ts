import 'server-only';

import { parseJson, type OktaApi } from './api';
import { RetryBudget, type RetryPolicy } from './backoff';
import type { ServerClock } from './clock';
import { isOktaError } from './errors';
import { fetchPage, paginate, searchFirst, type Page, type PageOptions } from './paginate';
import { filterString, seg } from './path';
import {
  appGroupSchema,
  appSchema,
  appUserSchema,
  appUserWithUserSchema,
  userAppSchema,
  type OktaApp,
  type OktaAppGroupAssignment,
  type OktaAppUser,
  type OktaAppUserWithUser,
  type OktaUserApp,
} from './schemas';

export type AppQuery = { q?: string; filter?: string };
export type AssignUserResult = { outcome: 'assigned' | 'already_assigned'; appUser?: OktaAppUser; requestId?: string };
export type UnassignUserResult = { outcome: 'unassigned' | 'not_assigned' | 'granted_by_group'; requestId?: string };
export type AssignGroupResult = {
  outcome: 'assigned' | 'updated' | 'already_assigned';
  assignment?: OktaAppGroupAssignment;
  requestId?: string;
};
export type UnassignGroupResult = { outcome: 'unassigned' | 'not_assigned'; requestId?: string };

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (error) {
    if (isOktaError(error) && error.kind === 'not_found') return null;
    throw error;
  }
}

export function appsApi(api: OktaApi, policy: RetryPolicy, clock: ServerClock) {
  const userPath = (appId: string, userId: string) => `/api/v1/apps/${seg(appId)}/users/${seg(userId)}`;
  const groupPath = (appId: string, groupId: string) => `/api/v1/apps/${seg(appId)}/groups/${seg(groupId)}`;
  const getUser = (appId: string, userId: string) =>
    orNull(api.getJson(userPath(appId, userId), appUserSchema).then((r) => r.data));
  const getGroup = (appId: string, groupId: string) =>
    orNull(api.getJson(groupPath(appId, groupId), appGroupSchema).then((r) => r.data));

  return {
    /** GET /api/v1/apps (okta.apps.read): every matching app, page by page. */
    list(query: AppQuery = {}, opts: PageOptions = {}): AsyncIterable<OktaApp> {
      return paginate(api, '/api/v1/apps', appSchema, query, { pageSize: 200, ...opts });
    },

    /** GET /api/v1/apps (okta.apps.read): the first `maxItems` matches (default 50). */
    search(query: AppQuery, opts: { maxItems?: number } = {}): Promise<{ items: OktaApp[]; truncated: boolean }> {
      return searchFirst(api, '/api/v1/apps', appSchema, query, opts.maxItems);
    },

    /** GET /api/v1/apps (okta.apps.read): one page, for screens that page on demand. */
    page(query: AppQuery, opts: { pageSize: number; next?: string }): Promise<Page<OktaApp>> {
      return fetchPage(api, '/api/v1/apps', appSchema, query, opts);
    },

    /** GET /api/v1/apps/{appId} (okta.apps.read); null when not found (Okta also 404s some INACTIVE apps). */
    get: (appId: string): Promise<OktaApp | null> =>
      orNull(api.getJson(`/api/v1/apps/${seg(appId)}`, appSchema).then((r) => r.data)),

    /** GET /api/v1/apps?filter=user.id eq "…"&expand=user/{id} (okta.apps.read): the user's apps, each with its AppUser (scope USER or GROUP). */
    forUser(userId: string, opts: PageOptions = {}): AsyncIterable<OktaUserApp> {
      return paginate(
        api,
        '/api/v1/apps',
        userAppSchema,
        { filter: `user.id eq ${filterString(userId)}`, expand: `user/${userId}` },
        { pageSize: 200, ...opts },
      );
    },

    /** GET /api/v1/apps/{appId}/users (okta.apps.read): assigned users; `scope` keeps direct (USER) or group-granted (GROUP). */
    async *users(
      appId: string,
      opts: PageOptions & { scope?: 'USER' | 'GROUP'; q?: string } = {},
    ): AsyncGenerator<OktaAppUser> {
      const { scope, q, ...page } = opts;
      // Okta has no scope filter; the cap applies to what we yield, not to what we read.
      const max = page.maxItems ?? Number.POSITIVE_INFINITY;
      let n = 0;
      for await (const u of paginate(
        api,
        `/api/v1/apps/${seg(appId)}/users`,
        appUserSchema,
        { q },
        { pageSize: 500, ...page, maxItems: scope ? undefined : max },
      )) {
        if (scope && u.scope !== scope) continue;
        if (n++ >= max) return;
        yield u;
      }
    },

    /**
     * GET /api/v1/apps/{appId}/users?expand=user (okta.apps.read): one page of assigned users, each with its Okta
     * user (name, login); `q` matches the start of the app username, first or last name or email.
     */
    usersPage(
      appId: string,
      opts: { q?: string; pageSize: number; next?: string },
    ): Promise<Page<OktaAppUserWithUser>> {
      const { q, ...page } = opts;
      return fetchPage(api, `/api/v1/apps/${seg(appId)}/users`, appUserWithUserSchema, { q, expand: 'user' }, page);
    },

    /** GET /api/v1/apps/{appId}/users/{userId} (okta.apps.read); null when not assigned. */
    getUser,

    /** POST /api/v1/apps/{appId}/users (okta.apps.manage); retried after a 5xx only once a GET shows it didn't land. */
    async assignUser(
      appId: string,
      userId: string,
      input: { userName?: string; profile?: Record<string, unknown>; precheck?: boolean } = {},
    ): Promise<AssignUserResult> {
      // `precheck: false` (a bulk job whose preview read the state): POST straight away; a direct assignment that
      // already exists comes back as 200 or E0000062, both safe.
      const before = input.precheck === false ? null : await getUser(appId, userId);
      if (before?.scope === 'USER') return { outcome: 'already_assigned', appUser: before };
      const body: Record<string, unknown> = { id: userId, scope: 'USER' };
      if (input.userName) body.credentials = { userName: input.userName };
      if (input.profile) body.profile = input.profile;
      const retries = new RetryBudget(policy, clock);
      for (;;) {
        try {
          const path = `/api/v1/apps/${seg(appId)}/users`;
          const res = await api.call({ method: 'POST', path, body, idempotent: false });
          return {
            outcome: 'assigned',
            appUser: parseJson(res, appUserSchema, 'POST', path),
            requestId: res.requestId,
          };
        } catch (error) {
          if (!isOktaError(error)) throw error;
          if (error.errorCode === 'E0000062') return { outcome: 'already_assigned', requestId: error.requestId };
          const unknownOutcome = error.kind === 'server_error' || error.kind === 'network' || error.kind === 'timeout';
          if (!unknownOutcome || !retries.transientLeft) throw error;
          const now = await getUser(appId, userId);
          if (now?.scope === 'USER') return { outcome: 'assigned', appUser: now };
          await retries.backoff();
        }
      }
    },

    /** DELETE /api/v1/apps/{appId}/users/{userId} (okta.apps.manage); a group-granted user can't be unassigned (E0000046). */
    async unassignUser(
      appId: string,
      userId: string,
      opts: { sendEmail?: boolean; precheck?: boolean } = {},
    ): Promise<UnassignUserResult> {
      // `precheck: false` (bulk, state known from the preview): DELETE straight away; Okta then refuses a
      // group-granted user with E0000046, reported as `granted_by_group` like the pre-read would.
      const precheck = opts.precheck !== false;
      const before = precheck ? await getUser(appId, userId) : undefined;
      if (precheck && !before) return { outcome: 'not_assigned' };
      if (before?.scope === 'GROUP') return { outcome: 'granted_by_group' };
      try {
        const res = await api.call({
          method: 'DELETE',
          path: userPath(appId, userId),
          query: { sendEmail: opts.sendEmail ? 'true' : undefined },
          verify: async () => (await getUser(appId, userId))?.scope !== 'USER',
        });
        return { outcome: 'unassigned', requestId: res.requestId };
      } catch (error) {
        if (isOktaError(error) && error.kind === 'not_found')
          return { outcome: precheck ? 'unassigned' : 'not_assigned', requestId: error.requestId };
        if (isOktaError(error) && error.errorCode === 'E0000046')
          return { outcome: 'granted_by_group', requestId: error.requestId };
        throw error;
      }
    },

    /** GET /api/v1/apps/{appId}/groups (okta.apps.read): group assignments, 200 per page (Okta's max). */
    groups(appId: string, opts: PageOptions = {}): AsyncIterable<OktaAppGroupAssignment> {
      return paginate(api, `/api/v1/apps/${seg(appId)}/groups`, appGroupSchema, {}, { pageSize: 200, ...opts });
    },

    /** GET /api/v1/apps/{appId}/groups/{groupId} (okta.apps.read); null when not assigned. */
    getGroup,

    /** PUT /api/v1/apps/{appId}/groups/{groupId} (okta.apps.manage); `priority` omitted lets Okta pick the next. */
    async assignGroup(appId: string, groupId: string, opts: { priority?: number } = {}): Promise<AssignGroupResult> {
      const before = await getGroup(appId, groupId);
      if (before && (opts.priority === undefined || before.priority === opts.priority))
        return { outcome: 'already_assigned', assignment: before };
      const path = groupPath(appId, groupId);
      const landed = async () => {
        const now = await getGroup(appId, groupId);
        return now !== null && (opts.priority === undefined || now.priority === opts.priority);
      };
      const res = await api.call({
        method: 'PUT',
        path,
        body: opts.priority === undefined ? {} : { priority: opts.priority },
        verify: landed,
      });
      const assignment = res.body
        ? parseJson(res, appGroupSchema, 'PUT', path)
        : ((await getGroup(appId, groupId)) ?? undefined);
      return { outcome: before ? 'updated' : 'assigned', assignment, requestId: res.requestId };
    },

    /** DELETE /api/v1/apps/{appId}/groups/{groupId} (okta.apps.manage). */
    async unassignGroup(appId: string, groupId: string): Promise<UnassignGroupResult> {
      if (!(await getGroup(appId, groupId))) return { outcome: 'not_assigned' };
      try {
        const res = await api.call({
          method: 'DELETE',
          path: groupPath(appId, groupId),
          verify: async () => (await getGroup(appId, groupId)) === null,
        });
        return { outcome: 'unassigned', requestId: res.requestId };
      } catch (error) {
        if (isOktaError(error) && error.kind === 'not_found')
          return { outcome: 'unassigned', requestId: error.requestId };
        throw error;
      }
    },
  };
}

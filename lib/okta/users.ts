import 'server-only';

import type { OktaApi } from './api';
import { isOktaError } from './errors';
import { collect, fetchPage, paginate, searchFirst, type Page, type PageOptions } from './paginate';
import { seg } from './path';
import { appLinkSchema, groupSchema, userSchema, type OktaAppLink, type OktaGroup, type OktaUser } from './schemas';

export type UserQuery = { search?: string; filter?: string; q?: string; sortBy?: string; sortOrder?: 'asc' | 'desc' };

export function usersApi(api: OktaApi) {
  return {
    /** GET /api/v1/users (okta.users.read): every matching user, page by page. */
    list(query: UserQuery = {}, opts: PageOptions = {}): AsyncIterable<OktaUser> {
      return paginate(api, '/api/v1/users', userSchema, query, { pageSize: 200, ...opts });
    },

    /** GET /api/v1/users (okta.users.read): the first `maxItems` matches (default 50). */
    search(query: UserQuery, opts: { maxItems?: number } = {}): Promise<{ items: OktaUser[]; truncated: boolean }> {
      return searchFirst(api, '/api/v1/users', userSchema, query, opts.maxItems);
    },

    /**
     * GET /api/v1/users (okta.users.read): one page, for screens that page on demand; `next` is the `next` a
     * previous page returned (Okta's own link). Use `search`, not `q`: Okta does not page `q`.
     */
    page(query: UserQuery, opts: { pageSize: number; next?: string }): Promise<Page<OktaUser>> {
      return fetchPage(api, '/api/v1/users', userSchema, query, opts);
    },

    /** GET /api/v1/users/{idOrLogin} (okta.users.read); null when Okta has no such user. */
    async get(idOrLogin: string): Promise<OktaUser | null> {
      try {
        return (await api.getJson(`/api/v1/users/${seg(idOrLogin)}`, userSchema)).data;
      } catch (error) {
        if (isOktaError(error) && error.kind === 'not_found') return null;
        throw error;
      }
    },

    /** GET /api/v1/users/{id}/groups (okta.users.read): all the user's groups (follows `next` if Okta pages). */
    async groups(userId: string): Promise<OktaGroup[]> {
      return (
        await collect(paginate(api, `/api/v1/users/${seg(userId)}/groups`, groupSchema), Number.POSITIVE_INFINITY)
      ).items;
    },

    /** GET /api/v1/users/{id}/appLinks (okta.users.read): apps assigned directly or through a group. */
    async appLinks(userId: string): Promise<OktaAppLink[]> {
      return (
        await collect(paginate(api, `/api/v1/users/${seg(userId)}/appLinks`, appLinkSchema), Number.POSITIVE_INFINITY)
      ).items;
    },
  };
}

export type UsersApi = ReturnType<typeof usersApi>;

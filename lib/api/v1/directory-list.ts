import 'server-only';

import type { OktaApp, OktaListedGroup, OktaUser } from '@/lib/okta';
import { pageDirectory, type DirectoryKind } from '@/lib/queries/directory';
import { InvalidPageError } from '@/lib/queries/page-trail';
import { defineApiRoute } from './gate';
import { apiError, apiJson } from './respond';
import { integrationParams, listQuery } from './schemas';

type Item = { users: OktaUser; groups: OktaListedGroup; apps: OktaApp };

/**
 * GET /{integrationId}/{users|groups|apps}?q=&cursor=: one page of the console's directory list (50 in Okta's
 * order, Okta's cursors in a sealed token, as the console pages them) as `{items, nextCursor, next, truncated}`.
 * `next` is the path of the following page (null on the last); a cursor of another list or `q` is a 400.
 */
export function directoryListRoute<K extends DirectoryKind>(
  kind: K,
  name: string,
  shape: (item: Item[K]) => Record<string, unknown>,
) {
  return defineApiRoute(
    { name, access: 'read', params: integrationParams, query: listQuery },
    async ({ params, query, request }) => {
      let page;
      try {
        page = await pageDirectory(params.integrationId, kind, query.q, query.cursor, { forwardOnly: true });
      } catch (error) {
        if (!(error instanceof InvalidPageError)) throw error;
        return apiError(400, 'invalid_request', 'Check cursor.', {
          fields: { cursor: ['cursor is the nextCursor of the previous answer, for the same q'] },
        });
      }
      const nextCursor = page.list.next ?? null;
      const next = nextCursor
        ? `${new URL(request.url).pathname}?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), cursor: nextCursor }).toString()}`
        : null;
      const items = (page.list.items as Item[K][]).map(shape);
      return apiJson(200, { items, nextCursor, next, truncated: nextCursor !== null });
    },
  );
}

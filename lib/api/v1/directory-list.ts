import 'server-only';

import type { OktaApp, OktaListedGroup, OktaUser } from '@/lib/okta';
import { pageDirectory, type DirectoryKind } from '@/lib/queries/directory';
import { InvalidPageError } from '@/lib/queries/page-trail';
import { defineApiRoute } from './gate';
import { apiError, listAnswer } from './respond';
import { CURSOR_RULE, integrationParams, listQuery } from './schemas';

type Item = { users: OktaUser; groups: OktaListedGroup; apps: OktaApp };

/**
 * GET /{integrationId}/{users|groups|apps}?q=&limit=&cursor=: one page of the console's directory list (`limit`, 50
 * by default, in Okta's order, Okta's cursors in a sealed token, as the console pages them) as
 * `{items, nextCursor, next, truncated}` with `Link: <next>; rel="next"`. A cursor of another list, `q` or `limit`,
 * or one the console did not make, is a 400 before any call to Okta.
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
        page = await pageDirectory(params.integrationId, kind, query.q, query.cursor, {
          forwardOnly: true,
          pageSize: query.limit,
        });
      } catch (error) {
        if (!(error instanceof InvalidPageError)) throw error;
        return apiError(400, 'invalid_request', 'Check cursor.', { fields: { cursor: [CURSOR_RULE] } });
      }
      const nextCursor = page.list.next ?? null;
      const items = (page.list.items as Item[K][]).map(shape);
      return listAnswer(request, { items, truncated: nextCursor !== null }, nextCursor);
    },
  );
}

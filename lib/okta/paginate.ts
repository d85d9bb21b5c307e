import 'server-only';
import { z } from 'zod';
import { parseJson, type OktaApi } from './api';
import { headerAll } from './http';
import { nextLink } from './link-header';

export type PageOptions = {
  /** `limit` sent on the first request; later pages keep whatever the `next` link carries. */
  pageSize?: number;
  /** Stop after this many items (the iterator then ends; `collect` reports truncation). */
  maxItems?: number;
  /** Safety net against a server that never stops handing out `next`. */
  maxPages?: number;
};

/**
 * Items of a paged Okta collection, following `Link: rel="next"` exactly as given (Okta's cursors are
 * opaque). Each page is validated item by item; a `next` link to another origin is refused by the transport.
 */
export async function* paginate<T>(
  api: OktaApi,
  path: string,
  item: z.ZodType<T>,
  query: Record<string, string | number | undefined> = {},
  opts: PageOptions = {},
): AsyncGenerator<T, void, undefined> {
  const maxItems = opts.maxItems ?? Number.POSITIVE_INFINITY;
  const maxPages = opts.maxPages ?? 10_000;
  const page = z.array(item);
  let target: string | undefined = path;
  let firstQuery: typeof query | undefined = opts.pageSize ? { ...query, limit: opts.pageSize } : query;
  let yielded = 0;
  for (let pages = 0; target !== undefined && pages < maxPages && yielded < maxItems; pages++) {
    const res = await api.call({ method: 'GET', path: target, query: firstQuery });
    const items: T[] = parseJson(res, page, 'GET', target);
    for (const it of items) {
      if (yielded >= maxItems) return;
      yielded++;
      yield it;
    }
    firstQuery = undefined;
    const next = nextLink(headerAll(res.headers, 'link'));
    // An empty page with a `next` would loop forever on a buggy server; Okta ends lists without `next`.
    target = items.length === 0 ? undefined : next;
  }
}

/** Collect up to `maxItems` (default 200) and say whether more were left. */
export async function collect<T>(iter: AsyncIterable<T>, maxItems = 200): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  for await (const it of iter) {
    if (items.length >= maxItems) return { items, truncated: true };
    items.push(it);
  }
  return { items, truncated: false };
}

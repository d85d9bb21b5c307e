import 'server-only';

import { z } from 'zod';
import { parseJson, type ApiResponse, type OktaApi } from './api';
import { OktaError } from './errors';
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
export function paginate<T>(
  api: OktaApi,
  path: string,
  item: z.ZodType<T>,
  query: Record<string, string | number | undefined> = {},
  opts: PageOptions = {},
): AsyncGenerator<T, void, undefined> {
  const page = z.array(item);
  return follow(api, path, query, opts, (res, target) => ({
    items: parseJson(res, page, 'GET', target),
    next: nextLink(headerAll(res.headers, 'link')),
  }));
}

/**
 * Items of a collection Okta pages inside its body rather than with a `Link` header: `{ <key>: [...], _links:
 * { next: { href } } }` (spec LinksNext, e.g. a resource set's resources). `next.href` is followed as given.
 */
export function paginateBody<T>(
  api: OktaApi,
  path: string,
  key: string,
  item: z.ZodType<T>,
  query: Record<string, string | number | undefined> = {},
  opts: PageOptions = {},
): AsyncGenerator<T, void, undefined> {
  const links = z.object({ next: z.object({ href: z.string() }).nullish() }).nullish();
  const page = z
    .object({ [key]: z.array(item), _links: links })
    .transform((b) => ({ items: b[key] as T[], next: (b._links as z.output<typeof links>)?.next?.href }));
  return follow(api, path, query, opts, (res, target) => parseJson(res, page, 'GET', target));
}

async function* follow<T>(
  api: OktaApi,
  path: string,
  query: Record<string, string | number | undefined>,
  opts: PageOptions,
  read: (res: ApiResponse, target: string) => { items: T[]; next?: string },
): AsyncGenerator<T, void, undefined> {
  const maxItems = opts.maxItems ?? Number.POSITIVE_INFINITY;
  const maxPages = opts.maxPages ?? 10_000;
  let target: string | undefined = path;
  let firstQuery: typeof query | undefined = opts.pageSize ? { ...query, limit: opts.pageSize } : query;
  let yielded = 0;
  for (let pages = 0; target !== undefined && pages < maxPages && yielded < maxItems; pages++) {
    const res = await api.call({ method: 'GET', path: target, query: firstQuery });
    const { items, next } = read(res, target);
    for (const it of items) {
      if (yielded >= maxItems) return;
      yielded++;
      yield it;
    }
    firstQuery = undefined;
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

/** The first `maxItems` (default 50) items of a collection, and whether more were left (it reads one more). */
export function searchFirst<T>(
  api: OktaApi,
  path: string,
  item: z.ZodType<T>,
  query: Record<string, string | number | undefined>,
  maxItems = 50,
): Promise<{ items: T[]; truncated: boolean }> {
  const pages = paginate(api, path, item, query, { pageSize: Math.min(200, maxItems + 1), maxItems: maxItems + 1 });
  return collect(pages, maxItems);
}

export type Page<T> = { items: T[]; next?: string };

/**
 * One page of a collection, for screens that page on demand. `next` is Okta's own `rel="next"` link
 * (path and query, origin dropped) handed back unchanged on the following call; because it round-trips
 * through a browser it is accepted only when it points at the same collection.
 */
export async function fetchPage<T>(
  api: OktaApi,
  path: string,
  item: z.ZodType<T>,
  query: Record<string, string | number | undefined>,
  opts: { pageSize: number; next?: string },
): Promise<Page<T>> {
  if (opts.next !== undefined && !opts.next.startsWith(`${path}?`))
    throw new OktaError({ kind: 'config_invalid', errorSummary: 'That page cursor belongs to another list.' });
  const res = opts.next
    ? await api.call({ method: 'GET', path: opts.next })
    : await api.call({ method: 'GET', path, query: { ...query, limit: opts.pageSize } });
  const items: T[] = parseJson(res, z.array(item), 'GET', path);
  const next = nextLink(headerAll(res.headers, 'link'));
  if (!next || items.length === 0) return { items };
  const url = new URL(next, 'http://placeholder');
  return { items, next: `${url.pathname}${url.search}` };
}

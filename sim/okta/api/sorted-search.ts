import type { SortedIds } from '../core/sorted-ids';
import type { RequestContext } from '../http/types';
import { pageIds } from './pagination';

type Key = [string | number | null, string];

function compareKeys(a: Key, b: Key, desc: boolean): number {
  const [va, ia] = a;
  const [vb, ib] = b;
  if (va !== vb) {
    // Missing values sort last in either direction.
    if (va === null) return 1;
    if (vb === null) return -1;
    const c =
      typeof va === 'string' && typeof vb === 'string'
        ? va.toLowerCase().localeCompare(vb.toLowerCase())
        : va < vb
          ? -1
          : va > vb
            ? 1
            : 0;
    if (c !== 0) return desc ? -c : c;
  }
  // "… with the same value for the sortBy property are ordered by id".
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

const encode = (k: Key) => Buffer.from(JSON.stringify(k)).toString('base64url');

function decode(cursor: string): Key | null {
  try {
    const k = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return Array.isArray(k) && k.length === 2 && typeof k[1] === 'string' ? (k as Key) : null;
  } catch {
    return null;
  }
}

/**
 * `search` + `sortBy`/`sortOrder`: sort every match by the property, ties by id. The cursor encodes the
 * last (value, id) pair, so paging stays stable while the data changes.
 */
export function sortedSearchPage(
  ctx: RequestContext,
  matches: readonly string[],
  valueOf: (id: string) => unknown,
  limit: number,
): { ids: string[]; next: string | null } {
  const desc = ctx.query.get('sortOrder')?.toLowerCase() === 'desc';
  const keyOf = (id: string): Key => {
    const v = valueOf(id);
    return [typeof v === 'string' || typeof v === 'number' ? v : null, id];
  };
  const keyed = matches.map(keyOf).sort((a, b) => compareKeys(a, b, desc));
  const after = ctx.query.get('after');
  const cursor = after ? decode(after) : null;
  let start = 0;
  if (cursor) {
    let lo = 0;
    let hi = keyed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(keyed[mid]!, cursor, desc) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const page = keyed.slice(start, start + limit);
  const more = start + limit < keyed.length;
  return { ids: page.map((k) => k[1]), next: more && page.length > 0 ? encode(page[page.length - 1]!) : null };
}

/** One page of a list: sorted by `sortBy` when a `search` asks for it, else in id order after the `after` cursor. */
export function listPage(
  ctx: RequestContext,
  index: SortedIds,
  limit: number,
  accept: ((id: string) => boolean) | undefined,
  valueOf: (id: string, attr: string) => unknown,
): { ids: string[]; next: string | null } {
  const sortBy = ctx.query.get('search') !== null ? ctx.query.get('sortBy') : null;
  if (!sortBy) return pageIds(ctx, index, limit, accept);
  const matches = accept ? index.values().filter(accept) : index.values();
  return sortedSearchPage(ctx, matches, (id) => valueOf(id, sortBy), limit);
}

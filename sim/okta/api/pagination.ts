import type { SortedIds } from '../core/sorted-ids';
import type { RequestContext } from '../http/types';
import { CHOICES } from '../unconfirmed';

export interface LimitRule {
  default: number;
  max: number;
  min?: number;
}

/** Per-endpoint limits from management-api.md §4. */
export const LIMITS = {
  users: { default: 200, max: 200 },
  usersQ: { default: 10, max: 200 },
  groups: { default: 10000, max: 10000 },
  groupsQ: { default: 300, max: 10000 },
  groupUsers: { default: 1000, max: 1000 },
  groupApps: { default: 20, max: 200 },
  apps: { default: 20, max: 200 },
  appUsers: { default: 50, max: 500, min: 1 },
  appGroups: { default: 20, max: 200, min: 20 },
  roleTargets: { default: 20, max: 200 },
  resourceSetResources: { default: 100, max: 100 },
  groupRules: { default: 50, max: 200 },
} satisfies Record<string, LimitRule>;

export function parseLimit(ctx: RequestContext, rule: LimitRule): number {
  const raw = ctx.query.get('limit');
  if (raw === null) return rule.default;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) return rule.default;
  if (!CHOICES.clampLimit) return n;
  return Math.min(rule.max, Math.max(rule.min ?? 1, n));
}

/**
 * One page from a sorted id index: binary search to the `after` cursor, then scan until `limit` accepted
 * items (plus one look-ahead to know whether a next page exists). The cursor is the last id returned.
 * Items scanned are counted in stats so tests can check that a page costs O(page), not O(n).
 */
export function pageIds(
  ctx: RequestContext,
  index: SortedIds,
  limit: number,
  accept?: (id: string) => boolean,
): { ids: string[]; next: string | null } {
  const after = ctx.query.get('after');
  const start = after ? index.upperBound(after) : 0;
  const ids: string[] = [];
  let i = start;
  for (; i < index.size && ids.length < limit; i++) {
    const id = index.at(i)!;
    if (!accept || accept(id)) ids.push(id);
  }
  let more = false;
  for (; i < index.size; i++) {
    if (!accept || accept(index.at(i)!)) {
      more = true;
      i++;
      break;
    }
  }
  ctx.state.stats.itemsScanned += i - start;
  return { ids, next: more && ids.length > 0 ? ids[ids.length - 1]! : null };
}

const enc = (v: string) => encodeURIComponent(v);

/** `Link` header lines: rel="self" always, rel="next" while more remain (one header line per rel). */
export function linkHeaders(ctx: RequestContext, limit: number, next: string | null): string[] {
  const base: string[] = [];
  for (const [k, v] of ctx.query) if (k !== 'limit' && k !== 'after') base.push(`${enc(k)}=${enc(v)}`);
  const after = ctx.query.get('after');
  const url = (cursor: string | null) => {
    const parts = [...base, ...(cursor ? [`after=${enc(cursor)}`] : []), `limit=${limit}`];
    return `${ctx.origin}${ctx.path}?${parts.join('&')}`;
  };
  const links = [`<${url(after)}>; rel="self"`];
  if (next) links.push(`<${url(next)}>; rel="next"`);
  return links;
}

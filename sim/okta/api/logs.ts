import { requirePermission } from '../auth/permissions';
import { errorBody, HttpError } from '../core/errors';
import type { Reply, RequestContext, Route } from '../http/types';
import { matchesFilter, matchesKeywords, parseKeywords, parseLogFilter } from '../log/filter';
import type { StoredEvent, SystemLog } from '../log/store';
import { CHOICES } from '../unconfirmed';

// GET /api/v1/logs as system-log-query documents it (system-log.md §2–§3):
// - polling (no `until`, ASCENDING): persistence order, a `next` link on every page, even an empty one, whose
//   `after` is the one sent when nothing new arrived;
// - bounded (`until` given, or DESCENDING): `published` order within [since, until], finite pages;
// - `after` is an opaque position (`<ms>_<seq>`, like Okta's `1627500044869_1`) and wins over `since`;
//   Okta's own next links keep every other parameter (the documented example keeps `since` and `until`).

const DAY = 86_400_000;
const LIMIT = { default: 100, max: 1000 };
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const refuse = (code: 'E0000001' | 'E0000053', summary: string, causes: string[] = []) =>
  new HttpError(400, {
    ...errorBody(code),
    errorSummary: summary,
    errorCauses: causes.map((c) => ({ errorSummary: c })),
  });

function time(ctx: RequestContext, name: 'since' | 'until'): number | null {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return null;
  const ms = ISO_8601.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isFinite(ms)) return ms;
  const format = `${name}: The date format in your query is not recognized. Please enter dates using ISO8601 string format.`;
  const empty = `${name}: must be a valid date-time or empty.`;
  throw refuse(
    'E0000001',
    `Api validation failed: '${name}': The date format in your query is not recognized. Please enter dates using ISO8601 string format.. '${name}': must be a valid date-time or empty.`,
    [format, empty],
  );
}

function afterSeq(ctx: RequestContext): number | null {
  const raw = ctx.query.get('after');
  if (raw === null) return null;
  const m = /^\d+_(\d+)$/.exec(raw);
  // Okta says not to craft cursors; what it answers to a forged one is UNCONFIRMED.
  if (!m) throw refuse('E0000001', 'Api validation failed: after', ['after: The cursor is not valid.']);
  return Number(m[1]);
}

function limitOf(ctx: RequestContext): number {
  const raw = ctx.query.get('limit');
  const n = raw === null ? LIMIT.default : Number(raw);
  if (!Number.isInteger(n) || n < 0) return LIMIT.default;
  return CHOICES.clampLimit ? Math.min(n, LIMIT.max) : n;
}

function orderOf(ctx: RequestContext): 'ASCENDING' | 'DESCENDING' {
  const raw = ctx.query.get('sortOrder') ?? 'ASCENDING';
  if (raw === 'ASCENDING' || raw === 'DESCENDING') return raw;
  throw refuse('E0000001', 'Api validation failed: sortOrder', ['sortOrder: must be ASCENDING or DESCENDING.']);
}

const cursor = (log: SystemLog, seq: number, now: number) => `${log.publishedOfSeq(seq) ?? now}_${seq}`;

/** GET /api/v1/logs — okta.logs.read; its own rate-limit bucket. */
function listLogEvents(ctx: RequestContext): Reply {
  const { state } = ctx;
  requirePermission(state.dir, ctx.auth!.client, 'logs.read');
  const now = state.now();
  const log = state.log;
  log.prune(now);
  const since = time(ctx, 'since');
  const until = time(ctx, 'until');
  if (since !== null && since < now - 180 * DAY)
    throw refuse('E0000053', 'Invalid parameter: The since parameter is over 180 days prior to the current day.');
  const after = afterSeq(ctx);
  const limit = limitOf(ctx);
  const order = orderOf(ctx);
  const filterText = ctx.query.get('filter');
  const filter = filterText ? parseLogFilter(filterText) : null;
  const keywords = parseKeywords(ctx.query.get('q') ?? '');
  const accept = (e: StoredEvent) => (!filter || matchesFilter(filter, e.event)) && matchesKeywords(keywords, e.event);

  const polling = until === null && order === 'ASCENDING';
  const upper = until ?? now;
  const lower = since ?? upper - 7 * DAY;
  const items: StoredEvent[] = [];
  let next: number | null = null;
  if (order === 'ASCENDING') {
    let i = after !== null ? log.indexAfterSeq(after) : log.indexAtOrAfter(lower);
    const end = polling ? log.end : log.indexAfterTime(upper);
    let position = after ?? log.seqBefore(i);
    for (; i < end && items.length < limit; i++) {
      const e = log.at(i);
      position = e.seq;
      if (accept(e)) items.push(e);
    }
    if (polling) next = position;
    else if (items.length > 0 && hasMore(log, i, end, 1, accept)) next = items.at(-1)!.seq;
  } else {
    const floor = log.indexAtOrAfter(lower);
    let i = log.indexAfterTime(upper) - 1;
    if (after !== null) i = Math.min(i, log.indexAfterSeq(after - 1) - 1);
    for (; i >= floor && items.length < limit; i--) {
      const e = log.at(i);
      if (accept(e)) items.push(e);
    }
    if (items.length > 0 && hasMore(log, i, floor - 1, -1, accept)) next = items.at(-1)!.seq;
  }
  const sentAfter = ctx.query.get('after');
  const nextCursor = next === null ? null : after !== null && next === after ? sentAfter! : cursor(log, next, now);
  return { status: 200, body: items.map((e) => e.event), headers: { link: links(ctx, nextCursor) } };
}

/** Whether another accepted event lies from `i` towards `stop` (exclusive), stepping by `step`. */
function hasMore(log: SystemLog, i: number, stop: number, step: 1 | -1, accept: (e: StoredEvent) => boolean) {
  for (let j = i; j !== stop; j += step) if (accept(log.at(j))) return true;
  return false;
}

const enc = (v: string) => encodeURIComponent(v);

function links(ctx: RequestContext, next: string | null): string[] {
  const kept = [...ctx.query].filter(([k]) => k !== 'after');
  const url = (after: string | null) => {
    const parts = [...kept, ...(after !== null ? [['after', after] as const] : [])].map(
      ([k, v]) => `${enc(k)}=${enc(v)}`,
    );
    return `${ctx.origin}${ctx.path}${parts.length ? `?${parts.join('&')}` : ''}`;
  };
  const out = [`<${url(ctx.query.get('after'))}>; rel="self"`];
  if (next !== null) out.push(`<${url(next)}>; rel="next"`);
  return out;
}

export const logRoutes: Route[] = [
  { method: 'GET', template: '/api/v1/logs', op: 'listLogEvents', scope: 'okta.logs.read', handler: listLogEvents },
];

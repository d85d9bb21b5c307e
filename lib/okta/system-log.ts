import 'server-only';

import { z } from 'zod';
import { parseJson, type OktaApi } from './api';
import { OktaError } from './errors';
import { headerAll } from './http';
import { nextLink } from './link-header';
import { accessFilter, logEventSchema, toAccessChange, type OktaAccessChange } from './log-events';
import { fetchPage, type Page } from './paginate';

const LOGS = '/api/v1/logs';
const DAY = 86_400_000;
/** "Log data older than 90 days is not returned" (system-log.md §4); asking further back only costs time. */
export const LOG_RETENTION_DAYS = 90;
const events = z.array(logEventSchema);

/**
 * The uuids of the most recent events, at most `size` of them: enough to drop a page Okta hands out twice (a
 * retried request, a stream resumed from an older cursor) while memory stays bounded over any length of stream.
 */
export class RecentIds {
  private readonly order: string[] = [];
  private readonly set = new Set<string>();
  constructor(private readonly size: number) {}

  /** True when `id` is new (and now remembered). */
  add(id: string): boolean {
    if (this.set.has(id)) return false;
    this.set.add(id);
    this.order.push(id);
    if (this.order.length > this.size) this.set.delete(this.order.shift()!);
    return true;
  }
}

export type AccessQuery = { targetIds?: string[]; actorId?: string };
export type StreamEnd = { next?: string; complete: boolean };

export function systemLogApi(api: OktaApi) {
  return {
    /**
     * GET /api/v1/logs (okta.logs.read): one page of access changes naming every `targetIds` (and by `actorId`),
     * newest first. A bounded query (since … until, DESCENDING) so pages end; `next` is Okta's link as given.
     * `keep` drops changes the caller doesn't show; then further Okta pages are read (up to `maxCalls`) so a page
     * isn't empty only because its events were dropped.
     */
    async accessPage(
      q: AccessQuery & { since?: Date; until: Date },
      opts: { pageSize: number; next?: string; keep?: (c: OktaAccessChange) => boolean; maxCalls?: number },
    ): Promise<Page<OktaAccessChange>> {
      const since = q.since ?? new Date(q.until.getTime() - LOG_RETENTION_DAYS * DAY);
      const query = {
        since: since.toISOString(),
        until: q.until.toISOString(),
        sortOrder: 'DESCENDING',
        filter: accessFilter(q),
      };
      const items: OktaAccessChange[] = [];
      let next = opts.next;
      for (let calls = 0; calls < (opts.maxCalls ?? 1); calls++) {
        const page = await fetchPage(api, LOGS, logEventSchema, query, { pageSize: opts.pageSize, next });
        for (const e of page.items) {
          const change = toAccessChange(e);
          if (change && (!opts.keep || opts.keep(change))) items.push(change);
        }
        next = page.next;
        if (!next || items.length >= opts.pageSize) break;
      }
      return { items, ...(next && { next }) };
    },

    /**
     * GET /api/v1/logs as a polling stream (ascending, no `until`, system-log.md §3): access changes from `since`,
     * or from `resume` (a `next` this returned before), oldest by persistence first, until a page comes back
     * empty (caught up) or `maxPages` were read. `next` links are followed exactly as given and never rebuilt
     * from timestamps; repeats are dropped by uuid. Returns where to resume. One page in memory at a time.
     */
    async *accessStream(
      q: AccessQuery & { since?: Date; resume?: string },
      opts: { pageSize?: number; maxPages?: number } = {},
    ): AsyncGenerator<OktaAccessChange, StreamEnd, undefined> {
      if (
        q.resume !== undefined &&
        !q.resume.startsWith(`${LOGS}?`) &&
        !/^https?:\/\/[^/]+\/api\/v1\/logs\?/.test(q.resume)
      )
        throw new OktaError({ kind: 'config_invalid', errorSummary: 'That cursor does not belong to the System Log.' });
      const seen = new RecentIds(Math.max(2_000, 3 * (opts.pageSize ?? 1000)));
      let target = q.resume ?? LOGS;
      let query: Record<string, string | number> | undefined = q.resume
        ? undefined
        : {
            since: (q.since ?? new Date(Date.now() - 7 * DAY)).toISOString(),
            sortOrder: 'ASCENDING',
            filter: accessFilter(q),
            limit: opts.pageSize ?? 1000,
          };
      for (let pages = 0; pages < (opts.maxPages ?? 1_000); pages++) {
        const res = await api.call({ method: 'GET', path: target, query });
        const page = parseJson(res, events, 'GET', LOGS);
        const next = nextLink(headerAll(res.headers, 'link'));
        for (const e of page) {
          if (!seen.add(e.uuid)) continue;
          const change = toAccessChange(e);
          if (change) yield change;
        }
        // A polling stream always links `next`; without one Okta treated the query as bounded, and it has ended.
        if (!next) return { complete: true };
        if (page.length === 0) return { next, complete: true };
        target = next;
        query = undefined;
      }
      return { next: target, complete: false };
    },
  };
}

export type SystemLogApi = ReturnType<typeof systemLogApi>;

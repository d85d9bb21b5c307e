// Bulk jobs as the UI sees them (pure types and constants, safe for client components to import).

import type { AlreadyOutcome, ChangedOutcome, BulkKindId as JobKind } from '@/lib/access/kinds';

/** The kinds a bulk job runs: those of lib/access/kinds marked `bulk`. */
export { BULK_KIND_IDS as JOB_KINDS, type BulkKindId as JobKind } from '@/lib/access/kinds';

/** preview: resolved, waiting for confirmation; queued/running: workers take its items; done/cancelled: finished. */
export type JobStatus = 'preview' | 'queued' | 'running' | 'done' | 'cancelled';

/** skipped: already in the target state at preview time, never sent to Okta. */
export type ItemStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
export const ITEM_STATUSES = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
] as const satisfies readonly ItemStatus[];

/**
 * An item's outcome. Succeeded rows: added / removed / assigned / unassigned (a real change), or the idempotent
 * already_* / not_* (Okta was already in that state). Skipped rows: already_* / not_* found by the preview.
 * Failed rows: refused (Okta would not do it, e.g. the app comes through a group), not_found, okta (any other error).
 */
export type ItemOutcome = ChangedOutcome | AlreadyOutcome | 'refused' | 'not_found' | 'okta';

/** Why a pasted line did not become an item. */
export type UnresolvedReason = 'invalid' | 'duplicate' | 'not_found' | 'ambiguous';

export interface UnresolvedLine {
  /** 1-based line (or CSV record) number in what was pasted or uploaded. */
  line: number;
  input: string;
  reason: UnresolvedReason;
  message: string;
  /** For `ambiguous`: the users that match (at most a few). */
  candidates?: { id: string; login: string }[];
}

export interface JobCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  skipped: number;
  cancelled: number;
  total: number;
  /** Of the pending rows, those handed back after a transient failure (a 5xx, a lost connection, a 429): waiting to retry. */
  retrying: number;
}

export interface JobView {
  id: string;
  integrationId: string;
  kind: JobKind;
  /** The group (membership kinds) or app (assignment kinds). */
  targetId: string;
  targetLabel: string;
  status: JobStatus;
  counts: JobCounts;
  unresolved: UnresolvedLine[];
  /** The job this one undoes, and the job that undid this one. */
  reverseOf: string | null;
  undoneBy: string | null;
  /** A time-bound job: each row that lands is a grant ending then, with this reason. */
  endsAt: Date | null;
  grantReason: string | null;
  actorLabel: string;
  createdAt: Date;
  finishedAt: Date | null;
  canRetry: boolean;
  canCancel: boolean;
  canUndo: boolean;
}

export interface JobItemView {
  seq: number;
  /** What was pasted for this row. */
  input: string;
  userId: string;
  userLabel: string;
  status: ItemStatus;
  outcome: ItemOutcome | null;
  message: string | null;
  oktaRequestId: string | null;
  attempts: number;
  finishedAt: Date | null;
  /** A pending row handed back after a transient failure: not tried again before this time. */
  retryAt: Date | null;
}

export interface JobItemsPage {
  items: JobItemView[];
  /** Pass as `cursor` for the next page (items with a higher seq); null at the end. */
  nextCursor: number | null;
}

/**
 * GET /api/jobs/[jobId]?status=&cursor=&limit= answers this as JSON (dates as ISO strings):
 * the job with its counts, and one page of its items ordered by seq.
 */
export interface JobPollResponse {
  job: JsonOf<JobView>;
  items: JsonOf<JobItemView>[];
  nextCursor: number | null;
  /** While the job runs: the rate-limit bucket its writes spend, as Okta last described it. */
  pace: JobPace | null;
}

/** A bucket as Okta last described it, and this console's calls in each recent window (lib/okta BucketView). */
export interface JobPace {
  label: string;
  limit: number;
  remaining: number;
  resetAt: number;
  windows: { reset: number; limit: number; calls: number }[];
}

/** A view after JSON.stringify: Dates become ISO strings. */
export type JsonOf<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

/** Limits of one bulk job. */
export const MAX_ENTRIES = 10_000;
/** Pasted text or uploaded file, in characters (server actions accept 1 MB bodies, next.config.js). */
export const MAX_INPUT_CHARS = 900_000;
export const ITEMS_PAGE_MAX = 500;

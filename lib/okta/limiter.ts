import { setTimeout as sleep } from 'node:timers/promises';

/** What one answer said about its bucket, with when we sent the call and got the answer (local ms). */
export type BucketAnswer = {
  limit?: number;
  remaining?: number;
  /** X-Rate-Limit-Reset: Okta's end of the window, epoch seconds (rounded up, so at or after the real end). */
  reset?: number;
  /** The local time by which `reset` has surely passed. */
  resetLocal?: number;
  sentLocal: number;
  receivedLocal: number;
};

/** One rate-limit window of a bucket as this client saw it. */
export type WindowView = { reset: number; limit: number; calls: number; lowestRemaining: number };
type Window = WindowView & { seenLocal: number };

/** A bucket as Okta last described it, and the recent windows this client spent in it. */
export type BucketView = {
  bucket: string;
  limit: number;
  remaining: number;
  /** Epoch ms at which the current window ends, as Okta said. */
  resetAt: number;
  windows: WindowView[];
};

/**
 * The other console processes that spend this integration's buckets (several processes on one database). Each
 * says its own demand and calls in flight per bucket and learns the others': processes with demand split what
 * Okta leaves evenly, and the others' calls in flight are kept back like this process's own.
 */
export interface BudgetPeers {
  share(bucket: string, mine: { demand: number; inflight: number }): Promise<PeerShare>;
}
/** `processes`: processes with demand in the bucket, this one included; `othersInflight`: their calls in flight. */
export type PeerShare = { processes: number; othersInflight: number };

type Bucket = {
  limit?: number;
  remaining?: number;
  /** Okta's reset of the current window (epoch s). */
  reset?: number;
  /** Local time by which the current window has surely ended (never early). */
  endLocal?: number;
  /** Local time by which the current window had surely begun: the receipt of its first answer. */
  begunBy?: number;
  /** When we sent the call that opened the current window, if one of ours did (its answer said limit - 1). */
  openerSent?: number;
  /** Learned upper bound of the window's length (ms); Okta's windows are about a minute. */
  windowMs?: number;
  blockedUntil: number;
  inflight: number;
  /** Calls waiting in acquire (with `inflight`, this process's demand, which peers learn). */
  waiting: number;
  /** What the peers last said, and when this process last told them (local ms). */
  peers: PeerShare;
  peersSyncedAt: number;
  peersSyncing: boolean;
  /** Theoretical arrival time of the next call on the even schedule (GCRA). */
  tat: number;
  windows: Window[];
  /** A call in this bucket has ended (answered or not); until then callers wait for the first one. */
  probed: boolean;
  probeWaiters: Array<() => void>;
};

export type LimiterOptions = {
  concurrency: number;
  /** Share of each bucket's limit this client may use (0–1]; the rest is left to other clients of the org. */
  share?: number;
  /** Calls that may go at once ahead of the even schedule (interactive pages are not slowed). */
  burst?: number;
  maxWaitMs: number;
  /** Pace from X-Rate-Limit-* headers (default). Off: only the concurrency cap and post-429 blocks apply. */
  pace?: boolean;
  /** Other processes spending the same buckets; none: this process is alone. */
  peers?: BudgetPeers;
  /** How often a bucket in use tells its peers (default 200 ms). */
  peerSyncMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

const HISTORY_MS = 3_600_000;
const MAX_WINDOWS = 240;

/**
 * Per-integration pacer: a concurrency cap over all calls, and per rate-limit bucket an even pace that spends
 * what Okta says is left (`X-Rate-Limit-Remaining`, less the calls in flight and any share left to other
 * tools) over what is left of the window, up to the window's real end. A window's end is Okta's reset on
 * Okta's clock (see clock.ts), or earlier: the window began before its first answer came back, and lasts no
 * longer than the shortest window seen (learned from windows this client opened), so a short window is not
 * spread over a too-long horizon.
 */
export class Limiter {
  private readonly buckets = new Map<string, Bucket>();
  private active = 0;
  private share: number;
  private readonly waiters: Array<() => void> = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: LimiterOptions) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => sleep(ms));
    this.share = opts.share ?? 1;
  }

  /** Change the share of each bucket this client may use (an integration setting). */
  setShare(share: number): void {
    this.share = Math.min(1, Math.max(0.01, share));
  }

  /** Wait for the bucket's pace and a free slot; call the returned function when the response is in. */
  async acquire(bucketName: string): Promise<() => void> {
    const bucket = this.bucket(bucketName);
    bucket.waiting += 1;
    try {
      await this.admit(bucket, bucketName);
    } finally {
      bucket.waiting -= 1;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      bucket.inflight -= 1;
      this.active -= 1;
      this.waiters.shift()?.();
      // The probe ended (answered or not): the others may go, paced by what it learned.
      bucket.probed = true;
      bucket.probeWaiters.splice(0).forEach((wake) => wake());
      // The last call done: the peers hear at once that this process no longer takes a share.
      this.syncPeers(bucket, bucketName, bucket.waiting + bucket.inflight === 0);
    };
  }

  private async admit(bucket: Bucket, bucketName: string): Promise<void> {
    this.syncPeers(bucket, bucketName);
    // Bounded: past maxWaitMs the call goes ahead and a 429 from Okta decides, rather than hanging here.
    let budget = this.opts.maxWaitMs;
    for (;;) {
      // A bucket never seen: one call goes first and the rest wait for its answer, so that a burst does not spend
      // what another client of the org already took.
      while (this.opts.pace !== false && !bucket.probed && bucket.inflight > 0)
        await new Promise<void>((resolve) => bucket.probeWaiters.push(resolve));
      for (let delay = this.delayFor(bucket); delay > 0 && budget > 0; delay = this.delayFor(bucket)) {
        const step = Math.min(delay, budget);
        budget -= step;
        await this.sleep(step);
      }
      if (this.active < this.opts.concurrency) break;
      // Every slot is taken: wait for one, then ask the pace again, so calls that queued here do not go as a burst
      // once slots free up. A woken call that must wait for its pace hands the free slot on.
      await new Promise<void>((resolve) => this.waiters.push(resolve));
      if (this.delayFor(bucket) > 0 && budget > 0) this.waiters.shift()?.();
    }
    this.active += 1;
    const now = this.now();
    bucket.tat = Math.max(bucket.tat, now) + this.spacing(bucket, now);
    bucket.inflight += 1;
  }

  /**
   * Tells the peers this bucket's demand and learns theirs, at most every peerSyncMs (and when it falls idle),
   * never waited for: until the first answer, this process paces as if alone. A failed exchange keeps what the
   * peers said last.
   */
  private syncPeers(bucket: Bucket, bucketName: string, idle = false) {
    const peers = this.opts.peers;
    if (!peers || this.opts.pace === false || bucket.peersSyncing) return;
    const now = this.now();
    if (!idle && now - bucket.peersSyncedAt < (this.opts.peerSyncMs ?? 200)) return;
    bucket.peersSyncing = true;
    bucket.peersSyncedAt = now;
    peers
      .share(bucketName, { demand: bucket.waiting + bucket.inflight, inflight: bucket.inflight })
      .then((share) => {
        bucket.peers = { processes: Math.max(1, share.processes), othersInflight: Math.max(0, share.othersInflight) };
      })
      .catch(() => undefined)
      .finally(() => {
        bucket.peersSyncing = false;
      });
  }

  /** Feed what an answer said into its bucket. */
  update(bucketName: string, info: BucketAnswer): void {
    const { limit, remaining, reset, resetLocal } = info;
    // A concurrency 429 says Limit 0: it describes no bucket.
    if (limit === undefined || limit <= 0 || remaining === undefined || reset === undefined || resetLocal === undefined)
      return;
    const bucket = this.bucket(bucketName);
    bucket.probed = true;
    if (bucket.reset !== undefined && reset < bucket.reset) return; // a late answer from a window already over
    if (bucket.reset === undefined || reset > bucket.reset) {
      // A window ends before the next begins: if one of our calls opened the last one, this one began less than
      // this long after it. With calls flowing back to back, that bound is tight (no whole-second rounding).
      if (bucket.openerSent !== undefined) this.learnWindow(bucket, info.receivedLocal - bucket.openerSent);
      bucket.reset = reset;
      bucket.begunBy = info.receivedLocal;
      bucket.tat = Math.min(bucket.tat, info.receivedLocal); // a new budget: the old window's schedule is void
      bucket.remaining = remaining;
      bucket.openerSent = remaining === limit - 1 ? info.sentLocal : undefined;
      // Our call opened this window: it began after we sent it and ends by resetLocal.
      if (bucket.openerSent !== undefined) this.learnWindow(bucket, resetLocal - info.sentLocal);
      bucket.windows.push({ reset, limit, calls: 0, lowestRemaining: remaining, seenLocal: info.receivedLocal });
      this.forget(bucket);
    }
    bucket.limit = limit;
    bucket.remaining = Math.min(bucket.remaining ?? remaining, remaining);
    bucket.endLocal = Math.min(resetLocal, (bucket.begunBy ?? resetLocal) + (bucket.windowMs ?? Infinity));
    const window = bucket.windows.at(-1)!;
    window.calls += 1;
    window.lowestRemaining = bucket.remaining;
  }

  /** After a 429: nobody starts in this bucket before `untilLocal` (at least a moment, at most maxWaitMs). */
  block(bucketName: string, untilLocal: number): void {
    const bucket = this.bucket(bucketName);
    const now = this.now();
    const until = Math.min(Math.max(untilLocal, now + 250), now + this.opts.maxWaitMs);
    bucket.blockedUntil = Math.max(bucket.blockedUntil, until);
  }

  /**
   * How many more calls the bucket would let start within `horizonMs`, beyond those already waiting: what a caller
   * that queues work (the bulk worker) takes on now, so that nothing it holds waits long here. Infinity while the
   * bucket is not paced (not seen yet, or its window is over); the caller's own cap applies.
   */
  ready(bucketName: string, horizonMs: number): number {
    const bucket = this.bucket(bucketName);
    const now = this.now();
    const until = now + horizonMs;
    if (bucket.blockedUntil >= until) return 0;
    if (this.opts.pace === false || bucket.endLocal === undefined || bucket.endLocal <= now) return Infinity;
    const available = this.available(bucket) - bucket.waiting;
    if (available <= 0) return 0;
    const spacing = this.spacing(bucket, now);
    if (spacing === 0) return available;
    // GCRA: the k-th next call may start at the schedule plus k spacings, less the burst's credit; those
    // waiting go first.
    const base = Math.max(bucket.tat, now);
    const slots = Math.floor((until - base) / spacing + (this.opts.burst ?? 8)) + 1 - bucket.waiting;
    return Math.max(0, Math.min(available, slots));
  }

  /** Every bucket this client has used, as Okta last described it, with the windows of the last hour. */
  view(): BucketView[] {
    return [...this.buckets.entries()]
      .filter(([, b]) => b.limit !== undefined)
      .map(([name, b]) => ({
        bucket: name,
        limit: b.limit!,
        remaining: b.remaining!,
        resetAt: (b.reset ?? 0) * 1000,
        windows: b.windows.map(({ seenLocal: _seen, ...w }) => w),
      }));
  }

  /** Current state of a bucket (tests, diagnostics). */
  snapshot(bucketName: string): Readonly<Omit<Bucket, 'windows' | 'probeWaiters'>> {
    const { windows: _windows, probeWaiters: _waiters, ...rest } = this.bucket(bucketName);
    return rest;
  }

  /** How many more calls this client may start in the bucket's current window. */
  private available(bucket: Bucket): number {
    const reserve = Math.floor((bucket.limit ?? 0) * (1 - this.share) + 1e-9);
    return (bucket.remaining ?? 0) - bucket.inflight - bucket.peers.othersInflight - reserve;
  }

  /** Time between calls that spends what is available evenly up to the window's end (0: no pacing known). */
  private spacing(bucket: Bucket, now: number): number {
    if (this.opts.pace === false || bucket.endLocal === undefined || bucket.endLocal <= now) return 0;
    // Processes with demand split what is left evenly: together they spend it up to the window's end.
    const available = this.available(bucket) / bucket.peers.processes;
    return available > 0 ? (bucket.endLocal - now) / available : 0;
  }

  private delayFor(bucket: Bucket): number {
    const now = this.now();
    if (bucket.blockedUntil > now) return bucket.blockedUntil - now;
    if (this.opts.pace === false || bucket.endLocal === undefined || bucket.endLocal <= now) return 0;
    if (this.available(bucket) <= 0) return bucket.endLocal - now;
    // GCRA: a burst of calls may run ahead of the even schedule; beyond it, each waits for its slot.
    const allowedAt = bucket.tat - (this.opts.burst ?? 8) * this.spacing(bucket, now);
    return Math.max(0, allowedAt - now);
  }

  private learnWindow(bucket: Bucket, atMostMs: number) {
    bucket.windowMs = Math.min(bucket.windowMs ?? Infinity, atMostMs);
  }

  private forget(bucket: Bucket) {
    const horizon = this.now() - HISTORY_MS;
    bucket.windows = bucket.windows.filter((w) => w.seenLocal >= horizon).slice(-MAX_WINDOWS);
  }

  private bucket(name: string): Bucket {
    let bucket = this.buckets.get(name);
    if (!bucket) {
      bucket = {
        blockedUntil: 0,
        inflight: 0,
        waiting: 0,
        peers: { processes: 1, othersInflight: 0 },
        peersSyncedAt: -Infinity,
        peersSyncing: false,
        tat: 0,
        windows: [],
        probed: false,
        probeWaiters: [],
      };
      this.buckets.set(name, bucket);
    }
    return bucket;
  }
}

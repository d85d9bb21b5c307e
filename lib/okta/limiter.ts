import { setTimeout as sleep } from 'node:timers/promises';
import type { RateLimitInfo } from './backoff';

type Bucket = {
  limit?: number;
  remaining?: number;
  resetLocal?: number;
  blockedUntil: number;
  inflight: number;
  lastStart: number;
};

export type LimiterOptions = {
  concurrency: number;
  /** Share of a bucket's limit left for other integrations sharing the org's limits. */
  reserve: number;
  maxWaitMs: number;
  /** Pace from X-Rate-Limit-* headers (default). Off: only the concurrency cap and post-429 blocks apply. */
  pace?: boolean;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

/**
 * Per-integration pacer: a concurrency cap over all calls, and per rate-limit bucket a pace derived from
 * X-Rate-Limit-Remaining/Reset, so bulk work runs close to the ceiling without tripping 429s.
 */
export class Limiter {
  private readonly buckets = new Map<string, Bucket>();
  private active = 0;
  private readonly waiters: Array<() => void> = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: LimiterOptions) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => sleep(ms));
  }

  /** Wait for the bucket's pace and a free slot; call the returned function when the response is in. */
  async acquire(bucketName: string): Promise<() => void> {
    const bucket = this.bucket(bucketName);
    // Bounded: past maxWaitMs the call goes ahead and a 429 from Okta decides, rather than hanging here.
    let budget = this.opts.maxWaitMs;
    for (let delay = this.delayFor(bucket); delay > 0 && budget > 0; delay = this.delayFor(bucket)) {
      const step = Math.min(delay, budget);
      budget -= step;
      await this.sleep(step);
    }
    bucket.inflight += 1;
    bucket.lastStart = this.now();
    await this.takeSlot();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      bucket.inflight -= 1;
      this.active -= 1;
      this.waiters.shift()?.();
    };
  }

  /** Feed the headers of a response into its bucket. */
  update(bucketName: string, info: RateLimitInfo): void {
    const bucket = this.bucket(bucketName);
    if (info.limit !== undefined) bucket.limit = info.limit;
    if (info.remaining !== undefined) bucket.remaining = info.remaining;
    if (info.resetLocal !== undefined) bucket.resetLocal = info.resetLocal;
  }

  /** After a 429: nobody starts in this bucket before `untilLocal`. */
  block(bucketName: string, untilLocal: number): void {
    const bucket = this.bucket(bucketName);
    bucket.blockedUntil = Math.max(bucket.blockedUntil, Math.min(untilLocal, this.now() + this.opts.maxWaitMs));
    bucket.remaining = 0;
  }

  /** Current view of a bucket (for diagnostics and tests). */
  snapshot(bucketName: string): Readonly<Bucket> {
    return { ...this.bucket(bucketName) };
  }

  private delayFor(bucket: Bucket): number {
    const now = this.now();
    if (bucket.blockedUntil > now) return bucket.blockedUntil - now;
    if (this.opts.pace === false) return 0;
    const { limit, remaining, resetLocal } = bucket;
    if (limit === undefined || remaining === undefined || resetLocal === undefined || resetLocal <= now) return 0;
    const floor = Math.ceil(limit * this.opts.reserve);
    const available = remaining - bucket.inflight - floor;
    if (available <= 0) return resetLocal - now;
    // Plenty left: don't slow interactive use. Below half: spread what's left over the rest of the window.
    if (remaining - bucket.inflight > limit / 2) return 0;
    const spacing = (resetLocal - now) / available;
    return Math.max(0, bucket.lastStart + spacing - now);
  }

  private async takeSlot(): Promise<void> {
    while (this.active >= this.opts.concurrency) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.active += 1;
  }

  private bucket(name: string): Bucket {
    let bucket = this.buckets.get(name);
    if (!bucket) {
      bucket = { blockedUntil: 0, inflight: 0, lastStart: 0 };
      this.buckets.set(name, bucket);
    }
    return bucket;
  }
}

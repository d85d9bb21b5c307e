import { CHOICES } from '../unconfirmed';

export type BucketName =
  'token' | 'apps' | 'appById' | 'groups' | 'groupById' | 'users' | 'userGet' | 'userWrite' | 'logs' | 'apiDefault';

export interface RateLimitConfig {
  /** Requests per window, per bucket. */
  buckets: Record<BucketName, number>;
  windowMs: number;
}

/** What callers pass: any subset of buckets (the rest keep the Workforce values) and/or the window. */
export type RateLimitSetting = boolean | { buckets?: Partial<Record<BucketName, number>>; windowMs?: number };

/** Okta Workforce org-wide per-minute limits (last published table, rl-global-mgmt 2025-11; token from rl-global-enduser). */
export const WORKFORCE_LIMITS: RateLimitConfig = {
  buckets: {
    token: 2000,
    apps: 100,
    appById: 500,
    groups: 500,
    groupById: 1000,
    users: 600,
    userGet: 2000,
    userWrite: 600,
    // `/api/v1/logs` has its own bucket: 20/50/50/120 by plan (system-log.md §5); Workforce is 120.
    logs: 120,
    apiDefault: 1200,
  },
  windowMs: 60_000,
};

const OUT_OF_REACH = 1_000_000_000;
/**
 * Every bucket and the concurrency limit set out of reach. With limits merely off the simulator still sends
 * Workforce X-Rate-Limit-* headers, which a paced client slows down for; tests and benchmarks want neither.
 */
export const LIMITS_OUT_OF_REACH = {
  config: {
    buckets: Object.fromEntries(Object.keys(WORKFORCE_LIMITS.buckets).map((b) => [b, OUT_OF_REACH])) as Record<
      BucketName,
      number
    >,
    windowMs: 60_000,
  } satisfies RateLimitConfig,
  concurrencyLimit: OUT_OF_REACH,
};

/**
 * Which bucket a request counts against. Exact endpoint beats prefix, and the method matters for
 * /users/{id} (GET 2000 vs writes 600), as in Okta's table.
 */
export function bucketFor(method: string, template: string): BucketName {
  if (template === '/oauth2/v1/token') return 'token';
  if (template === '/api/v1/logs') return 'logs';
  if (template === '/api/v1/apps/:appId') return 'appById';
  if (template.startsWith('/api/v1/apps')) return 'apps';
  if (template === '/api/v1/groups/:groupId') return 'groupById';
  if (template.startsWith('/api/v1/groups')) return 'groups';
  if (template === '/api/v1/users') return 'users';
  if (template.startsWith('/api/v1/users/:id')) {
    if (template === '/api/v1/users/:id' && method === 'GET') return 'userGet';
    return CHOICES.nestedPathBuckets && method === 'GET' ? 'users' : 'userWrite';
  }
  return 'apiDefault';
}

export interface RateLimitHeaders {
  limit: number;
  remaining: number;
  reset: number;
  exceeded: boolean;
}

/** One rate-limit window of a bucket: when it began (sim ms), its limit, requests counted and let through. */
export interface WindowRecord {
  bucket: BucketName;
  start: number;
  windowMs: number;
  limit: number;
  requests: number;
  accepted: number;
}

const WINDOW_HISTORY = 2_000;

/** Fixed per-bucket windows that start with the bucket's first request (not synchronised to the minute). */
export class RateLimiter {
  private windows = new Map<BucketName, { start: number; count: number }>();
  /** Windows already over, oldest first (bounded), so a benchmark can see how full each one was. */
  private closed: WindowRecord[] = [];
  config: RateLimitConfig = WORKFORCE_LIMITS;
  enforce = false;

  configure(setting: RateLimitSetting | undefined): void {
    this.reset();
    if (setting === undefined || setting === false) {
      this.enforce = false;
      this.config = WORKFORCE_LIMITS;
      return;
    }
    this.enforce = true;
    this.config =
      setting === true
        ? WORKFORCE_LIMITS
        : {
            windowMs: setting.windowMs ?? WORKFORCE_LIMITS.windowMs,
            buckets: { ...WORKFORCE_LIMITS.buckets, ...setting.buckets },
          };
  }

  /** Counts one request and returns the headers to send (the 429 decision is the caller's). */
  hit(bucket: BucketName, nowMs: number): RateLimitHeaders {
    const limit = this.config.buckets[bucket];
    let w = this.windows.get(bucket);
    if (!w || nowMs >= w.start + this.config.windowMs) {
      if (w) this.closed.push(this.record(bucket, w));
      if (this.closed.length > WINDOW_HISTORY) this.closed.shift();
      w = { start: nowMs, count: 0 };
      this.windows.set(bucket, w);
    }
    w.count++;
    const reset = Math.ceil((w.start + this.config.windowMs) / 1000);
    return { limit, remaining: Math.max(0, limit - w.count), reset, exceeded: w.count > limit };
  }

  /** Every window on record, the open ones last. */
  history(): WindowRecord[] {
    return [...this.closed, ...[...this.windows].map(([bucket, w]) => this.record(bucket, w))];
  }

  private record(bucket: BucketName, w: { start: number; count: number }): WindowRecord {
    const limit = this.config.buckets[bucket];
    const { windowMs } = this.config;
    return { bucket, start: w.start, windowMs, limit, requests: w.count, accepted: Math.min(w.count, limit) };
  }

  reset(): void {
    this.windows.clear();
    this.closed = [];
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerClock } from './clock';
import { header, type HeaderMap } from './headers';

/** Exponential backoff with full jitter (uniform in [0, min(cap, base·2^attempt))), as AWS recommends. */
export function fullJitterDelay(
  attempt: number,
  baseMs: number,
  capMs = 10_000,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

export type RetryPolicy = {
  maxRetries: number;
  maxRateLimitRetries: number;
  maxRateLimitWaitMs: number;
  retryBaseMs: number;
};

/**
 * The retries of one request, for every caller of Okta (the token endpoint, the Management API, writes that
 * must check before they resend): transient failures back off with full jitter up to `maxRetries`, 429s wait for
 * Okta's reset (bounded) up to `maxRateLimitRetries`.
 */
export class RetryBudget {
  private failures = 0;
  private throttled = 0;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly clock: ServerClock,
  ) {}

  /** Whether a transient failure (network, timeout, 5xx) may still be retried. */
  get transientLeft(): boolean {
    return this.failures < this.policy.maxRetries;
  }

  /** Waits before retrying a transient failure. */
  backoff(): Promise<void> {
    return sleep(fullJitterDelay(this.failures++, this.policy.retryBaseMs));
  }

  /** After a 429: false once the budget is spent; otherwise waits for Okta's reset and says true. */
  async rateLimited(headers: HeaderMap): Promise<boolean> {
    if (this.throttled >= this.policy.maxRateLimitRetries) return false;
    const wait =
      rateLimitWait(headers, this.clock, this.policy.maxRateLimitWaitMs) ??
      fullJitterDelay(this.throttled, this.policy.retryBaseMs * 5);
    this.throttled++;
    await sleep(wait);
    return true;
  }
}

/** Rate-limit headers of a response, with the reset converted to our local clock. */
export type RateLimitInfo = { limit?: number; remaining?: number; resetLocal?: number };

export function readRateLimit(headers: HeaderMap, clock: ServerClock): RateLimitInfo {
  const num = (name: string): number | undefined => {
    const raw = header(headers, name);
    if (raw === undefined) return undefined;
    // Okta may send comma-joined values when several limits apply; the tightest one governs.
    const values = raw
      .split(',')
      .map((v) => Number(v.trim()))
      .filter((v) => Number.isFinite(v));
    return values.length > 0 ? Math.min(...values) : undefined;
  };
  const reset = num('x-rate-limit-reset');
  const info: RateLimitInfo = { limit: num('x-rate-limit-limit'), remaining: num('x-rate-limit-remaining') };
  if (reset !== undefined) info.resetLocal = resetToLocal(reset, header(headers, 'date'), clock);
  return info;
}

/** Local ms at which an `X-Rate-Limit-Reset` (Okta epoch seconds) passes, using the response's own Date. */
export function resetToLocal(resetSeconds: number, dateHeader: string | undefined, clock: ServerClock): number {
  const serverNow = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  // Date has 1 s resolution, so add a second: waking early only earns another 429.
  const waitMs = resetSeconds * 1000 - (Number.isNaN(serverNow) ? clock.now() : serverNow) + 1000;
  return clock.local() + Math.max(0, waitMs);
}

/** How long to wait after a 429, bounded; undefined when the response gives no usable reset. */
export function rateLimitWait(
  headers: HeaderMap,
  clock: ServerClock,
  maxWaitMs: number,
  random: () => number = Math.random,
): number | undefined {
  const { resetLocal } = readRateLimit(headers, clock);
  if (resetLocal === undefined) return undefined;
  // A little jitter so that every waiting caller doesn't fire in the same millisecond.
  const wait = resetLocal - clock.local() + Math.floor(random() * 250);
  return Math.max(0, Math.min(maxWaitMs, wait));
}

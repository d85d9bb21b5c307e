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

/** Rate-limit headers of an answer: Okta's reset (epoch seconds) and the local time by which it has surely passed. */
export type RateLimitInfo = { limit?: number; remaining?: number; reset?: number; resetLocal?: number };

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
  if (reset !== undefined) {
    info.reset = reset;
    info.resetLocal = clock.notBefore(reset * 1000);
  }
  return info;
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

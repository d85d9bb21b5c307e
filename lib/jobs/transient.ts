import { isOktaError } from '@/lib/okta';

// Which failures of a bulk row are Okta's verdict and which only say that no verdict arrived, and when a row of
// the second kind runs again. lib/okta has already retried such a call a few times within seconds; a row that
// still failed is handed back and tried again later, with a growing wait, for a bounded time (worker.ts).

export interface RetryPolicy {
  /** The first wait after a transient failure; it doubles with each attempt (with jitter), up to `maxDelayMs`. */
  baseMs: number;
  maxDelayMs: number;
  /** From a row's first transient failure: past this it fails with the last reason. */
  windowMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 2_000, maxDelayMs: 2 * 60_000, windowMs: 15 * 60_000 };

/**
 * Transient: Okta's answer never came (a lost connection, a timeout), was no verdict on the row (a 5xx, a 429
 * that outlasted lib/okta's waits, a body that is not Okta's), or came from something in front of Okta (a 4xx
 * without Okta's error code). Everything else — a 4xx with Okta's error code, a known not-found, a bad
 * configuration — is Okta's refusal and fails the row.
 */
export function isTransient(error: unknown): boolean {
  if (!isOktaError(error)) return false;
  switch (error.kind) {
    case 'network':
    case 'timeout':
    case 'server_error':
    case 'rate_limited':
    case 'invalid_response':
      return true;
    case 'not_found':
      return false;
    default:
      return error.status >= 400 && error.status < 500 && !error.errorCode;
  }
}

/** How a transient failure may be tried again: `rateLimited` (Okta did nothing), and until its window resets. */
export interface Transient {
  rateLimited: boolean;
  retryAfterMs?: number;
}

/** A failure that is no verdict (isTransient), with what its next try must wait for; undefined for a verdict. */
export function transientOf(error: unknown): Transient | undefined {
  if (!isTransient(error) || !isOktaError(error)) return undefined;
  const rateLimited = error.kind === 'rate_limited';
  return { rateLimited, retryAfterMs: rateLimited ? Math.max(error.retryAfterMs ?? 0, 1_000) : undefined };
}

/**
 * When a row that failed transiently may run again: exponential backoff with equal jitter (half the wait fixed,
 * half random, so rows that failed together spread out), no later than the window's end (the last try comes at
 * the bound) and no sooner than Okta's rate-limit reset. null once the window is spent: the row fails.
 */
export function nextTry(
  policy: RetryPolicy,
  at: { attempts: number; failingSince: Date; now: Date; retryAfterMs?: number },
  random: () => number = Math.random,
): Date | null {
  const deadline = at.failingSince.getTime() + policy.windowMs;
  const now = at.now.getTime();
  if (now >= deadline) return null;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.max(0, at.attempts - 1));
  const wait = ceiling / 2 + (random() * ceiling) / 2;
  // Never before Okta's rate-limit reset, even for the last try.
  return new Date(Math.max(now + (at.retryAfterMs ?? 0), Math.min(now + wait, deadline)));
}

/** "15 minutes", "40 seconds": how long a row was retried, for its final message. */
export function spell(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} second${s === 1 ? '' : 's'}`;
  return `${Math.round(s / 60)} minutes`;
}

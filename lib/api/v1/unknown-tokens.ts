import 'server-only';

import { apiRuntime } from '@/lib/api-tokens/rate-limit';

// Requests with a token nobody issued are audited once per client address per window, with how many were
// left out since, so a flood of bogus tokens cannot grow the (append-only) audit log without bound.
const MAX_TRACKED = 10_000;
const seen = new Map<string, { windowStart: number; suppressed: number }>();

/** Whether this unknown-token request gets an audit row, and how many from the same address were left out before it. */
export function auditUnknownToken(ip: string, now = apiRuntime.now()): { audit: boolean; suppressed: number } {
  const t = now.getTime();
  const entry = seen.get(ip);
  if (entry && t - entry.windowStart < apiRuntime.windowMs) {
    entry.suppressed += 1;
    return { audit: false, suppressed: 0 };
  }
  if (!entry && seen.size >= MAX_TRACKED) {
    // Forget the oldest address; at worst it gets one more row.
    seen.delete(seen.keys().next().value!);
  }
  seen.delete(ip);
  seen.set(ip, { windowStart: t, suppressed: 0 });
  return { audit: true, suppressed: entry?.suppressed ?? 0 };
}

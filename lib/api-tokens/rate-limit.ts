import 'server-only';

import { db, schema } from '@/db';
import { and, eq, isNull, sql } from 'drizzle-orm';

// The clock and limits of the automation API, in one object so tests can move time instead of sleeping.
export const apiRuntime = {
  now: (): Date => new Date(),
  /** Requests per token per window. */
  limit: 600,
  windowMs: 60_000,
};

export interface RateLimitSlot {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends. */
  resetAt: Date;
  /** The first refused request of this window: the one worth an audit row (a flood would bury the log). */
  firstRefusal: boolean;
}

/**
 * Counts one request against the token's fixed window and stamps lastUsedAt, in one UPDATE on the
 * token's row: the row lock makes concurrent requests (other processes too, on Postgres) count exactly.
 * Returns null when the token was revoked in the meantime.
 */
export async function takeRateLimitSlot(tokenId: string, now = apiRuntime.now()): Promise<RateLimitSlot | null> {
  const t = schema.apiTokens;
  const { limit, windowMs } = apiRuntime;
  const cutoff = sql.param(new Date(now.getTime() - windowMs), t.windowStartedAt);
  const fresh = sql`(${t.windowStartedAt} IS NULL OR ${t.windowStartedAt} <= ${cutoff})`;
  const [row] = await db
    .update(t)
    .set({
      windowStartedAt: sql`CASE WHEN ${fresh} THEN ${sql.param(now, t.windowStartedAt)} ELSE ${t.windowStartedAt} END`,
      windowCount: sql`CASE WHEN ${fresh} THEN 1 ELSE ${t.windowCount} + 1 END`,
      lastUsedAt: now,
    })
    .where(and(eq(t.id, tokenId), isNull(t.revokedAt)))
    .returning({ windowStartedAt: t.windowStartedAt, windowCount: t.windowCount });
  if (!row) return null;
  const start = row.windowStartedAt ?? now;
  return {
    allowed: row.windowCount <= limit,
    limit,
    remaining: Math.max(0, limit - row.windowCount),
    resetAt: new Date(start.getTime() + windowMs),
    firstRefusal: row.windowCount === limit + 1,
  };
}

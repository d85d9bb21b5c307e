import 'server-only';

import { handle, schema } from '@/db';
import { and, eq, gt, sql } from 'drizzle-orm';

// Sign-in attempts are counted per account and per client address in a 15-minute window that starts at
// the first attempt. An attempt is counted before its password is checked, in one atomic statement, so
// parallel guesses cannot all pass a check made before any of them is recorded: past the limit, the rest
// of the window refuses the key without looking at the password.
const WINDOW_MS = 15 * 60_000;
const LIMITS = { acct: 5, ip: 20 } as const;
const t = schema.signInThrottle;

export const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;

/** Counts one attempt on `key`; false when the key is past its limit in the current window. */
export async function countAttempt(key: string, now = new Date()): Promise<boolean> {
  const limit = key.startsWith('acct:') ? LIMITS.acct : LIMITS.ip;
  const at = (d: Date) => sql.param(d, t.windowStartedAt);
  const windowOver = sql`${t.windowStartedAt} <= ${at(new Date(now.getTime() - WINDOW_MS))}`;
  const [row] = await handle.db
    .insert(t)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: sql`case when ${windowOver} then 1 else ${t.failures} + 1 end`,
        windowStartedAt: sql`case when ${windowOver} then ${at(now)} else ${t.windowStartedAt} end`,
      },
    })
    .returning({ attempts: t.failures });
  return (row?.attempts ?? Infinity) <= limit;
}

/** Counts an attempt on every key (all of them, so a refused key still spends the others). */
export async function countAttempts(keys: string[], now = new Date()): Promise<boolean> {
  const allowed = await Promise.all(keys.map((key) => countAttempt(key, now)));
  return allowed.every(Boolean);
}

/** A successful sign-in: the account starts afresh. */
export async function clearAttempts(key: string): Promise<void> {
  await handle.db.delete(t).where(eq(t.key, key));
}

/** A successful sign-in does not count against its address (an office behind one NAT signs in all day). */
export async function refundAttempt(key: string): Promise<void> {
  await handle.db
    .update(t)
    .set({ failures: sql`${t.failures} - 1` })
    .where(and(eq(t.key, key), gt(t.failures, 0)));
}

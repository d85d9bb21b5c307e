import 'server-only';
import { eq } from 'drizzle-orm';
import { dbReady, handle, schema } from '@/db';

// Failed sign-ins are counted per account and per client address in a sliding 15-minute window;
// past the limit the key is locked for 15 minutes. Success clears the account's counter only.
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;
const LIMITS = { acct: 5, ip: 20 } as const;

export const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;

/** Returns when the earliest lock on any of the keys ends, or null when none is locked. */
export async function lockedUntil(keys: string[], now = new Date()): Promise<Date | null> {
  await dbReady();
  let until: Date | null = null;
  for (const key of keys) {
    const [row] = await handle.db.select().from(schema.signInThrottle).where(eq(schema.signInThrottle.key, key));
    if (row?.lockedUntil && row.lockedUntil > now && (!until || row.lockedUntil > until)) until = row.lockedUntil;
  }
  return until;
}

export async function recordFailure(keys: string[], now = new Date()): Promise<void> {
  await dbReady();
  await handle.transaction(async (tx) => {
    for (const key of keys) {
      const limit = key.startsWith('acct:') ? LIMITS.acct : LIMITS.ip;
      const [row] = await tx.select().from(schema.signInThrottle).where(eq(schema.signInThrottle.key, key));
      const fresh = !row || now.getTime() - row.windowStartedAt.getTime() > WINDOW_MS;
      const failures = fresh ? 1 : row.failures + 1;
      const values = {
        key,
        failures,
        windowStartedAt: fresh ? now : row.windowStartedAt,
        lockedUntil: failures >= limit ? new Date(now.getTime() + LOCK_MS) : (row?.lockedUntil ?? null),
      };
      await tx
        .insert(schema.signInThrottle)
        .values(values)
        .onConflictDoUpdate({ target: schema.signInThrottle.key, set: values });
    }
  });
}

export async function clearFailures(key: string): Promise<void> {
  await dbReady();
  await handle.db.delete(schema.signInThrottle).where(eq(schema.signInThrottle.key, key));
}

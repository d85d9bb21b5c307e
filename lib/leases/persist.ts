import 'server-only';

import { log } from '@/lib/log';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Writes a claimed row's fate, trying again while the database is unreachable (a lost connection, a failover): the
 * Okta call is done and its result must not be dropped. Each write must be conditional on the caller's claim, so a
 * retry of one that did commit (its answer was lost) changes nothing. If the database stays away, the row keeps its
 * claim until the lease expires, and then a worker runs it again. About 6 s of backoff in all by default.
 */
export async function persistWithRetry<T>(
  write: () => Promise<T>,
  what: { event: string; worker: string },
  attempts = 6,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= attempts) throw err;
      log.warn(what.event, { worker: what.worker, attempt, err });
      await delay(Math.min(100 * 2 ** attempt, 5_000));
    }
  }
}

import 'server-only';

import { db, handle } from '@/db';
import type { Database } from '@/db/client';
import { inArray, sql, type Column, type SQL, type SQLWrapper } from 'drizzle-orm';

// Claiming rows so that concurrent workers never take the same one: the pattern of lib/jobs/claim.ts, for any
// table whose rows carry a lease (claimedBy + claimedAt). A claim is one UPDATE … WHERE <picked> AND <claimable>
// RETURNING: on Postgres the picked rows are locked FOR UPDATE SKIP LOCKED, so workers in other processes skip
// them, and the outer `claimable` is re-checked on the row version Postgres locks; on SQLite the statement runs
// inside the transaction mutex (and SQLite's write lock across processes).

/**
 * The rows `pick` selects (by `id`), locked on Postgres. `= ANY(ARRAY(subquery))` runs the locking subquery once:
 * with `IN (subquery)` the planner may rescan it per outer row, and each rescan skips the rows the last one
 * locked, claiming far more than asked.
 */
export function pickedRows(
  id: Column,
  pick: SQLWrapper & { for(strength: 'update', config: { skipLocked: true }): SQLWrapper },
): SQL {
  return handle.dialect === 'pg'
    ? sql`${id} = ANY(ARRAY(${pick.for('update', { skipLocked: true })}))`
    : inArray(id, pick);
}

/** Runs a claim statement atomically: as is on Postgres (one statement), in a transaction on SQLite. */
export const claimAtomically = <T>(claim: (tx: Database) => Promise<T>): Promise<T> =>
  handle.dialect === 'pg' ? claim(db) : handle.transaction(claim);

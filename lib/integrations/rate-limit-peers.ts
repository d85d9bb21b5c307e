import 'server-only';

import { db, handle, schema } from '@/db';
import type { BudgetPeers, PeerShare } from '@/lib/okta';
import { and, eq, gt, lt } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';

// Several console processes on one Postgres database (how the console scales out) spend the same Okta buckets.
// Each process's limiter (lib/okta/limiter.ts) tells the others here, a few times a second per bucket in use, how
// many calls it wants to make and has in flight, and learns theirs: the processes with demand split what Okta
// leaves evenly, and keep back each other's calls in flight. Okta's own X-Rate-Limit-Remaining, which every
// process reads on its answers, stays the budget; this only shares it out. SQLite serves one process: no peers.
const peers = schema.rateLimitPeers;

/** A process that has not said anything for this long has stopped (or stopped spending): it is ignored. */
export const PEER_STALE_MS = 3_000;
/** Rows of stopped processes are deleted after this long. */
const FORGET_MS = 3_600_000;

const registry = globalThis as unknown as { consoleProcessId?: string; ratePeersForgotAt?: number };
/** This process, for as long as it runs (one id per process, whichever server chunk asks). */
const PROCESS_ID = (registry.consoleProcessId ??= randomUUID());

/** The peers of an integration's client: other processes on the same Postgres database; none on SQLite. */
export function budgetPeers(integrationId: string): BudgetPeers | undefined {
  if (handle.dialect !== 'pg') return undefined;
  return { share: (bucket, mine) => sharePeers(integrationId, bucket, mine) };
}

/** Says this process's demand in a bucket and returns the processes with demand and the others' calls in flight. */
export async function sharePeers(
  integrationId: string,
  bucket: string,
  mine: { demand: number; inflight: number },
  processId = PROCESS_ID,
  now = new Date(),
): Promise<PeerShare> {
  const key = `${integrationId} ${bucket} ${processId}`;
  const state = { demand: mine.demand, inflight: mine.inflight, seenAt: now };
  await db
    .insert(peers)
    .values({ key, integrationId, bucket, processId, ...state })
    .onConflictDoUpdate({ target: peers.key, set: state });
  const live = await db
    .select({ processId: peers.processId, demand: peers.demand, inflight: peers.inflight })
    .from(peers)
    .where(
      and(
        eq(peers.integrationId, integrationId),
        eq(peers.bucket, bucket),
        gt(peers.seenAt, new Date(now.getTime() - PEER_STALE_MS)),
      ),
    );
  if (now.getTime() - (registry.ratePeersForgotAt ?? 0) > PEER_STALE_MS * 20) {
    registry.ratePeersForgotAt = now.getTime();
    await db.delete(peers).where(lt(peers.seenAt, new Date(now.getTime() - FORGET_MS)));
  }
  const others = live.filter((p) => p.processId !== processId);
  return {
    processes: 1 + others.filter((p) => p.demand > 0).length,
    othersInflight: others.reduce((sum, p) => sum + p.inflight, 0),
  };
}

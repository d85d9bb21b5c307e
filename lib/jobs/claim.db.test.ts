import { db, schema } from '@/db';
import { eq, type SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { claimItems, finishIfDone, markRunning, recordResults, releaseItem } from './claim';
import { confirmJob, createPreviewJob, type JobActor } from './store';

// The claim protocol on this test's database (SQLite, and Postgres in the postgres project), without Okta.
const actor: JobActor = { type: 'user', id: 'usr_claimtest0000000000', label: 'claims@example.com' };
const items = schema.bulkJobItems;

async function queuedJob(rows: number) {
  const job = await createPreviewJob({
    integrationId: 'int_claimtest00000000000',
    kind: 'group.add_member',
    target: { id: '00gclaimtest00000000', label: 'Claims' },
    actor,
    rows: Array.from({ length: rows }, (_, i) => ({
      input: `u${i}`,
      userId: `00u${String(i).padStart(17, '0')}`,
      userLabel: `u${i}`,
      status: 'pending' as const,
    })),
    unresolved: [],
  });
  return job.id;
}

/** A confirmed job of `rows` pending rows. */
async function confirmedJob(rows: number) {
  const jobId = await queuedJob(rows);
  expect((await confirmJob(jobId, actor)).ok).toBe(true);
  return jobId;
}

/** Makes the leases of the rows `where` selects lapse: claimed two minutes ago, past any lease in these tests. */
const lapse = (where: SQL) =>
  db
    .update(items)
    .set({ claimedAt: new Date(Date.now() - 120_000) })
    .where(where);

const result = { status: 'succeeded' as const, outcome: 'added', message: 'ok' };
const audit = { actor, action: 'group.add_member', outcome: 'success' as const };

describe('claimItems', () => {
  it('never claims rows of an unconfirmed preview', async () => {
    const jobId = await queuedJob(3);
    expect(await claimItems(jobId, 'w1', 10, 60_000)).toEqual([]);
  });

  it('claims at most n rows, lowest seq first, each by one worker; an expired lease makes a row claimable again', async () => {
    const jobId = await confirmedJob(40);
    await markRunning(jobId);
    const a = await claimItems(jobId, 'w1', 5, 60_000);
    const b = await claimItems(jobId, 'w2', 5, 60_000);
    expect(a.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(b.map((r) => r.seq)).toEqual([6, 7, 8, 9, 10]);
    expect([...a, ...b].every((r) => r.status === 'running' && r.attempts === 1)).toBe(true);

    // w1 dies: its leases lapse (claimedAt in the past); w3 takes those rows over, lowest seq first.
    await lapse(eq(items.claimedBy, 'w1'));
    const c = await claimItems(jobId, 'w3', 7, 60_000);
    expect(c.map((r) => [r.seq, r.attempts])).toEqual([
      [1, 2],
      [2, 2],
      [3, 2],
      [4, 2],
      [5, 2],
      [11, 1],
      [12, 1],
    ]);
    // The dead worker's late answers are not recorded; the holder's are, once, with one audit event each, and a
    // batch repeated (its commit went unanswered) records nothing twice.
    const audited = () => db.$count(schema.auditEvents, eq(schema.auditEvents.action, 'group.add_member'));
    const before = await audited();
    const batch = (w: string, rows: typeof a) =>
      recordResults(
        w,
        rows.map((row) => ({ itemId: row.id, r: result, audit })),
      );
    expect([...(await recordResults('w1', [{ itemId: a[0]!.id, r: result, audit }]))]).toEqual([]);
    expect(await batch('w3', [a[0]!, b[4]!, a[1]!])).toEqual(new Set([a[0]!.id, a[1]!.id]));
    expect(await batch('w3', [a[0]!, a[1]!])).toEqual(new Set());
    expect((await audited()) - before).toBe(2);
    // A row handed back (rate limit) is pending again for anyone.
    await releaseItem('w2', b[0]!.id);
    expect((await claimItems(jobId, 'w4', 1, 60_000)).map((r) => r.seq)).toEqual([6]);
  });

  it('a worker never takes back its own row whose renewal was late while it is still running it', async () => {
    const jobId = await confirmedJob(3);
    const mine = await claimItems(jobId, 'w1', 1, 60_000);
    await lapse(eq(items.id, mine[0]!.id));
    expect((await claimItems(jobId, 'w1', 3, 60_000, [mine[0]!.id])).map((r) => r.seq)).toEqual([2, 3]);
    expect((await claimItems(jobId, 'w2', 3, 60_000)).map((r) => [r.seq, r.attempts])).toEqual([[1, 2]]);
  });

  it('a worker takes back its own expired row once it no longer runs it (recording its result failed)', async () => {
    const jobId = await confirmedJob(2);
    const mine = await claimItems(jobId, 'w1', 1, 60_000);
    await lapse(eq(items.id, mine[0]!.id));
    expect((await claimItems(jobId, 'w1', 2, 60_000)).map((r) => [r.seq, r.attempts])).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });

  it('finishes a job once, only when no row is pending or running', async () => {
    const jobId = await confirmedJob(2);
    await markRunning(jobId);
    const rows = await claimItems(jobId, 'w1', 2, 60_000);
    await recordResults('w1', [{ itemId: rows[0]!.id, r: result, audit }]);
    expect(await finishIfDone(jobId)).toBeUndefined();
    await recordResults('w1', [{ itemId: rows[1]!.id, r: result, audit }]);
    expect(await finishIfDone(jobId)).toMatchObject({ status: 'done' });
    expect(await finishIfDone(jobId)).toBeUndefined();
  });
});

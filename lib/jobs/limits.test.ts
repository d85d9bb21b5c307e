import type { Simulator } from '@/sim/okta';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { JobWorker } from './worker';

// A bulk job under a tight rate limit, a low concurrency limit and injected 5xx: it completes, no 429
// becomes a failed row, no write is doubled, and the one row Okta keeps failing completes on retry.
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});

const h = await import('./test-support/harness');
const { SLOW_TEST_MS } = h;
const svc = await import('./service');
const { startWorker } = await import('./worker');

const ROWS = 60;
let sim: Simulator;
let worker: JobWorker;

beforeAll(async () => {
  sim = await h.startSim();
  worker = startWorker({ pollMs: 20, leaseMs: 30_000, retry: { baseMs: 10, maxDelayMs: 50, windowMs: 300 } });
});
afterAll(async () => {
  await worker?.stop();
  await sim?.close();
});

it(
  'bulk under tight rate limits and injected 5xx: completes, no 429 as a failed row, no doubled write, retry finishes the failed row',
  async () => {
    const { ctx, users, group, jobId } = await h.previewAddJob(sim, {
      group: 'Tight limits',
      prefix: 'limits.',
      n: ROWS,
    });

    // 40 group calls a second and 7 requests in flight (the client allows 8): concurrency 429s can happen on top
    // of the injected streak below (how many depends on timing, so only the streak is counted).
    sim.control.setRateLimits({ buckets: { groups: 40 }, windowMs: 1_000 }, 7);
    sim.control.faults([
      // One user's write always fails: that row fails once its (short) retry window is spent …
      { status: 503, method: 'PUT', pathPrefix: `/api/v1/groups/${group}/users/${users[5]!.id}` },
      // … another's is refused with 429 five times in a row, more than lib/okta waits out (4): the row goes back
      // to pending and is claimed again, never failed …
      { rateLimit: true, count: 5, method: 'PUT', pathPrefix: `/api/v1/groups/${group}/users/${users[9]!.id}` },
      // … and every 7th other write fails with a 500 (lib/okta asks whether it landed, then sends it again).
      { status: 500, ratio: 1 / 7, method: 'PUT' },
    ]);
    expect((await svc.confirmBulkJob(ctx, jobId)).ok).toBe(true);
    await h.until(async () => (await h.jobRow(jobId)).status === 'done' || undefined, 'the job to finish');

    const stats = sim.control.stats();
    expect(stats.rateLimited).toBeGreaterThanOrEqual(5);
    expect(stats.faultsInjected).toBeGreaterThan(5);
    const rows = await h.itemsOf(jobId);
    const failed = rows.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.userId)).toEqual([users[5]!.id]);
    expect(failed[0]!.message).toMatch(/Okta answered 503/);
    expect(rows.some((r) => /rate limit/i.test(r.message ?? ''))).toBe(false);
    expect(rows.filter((r) => r.status === 'succeeded')).toHaveLength(ROWS - 1);
    // Handed back at least once (attempts counts claims), then done.
    const streak = rows.find((r) => r.userId === users[9]!.id)!;
    expect(streak).toMatchObject({ status: 'succeeded', outcome: 'added' });
    expect(streak.attempts).toBeGreaterThanOrEqual(2);
    // A refused write changed nothing in Okta, so each landed write is one row: nothing doubled.
    expect(stats.mutations.assignUserToGroup).toBe(ROWS - 1);

    sim.control.clearFaults();
    expect((await svc.retryFailedItems(ctx, jobId)).ok).toBe(true);
    await h.until(async () => (await h.jobRow(jobId)).status === 'done' || undefined, 'the retry to finish');
    expect(await svc.getJobView(jobId)).toMatchObject({
      counts: { succeeded: ROWS, failed: 0, total: ROWS },
      canRetry: false,
    });
    expect(sim.control.stats().mutations.assignUserToGroup).toBe(ROWS);
    expect(sim.control.getGroupMemberIds(group).sort()).toEqual(users.map((u) => u.id).sort());
  },
  SLOW_TEST_MS,
);

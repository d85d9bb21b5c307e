import type { Simulator } from '@/sim/okta';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RetryPolicy } from './transient';
import type { JobWorker } from './worker';

// Transient failures on this test's real database (SQLite, and Postgres in the postgres project) against the
// simulator: a row without Okta's verdict (503, lost connection, a 429 streak) is handed back and finished later,
// never failed before its retry window is spent; a write that landed although its answer was lost is recorded
// as done, once.
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});

const { db, schema } = await import('@/db');
const h = await import('./test-support/harness');
const { SLOW_TEST_MS } = h;
const svc = await import('./service');
const { startWorker } = await import('./worker');
const { finishIfDone } = await import('./claim');
const { selectItems } = await import('./views');

const items = schema.bulkJobItems;
let sim: Simulator;
let integrationId: string;
const workers: JobWorker[] = [];
const ctx = () => ({ integrationId, actor: h.ACTOR });
const worker = (retry: Partial<RetryPolicy>) => {
  const w = startWorker({ pollMs: 10, leaseMs: 30_000, retry });
  workers.push(w);
  return w;
};

beforeAll(async () => {
  sim = await h.startSim();
  h.noLimits(sim, 1_000);
  integrationId = await h.simIntegration(sim);
});
afterAll(async () => {
  sim?.control.clearFaults();
  await Promise.all(workers.map((w) => w.stop()));
  await sim?.close();
});

async function confirmed(group: string, users: { login: string }[]) {
  const r = await svc.previewBulkJob(ctx(), {
    kind: 'group.add_member',
    targetId: group,
    text: users.map((u) => u.login).join('\n'),
  });
  if (!r.ok) throw new Error(r.error);
  expect((await svc.confirmBulkJob(ctx(), r.job.id)).ok).toBe(true);
  return r.job.id;
}

const done = (jobId: string) =>
  h.until(async () => (await h.jobRow(jobId)).status === 'done' || undefined, 'the job to finish');
const rowOf = async (jobId: string, userId: string) =>
  (
    await db
      .select()
      .from(items)
      .where(and(eq(items.jobId, jobId), eq(items.userId, userId)))
  )[0]!;
const rowAudit = (jobId: string) =>
  db
    .select()
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.action, 'group.add_member'), like(schema.auditEvents.detail, `%"${jobId}"%`)));
const puts = () => sim.control.stats().mutations.assignUserToGroup ?? 0;
const memberPath = (group: string, userId: string) => `/api/v1/groups/${group}/users/${userId}`;

describe('transient failures of bulk rows', () => {
  it(
    '300 rows under 503s on 1 in 7 writes, drops on 1 in 10 and a 40 × 429 streak: none failed, none doubled, all landed',
    async () => {
      const w = worker({ baseMs: 20, maxDelayMs: 200, windowMs: 10 * 60_000 });
      const users = h.makeUsers(sim, 'transient.bulk', 300);
      const group = sim.control.createGroup({ name: 'Transient bulk' }).id;
      const before = puts();
      sim.control.faults([
        // One user's write is dropped more often than lib/okta retries within one call: that row is handed back.
        { drop: true, count: 12, method: 'PUT', pathPrefix: memberPath(group, users[7]!.id) },
        { rateLimit: true, count: 40, method: 'PUT' },
        { status: 503, ratio: 1 / 7, method: 'PUT' },
        { drop: true, ratio: 1 / 10, method: 'PUT' },
      ]);
      try {
        const jobId = await confirmed(group, users);
        await done(jobId);
        const rows = await h.itemsOf(jobId);
        expect(rows.filter((r) => r.status !== 'succeeded').map((r) => [r.seq, r.status, r.message])).toEqual([]);
        expect(rows.every((r) => r.outcome === 'added')).toBe(true);
        expect(sim.control.stats().faultsInjected).toBeGreaterThan(40 + 12);
        // Faults answer before Okta handles the write, so each landed write is one row: nothing doubled.
        expect(puts() - before).toBe(300);
        expect(sim.control.getGroupMemberIds(group).sort()).toEqual(users.map((u) => u.id).sort());
        const handedBack = await rowOf(jobId, users[7]!.id);
        expect(handedBack.attempts).toBeGreaterThanOrEqual(2);
        expect(handedBack.failingSince).toBeInstanceOf(Date);
        // Each row recorded and audited once.
        expect(await rowAudit(jobId)).toHaveLength(300);
        await w.whenIdle();
      } finally {
        sim.control.clearFaults();
        await w.stop();
      }
    },
    SLOW_TEST_MS,
  );

  it('a row handed back waits (pending, the job not finished), then runs again and finishes', async () => {
    // Waits of a minute: the test moves the row's next try instead of waiting for it.
    const w = worker({ baseMs: 60_000, maxDelayMs: 60_000, windowMs: 10 * 60_000 });
    const users = h.makeUsers(sim, 'transient.wait', 2);
    const group = sim.control.createGroup({ name: 'Transient wait' }).id;
    sim.control.faults({ status: 503, method: 'PUT', pathPrefix: memberPath(group, users[1]!.id) });
    try {
      const jobId = await confirmed(group, users);
      const waiting = await h.until(async () => {
        const r = await rowOf(jobId, users[1]!.id);
        return r.status === 'pending' && r.notBefore !== null ? r : undefined;
      }, 'the row handed back');
      expect(waiting.message).toMatch(/^Okta answered 503/);
      expect(waiting.notBefore!.getTime()).toBeGreaterThan(Date.now());
      expect(waiting.failingSince).toBeInstanceOf(Date);
      await h.until(async () => (await rowOf(jobId, users[0]!.id)).status === 'succeeded', 'the other row');
      expect(await finishIfDone(jobId)).toBeUndefined();
      expect(await svc.getJobView(jobId)).toMatchObject({
        status: 'running',
        counts: { pending: 1, retrying: 1, succeeded: 1, failed: 0 },
      });
      const shown = await selectItems(jobId, { status: 'pending', limit: 10 });
      expect(shown.items.map((i) => [i.userId, i.retryAt])).toEqual([[users[1]!.id, waiting.notBefore]]);

      sim.control.clearFaults();
      await db.update(items).set({ notBefore: new Date() }).where(eq(items.id, waiting.id));
      await w.whenIdle();
      expect(await svc.getJobView(jobId)).toMatchObject({
        status: 'done',
        counts: { succeeded: 2, failed: 0, retrying: 0 },
      });
      expect(await rowOf(jobId, users[1]!.id)).toMatchObject({ status: 'succeeded', outcome: 'added', attempts: 2 });
      expect(sim.control.getGroupMemberIds(group).sort()).toEqual(users.map((u) => u.id).sort());
    } finally {
      sim.control.clearFaults();
      await w.stop();
    }
  });

  it('past its retry window a row fails with the last reason; a 4xx with Okta’s code fails at once', async () => {
    const w = worker({ baseMs: 10, maxDelayMs: 40, windowMs: 300 });
    const users = h.makeUsers(sim, 'transient.bound', 3);
    const group = sim.control.createGroup({ name: 'Transient bound' }).id;
    sim.control.faults([
      { status: 503, method: 'PUT', pathPrefix: memberPath(group, users[1]!.id) },
      { status: 400, method: 'PUT', pathPrefix: memberPath(group, users[2]!.id) },
    ]);
    try {
      const jobId = await confirmed(group, users);
      await done(jobId);
      const [ok, flaky, refused] = await Promise.all(users.map((u) => rowOf(jobId, u.id)));
      expect(ok).toMatchObject({ status: 'succeeded', outcome: 'added' });
      expect(flaky).toMatchObject({ status: 'failed', outcome: 'okta' });
      expect(flaky!.message).toMatch(
        /^Okta answered 503 E0000009: .*\(Still failing after \d+ seconds? of retries\.\)$/,
      );
      expect(flaky!.attempts).toBeGreaterThanOrEqual(2);
      expect(refused).toMatchObject({ status: 'failed', outcome: 'okta', attempts: 1, failingSince: null });
      expect(refused!.message).toMatch(/Okta answered 400/);
      const audit = await rowAudit(jobId);
      expect(audit.map((a) => a.outcome).sort()).toEqual(['failure', 'failure', 'success']);
    } finally {
      sim.control.clearFaults();
      await w.stop();
    }
  });

  it(
    'a write that landed but whose answer was lost on the last attempt is recorded as done, once',
    async () => {
      const w = worker({ baseMs: 60_000, maxDelayMs: 60_000, windowMs: 10 * 60_000 });
      const [user] = h.makeUsers(sim, 'transient.landed', 1);
      const group = sim.control.createGroup({ name: 'Transient landed' }).id;
      const before = puts();
      // Every write of this row is held, then its connection dropped unanswered.
      sim.control.faults({ hold: true, drop: true, method: 'PUT', pathPrefix: memberPath(group, user!.id) });
      try {
        const jobId = await confirmed(group, [user!]);
        const handedBack = async () => {
          const r = await rowOf(jobId, user!.id);
          return r.status === 'pending' && r.notBefore !== null;
        };
        // First run: count the attempts lib/okta makes in one call before the row is handed back.
        let perRun = 0;
        for (;;) {
          const next = await h.until(
            async () => ((await handedBack()) ? 'back' : sim.control.heldCount() > 0 ? 'held' : undefined),
            'a held write or the row handed back',
          );
          if (next === 'back') break;
          perRun++;
          sim.control.releaseHeld();
        }
        expect(perRun).toBeGreaterThanOrEqual(1);
        // Second run: the last attempt lands in Okta, and its answer is lost.
        await db.update(items).set({ notBefore: new Date() }).where(eq(items.jobId, jobId));
        for (let attempt = 1; attempt <= perRun; attempt++) {
          await h.until(() => Promise.resolve(sim.control.heldCount() > 0), `attempt ${attempt} held`);
          if (attempt === perRun) sim.control.addMember(group, user!.id);
          sim.control.releaseHeld();
        }
        await done(jobId);
        expect(await rowOf(jobId, user!.id)).toMatchObject({ status: 'succeeded', outcome: 'added', attempts: 2 });
        expect(puts() - before).toBe(0);
        const audit = await rowAudit(jobId);
        expect(audit.map((a) => a.outcome)).toEqual(['success']);
      } finally {
        sim.control.clearFaults();
        await w.stop();
      }
    },
    SLOW_TEST_MS,
  );
});

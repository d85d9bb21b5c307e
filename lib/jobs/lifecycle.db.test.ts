import type { Simulator } from '@/sim/okta';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JobWorker } from './worker';

// A bulk job's whole life against the simulator in-process, on this test's real database (SQLite, and
// Postgres in the postgres project): preview → confirm → worker → done, undo, cancel, retry of failed rows.
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});

const { db, schema } = await import('@/db');
const h = await import('./test-support/harness');
const svc = await import('./service');
const { startWorker } = await import('./worker');

// A row Okta keeps failing with a 5xx is retried for a moment, not 15 minutes, before it fails.
const QUICK_RETRY = { baseMs: 10, maxDelayMs: 50, windowMs: 200 };
let sim: Simulator;
let integrationId: string;
let worker: JobWorker;
const ctx = () => ({ integrationId, actor: h.ACTOR });

beforeAll(async () => {
  sim = await h.startSim();
  integrationId = await h.simIntegration(sim);
  worker = startWorker({ pollMs: 20, leaseMs: 10_000, retry: QUICK_RETRY });
});
afterAll(async () => {
  await worker?.stop();
  await sim?.close();
});

async function preview(kind: Parameters<typeof svc.previewBulkJob>[1]['kind'], targetId: string, text: string) {
  const r = await svc.previewBulkJob(ctx(), { kind, targetId, text });
  if (!r.ok) throw new Error(r.error);
  return r.job;
}

async function runToEnd(jobId: string) {
  const r = await svc.confirmBulkJob(ctx(), jobId);
  expect(r.ok).toBe(true);
  await worker.whenIdle();
  return h.jobRow(jobId);
}

const auditFor = (jobId: string) =>
  db
    .select()
    .from(schema.auditEvents)
    .where(like(schema.auditEvents.detail, `%"jobId":"${jobId}"%`));

describe('group membership jobs', () => {
  it('previews (found, skipped, not found, ambiguous, duplicate, invalid) without writing, then runs, then undoes', async () => {
    const { users, group, shared } = h.previewCases(sim, 'life.a', 'Bulk lifecycle', 6);
    const text = [
      'login',
      users[0]!.login,
      users[1]!.login, // already a member
      users[2]!.id, // by id
      users[3]!.login.toUpperCase(), // logins are case-insensitive
      'nobody@example.com',
      shared,
      users[0]!.login, // duplicate line
      'has space@example.com',
      users[4]!.login,
    ].join('\n');
    const mutationsBefore = { ...sim.control.stats().mutations };
    const writes = () => Object.entries(sim.control.stats().mutations).filter(([op]) => op !== 'token');
    const writesBefore = writes();

    const job = await preview('group.add_member', group, text);
    expect(job).toMatchObject({
      status: 'preview',
      targetLabel: 'Bulk lifecycle',
      counts: { pending: 4, skipped: 1, total: 5 },
      canCancel: false,
      canUndo: false,
    });
    expect(job.unresolved.map((u) => [u.line, u.reason])).toEqual([
      [6, 'not_found'],
      [7, 'ambiguous'],
      [8, 'duplicate'],
      [9, 'invalid'],
    ]);
    expect(job.unresolved[1]!.candidates?.map((c) => c.login).sort()).toEqual([
      'life.atwin1@example.com',
      'life.atwin2@example.com',
    ]);
    expect(writes()).toEqual(writesBefore);
    const skipped = (await h.itemsOf(job.id)).find((i) => i.status === 'skipped')!;
    expect(skipped).toMatchObject({ userId: users[1]!.id, outcome: 'already_member' });

    const done = await runToEnd(job.id);
    expect(done.status).toBe('done');
    expect(done.finishedAt).toBeInstanceOf(Date);
    const expected = [0, 1, 2, 3, 4].map((i) => users[i]!.id).sort();
    expect(sim.control.getGroupMemberIds(group).sort()).toEqual(expected);
    expect((sim.control.stats().mutations.assignUserToGroup ?? 0) - (mutationsBefore.assignUserToGroup ?? 0)).toBe(4);
    const rows = await h.itemsOf(job.id);
    for (const r of rows.filter((i) => i.status !== 'skipped')) {
      expect(r).toMatchObject({ status: 'succeeded', outcome: 'added', attempts: 1 });
      expect(r.oktaRequestId).toMatch(/\S{8,}/);
    }
    // Each row audited like a single operation (actor = the job's actor), plus the job's own events.
    const audit = await auditFor(job.id);
    expect(audit.filter((a) => a.action === 'group.add_member')).toHaveLength(4);
    expect(
      audit
        .filter((a) => a.action === 'group.add_member')
        .every((a) => a.actorLabel === h.ACTOR.label && a.oktaRequestId),
    ).toBe(true);
    // Each row names both ends, as a single change does: the user, then the group.
    for (const a of audit.filter((e) => e.action === 'group.add_member'))
      expect(a).toMatchObject({
        targetType: 'okta_user',
        secondTargetType: 'okta_group',
        secondTargetId: group,
        secondTargetLabel: 'Bulk lifecycle',
      });
    expect(
      audit
        .map((a) => a.action)
        .filter((a) => a.startsWith('bulk_job.'))
        .sort(),
    ).toEqual(['bulk_job.confirm', 'bulk_job.finish', 'bulk_job.preview']);

    const undone = await svc.undoBulkJob(ctx(), job.id);
    expect(undone.ok).toBe(true);
    if (!undone.ok) return;
    expect(undone.job).toMatchObject({
      kind: 'group.remove_member',
      status: 'queued',
      reverseOf: job.id,
      counts: { pending: 4, total: 4 },
    });
    await worker.whenIdle();
    expect(sim.control.getGroupMemberIds(group)).toEqual([users[1]!.id]); // the skipped row is left alone
    expect((await h.jobRow(job.id)).undoneBy).toBe(undone.job.id);
    expect(await svc.undoBulkJob(ctx(), job.id)).toMatchObject({ ok: false, code: 'conflict' });
    const reverse = await h.itemsOf(undone.job.id);
    expect(reverse.every((r) => r.status === 'succeeded' && r.outcome === 'removed')).toBe(true);
  });

  it('a preview confirmed over a minute later is read again: users added meanwhile are skipped (and never undone), users removed are sent', async () => {
    const users = h.makeUsers(sim, 'life.stale', 3);
    const group = sim.control.createGroup({ name: 'Stale preview' }).id;
    sim.control.addMember(group, users[1]!.id);
    const job = await preview('group.add_member', group, users.map((u) => u.login).join('\n'));
    expect(job.counts).toMatchObject({ pending: 2, skipped: 1 });
    // While the admin looks at the preview, someone else adds users[0] and removes users[1].
    sim.control.addMember(group, users[0]!.id);
    sim.control.removeMember(group, users[1]!.id);
    const adds = () => sim.control.stats().mutations.assignUserToGroup ?? 0;
    const addsBefore = adds();
    await db
      .update(schema.bulkJobs)
      .set({ createdAt: new Date(Date.now() - svc.REFRESH_PREVIEW_AFTER_MS - 1_000) })
      .where(eq(schema.bulkJobs.id, job.id));

    const done = await runToEnd(job.id);
    expect(done.status).toBe('done');
    const rows = await h.itemsOf(job.id);
    expect(rows.map((r) => [r.userId, r.status, r.outcome])).toEqual([
      [users[0]!.id, 'skipped', 'already_member'],
      [users[1]!.id, 'succeeded', 'added'],
      [users[2]!.id, 'succeeded', 'added'],
    ]);
    expect(adds() - addsBefore).toBe(2);

    // Its undo removes the two it added and leaves the one someone else added.
    const undo = await svc.undoBulkJob(ctx(), job.id);
    expect(undo.ok).toBe(true);
    await worker.whenIdle();
    expect(sim.control.getGroupMemberIds(group)).toEqual([users[0]!.id]);
  });

  it('a fresh preview is confirmed without reading Okta again', async () => {
    const users = h.makeUsers(sim, 'life.fresh', 2);
    const group = sim.control.createGroup({ name: 'Fresh preview' }).id;
    const job = await preview('group.add_member', group, users.map((u) => u.login).join('\n'));
    sim.control.addMember(group, users[0]!.id); // not seen: the preview is under a minute old
    const reads = () =>
      Object.entries(sim.control.stats().requests)
        .filter(([k]) => k.startsWith('GET '))
        .reduce((n, [, v]) => n + v, 0);
    const readsBefore = reads();
    const r = await svc.confirmBulkJob(ctx(), job.id);
    expect(r.ok && r.job.counts).toMatchObject({ pending: 2, skipped: 0 });
    expect(reads()).toBe(readsBefore);
    await worker.whenIdle();
  });

  it('refuses APP_GROUP and BUILT_IN groups up front, with the single operation’s reasons', async () => {
    const [u] = h.makeUsers(sim, 'life.r', 1);
    const imported = sim.control.createGroup({ name: 'AD Admins', type: 'APP_GROUP' }).id;
    const r1 = await svc.previewBulkJob(ctx(), { kind: 'group.add_member', targetId: imported, text: u!.login });
    expect(r1).toMatchObject({ ok: false, code: 'conflict', field: 'targetId' });
    expect(!r1.ok && r1.error).toMatch(/imported from an app/);
    const r2 = await svc.previewBulkJob(ctx(), {
      kind: 'group.remove_member',
      targetId: sim.control.everyoneGroupId,
      text: u!.login,
    });
    expect(!r2.ok && r2.error).toMatch(/managed by Okta/);
  });

  it('cancel: pending rows become cancelled and are never sent; the job is finished', async () => {
    const users = h.makeUsers(sim, 'life.c', 30);
    const group = sim.control.createGroup({ name: 'Bulk cancel' }).id;
    await worker.stop();
    try {
      const job = await preview('group.add_member', group, users.map((u) => u.login).join('\n'));
      expect((await svc.confirmBulkJob(ctx(), job.id)).ok).toBe(true);
      const c = await svc.cancelBulkJob(ctx(), job.id);
      expect(c).toMatchObject({
        ok: true,
        job: { status: 'cancelled', counts: { cancelled: 30, pending: 0 }, canCancel: false, canRetry: false },
      });
      expect((await h.jobRow(job.id)).finishedAt).toBeInstanceOf(Date);
      expect(await svc.cancelBulkJob(ctx(), job.id)).toMatchObject({ ok: false, code: 'conflict' });
    } finally {
      worker = startWorker({ pollMs: 20, leaseMs: 10_000, retry: QUICK_RETRY });
    }
    await worker.whenIdle();
    expect(sim.control.getGroupMemberIds(group)).toEqual([]);
  });

  it('undo of a cancelled job reverts what it changed, once its rows in flight have finished', async () => {
    const users = h.makeUsers(sim, 'life.cu', 40);
    const group = sim.control.createGroup({ name: 'Bulk cancel undo' }).id;
    // Okta keeps every membership PUT unanswered until released, so the rows the worker claimed are provably
    // in flight when the cancel lands, however fast or loaded the machine (a latency only makes that likely).
    // No row finishes meanwhile, so the worker claims no more than its first window and the rest get cancelled.
    sim.control.faults({ hold: true, method: 'PUT' });
    let jobId: string;
    try {
      const job = await preview('group.add_member', group, users.map((u) => u.login).join('\n'));
      jobId = job.id;
      expect((await svc.confirmBulkJob(ctx(), job.id)).ok).toBe(true);
      await h.until(() => Promise.resolve(sim.control.heldCount() > 0), 'a row in flight at Okta');
      const cancelled = await svc.cancelBulkJob(ctx(), job.id);
      expect(cancelled).toMatchObject({ ok: true, job: { status: 'cancelled', counts: { pending: 0 } } });
      expect(cancelled.ok && cancelled.job.counts.running).toBeGreaterThan(0);
      expect(cancelled.ok && cancelled.job.counts.cancelled).toBeGreaterThan(0);
      // Its rows in flight may still change Okta: no undo before they have finished.
      expect(await svc.undoBulkJob(ctx(), job.id)).toMatchObject({ ok: false, code: 'conflict' });
    } finally {
      sim.control.clearFaults(); // lets the held PUTs through
    }
    await worker.whenIdle();
    const view = (await svc.getJobView(jobId))!;
    expect(view).toMatchObject({ status: 'cancelled', counts: { running: 0, pending: 0 }, canUndo: true });
    expect(view.counts.cancelled).toBeGreaterThan(0);
    const added = sim.control.getGroupMemberIds(group).sort();
    expect(added.length).toBeGreaterThan(0);
    expect(added).toEqual(
      (await h.itemsOf(jobId))
        .filter((i) => i.status === 'succeeded')
        .map((i) => i.userId)
        .sort(),
    );
    const undone = await svc.undoBulkJob(ctx(), jobId);
    // The undo job has one row per user the job added; the worker may start on them at once, so how many are
    // still pending by the time this answer is read is up to it: count all rows, whatever their status.
    expect(undone).toMatchObject({ ok: true, job: { kind: 'group.remove_member', counts: { total: added.length } } });
    const undoId = undone.ok ? undone.job.id : '';
    expect((await h.itemsOf(undoId)).map((i) => i.userId).sort()).toEqual(added);
    await worker.whenIdle();
    expect(await svc.getJobView(undoId)).toMatchObject({
      status: 'done',
      counts: { succeeded: added.length, total: added.length },
    });
    expect(sim.control.getGroupMemberIds(group)).toEqual([]);
  });

  it('retry: rows that failed run again and complete', async () => {
    const users = h.makeUsers(sim, 'life.f', 4);
    const group = sim.control.createGroup({ name: 'Bulk retry' }).id;
    // Okta keeps failing the writes for one user: that row fails once its retry window is spent.
    sim.control.faults({ status: 503, method: 'PUT', pathPrefix: `/api/v1/groups/${group}/users/${users[2]!.id}` });
    const job = await preview('group.add_member', group, users.map((u) => u.login).join(','));
    const done = await runToEnd(job.id);
    expect(done.status).toBe('done');
    const failed = (await h.itemsOf(job.id)).filter((i) => i.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ userId: users[2]!.id, outcome: 'okta' });
    expect(failed[0]!.message).toMatch(/503/);
    expect(await svc.getJobView(job.id)).toMatchObject({ canRetry: true, canUndo: true });

    sim.control.clearFaults();
    const again = await svc.retryFailedItems(ctx(), job.id);
    expect(again).toMatchObject({ ok: true, job: { status: 'queued', counts: { pending: 1, succeeded: 3 } } });
    await worker.whenIdle();
    expect(await svc.getJobView(job.id)).toMatchObject({
      status: 'done',
      counts: { succeeded: 4, failed: 0 },
      canRetry: false,
    });
    expect(sim.control.getGroupMemberIds(group).sort()).toEqual(users.map((u) => u.id).sort());
    expect(await svc.retryFailedItems(ctx(), job.id)).toMatchObject({
      ok: false,
      error: 'This job has no failed rows to retry.',
    });
  });

  it(
    'leases: a row slower than the lease is renewed by its live worker, never taken over',
    async () => {
      const users = h.makeUsers(sim, 'life.l', 6);
      const group = sim.control.createGroup({ name: 'Bulk lease' }).id;
      await worker.stop();
      // Renewal every leaseMs/4 leaves 3 s for a late one on a loaded machine; the writes are held at Okta (not
      // delayed by a fixed time) until the rows have provably outlived a lease, renewed by their worker.
      const leaseMs = 4_000;
      const pair = [
        startWorker({ id: 'lease-a', pollMs: 20, leaseMs }),
        startWorker({ id: 'lease-b', pollMs: 20, leaseMs }),
      ];
      try {
        sim.control.faults({ hold: true, method: 'PUT' });
        const job = await preview('group.add_member', group, users.map((u) => u.login).join('\n'));
        expect((await svc.confirmBulkJob(ctx(), job.id)).ok).toBe(true);
        const claimed = await h.until(async () => {
          const rows = await h.itemsOf(job.id);
          return rows.every((r) => r.status === 'running' && r.claimedAt) && sim.control.heldCount() > 0 && rows;
        }, 'every row claimed, writes in flight at Okta');
        const firstClaim = Math.min(...claimed.map((r) => r.claimedAt!.getTime()));
        // Without renewal each row could now be taken over; each was renewed since its claim and is still in flight.
        await h.until(async () => {
          if (Date.now() < firstClaim + 1.5 * leaseMs) return false;
          const rows = await h.itemsOf(job.id);
          return rows.every(
            (r, i) => r.status === 'running' && r.claimedAt!.getTime() > claimed[i]!.claimedAt!.getTime(),
          );
        }, 'the rows to outlive a lease, renewed');
        sim.control.releaseHeld();
        await h.until(async () => (await h.jobRow(job.id)).status === 'done' || undefined, 'the job to finish');
        const rows = await h.itemsOf(job.id);
        expect(rows.map((r) => [r.status, r.attempts])).toEqual(users.map(() => ['succeeded', 1]));
      } finally {
        sim.control.clearFaults();
        await Promise.all(pair.map((w) => w.stop()));
        worker = startWorker({ pollMs: 20, leaseMs: 10_000, retry: QUICK_RETRY });
      }
    },
    h.SLOW_TEST_MS,
  );

  it('discards a preview; a confirmed job cannot be discarded', async () => {
    const [u] = h.makeUsers(sim, 'life.d', 1);
    const group = sim.control.createGroup({ name: 'Bulk discard' }).id;
    const job = await preview('group.add_member', group, u!.login);
    expect(await svc.discardBulkPreview(ctx(), job.id)).toMatchObject({ ok: true });
    expect(await h.itemsOf(job.id)).toEqual([]);
    expect(await svc.confirmBulkJob(ctx(), job.id)).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('app assignment jobs', () => {
  it('assigns (skipping direct assignments), unassigns (refusing group-granted users), and undoes', async () => {
    const users = h.makeUsers(sim, 'life.app', 4);
    const app = sim.control.createApp({ label: 'Bulk wiki', signOnMode: 'BOOKMARK' }).id;
    sim.control.assignAppToUser(app, users[0]!.id);
    const job = await preview('app.assign_user', app, users.map((u) => u.login).join('\n'));
    expect(job.counts).toMatchObject({ pending: 3, skipped: 1 });
    expect(await runToEnd(job.id)).toMatchObject({ status: 'done' });
    for (const u of users) expect(sim.control.getAppUser(app, u.id)).toMatchObject({ scope: 'USER' });

    const grp = sim.control.createGroup({ name: 'Wiki readers' }).id;
    const [viaGroup] = h.makeUsers(sim, 'life.grp', 1);
    sim.control.addMember(grp, viaGroup!.id);
    sim.control.assignAppToGroup(app, grp);
    const [nobody] = h.makeUsers(sim, 'life.none', 1);
    const un = await preview('app.unassign_user', app, [users[1]!.login, viaGroup!.login, nobody!.login].join('\n'));
    expect(un.counts).toMatchObject({ pending: 2, skipped: 1 });
    await runToEnd(un.id);
    const rows = await h.itemsOf(un.id);
    expect(rows.map((r) => [r.status, r.outcome])).toEqual([
      ['succeeded', 'unassigned'],
      ['failed', 'refused'],
      ['skipped', 'not_assigned'],
    ]);
    expect(rows[1]!.message).toMatch(/through a group/);
    expect(sim.control.getAppUser(app, users[1]!.id)).toBeNull();

    const undone = await svc.undoBulkJob(ctx(), un.id);
    expect(undone).toMatchObject({ ok: true, job: { kind: 'app.assign_user', counts: { pending: 1 } } });
    await worker.whenIdle();
    expect(sim.control.getAppUser(app, users[1]!.id)).toMatchObject({ scope: 'USER' });
    const audited = await db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'bulk_job.undo'), eq(schema.auditEvents.targetId, un.id)));
    expect(audited).toHaveLength(1);
  });

  it('refuses an inactive app up front', async () => {
    const app = sim.control.createApp({ label: 'Old portal', signOnMode: 'BOOKMARK', status: 'INACTIVE' }).id;
    const r = await svc.previewBulkJob(ctx(), { kind: 'app.assign_user', targetId: app, text: 'someone@example.com' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/inactive/i);
  });
});

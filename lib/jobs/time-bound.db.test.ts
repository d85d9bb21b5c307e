import type { Simulator } from '@/sim/okta';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JobWorker } from './worker';

// Time-bound bulk jobs (issue 15): each row that lands becomes a grant, recorded with the row, and the expiry
// worker takes it back at the end; on this test's real database (SQLite, and Postgres in the postgres project).
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});

const { db, schema } = await import('@/db');
const h = await import('./test-support/harness');
const svc = await import('./service');
const { startWorker } = await import('./worker');
const { startExpiryWorker } = await import('@/lib/grants/worker');
const { grantAccess } = await import('@/lib/grants/service');
const { changeAccess } = await import('@/lib/access/operations');

const HOUR = 3_600_000;
let sim: Simulator;
let integrationId: string;
let worker: JobWorker;
const ctx = () => ({ integrationId, actor: h.ACTOR });

beforeAll(async () => {
  sim = await h.startSim();
  integrationId = await h.simIntegration(sim);
  worker = startWorker({ pollMs: 20, leaseMs: 10_000 });
});
afterAll(async () => {
  await worker?.stop();
  await sim?.close();
});

const grantsOf = (resourceId: string) =>
  db.select().from(schema.grants).where(eq(schema.grants.resourceId, resourceId));
const auditOf = (jobId: string, action: string) =>
  db
    .select()
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.action, action), like(schema.auditEvents.detail, `%"jobId":"${jobId}"%`)));

describe('a time-bound bulk job', () => {
  it('gives each landed row a grant with the job’s end and reason, linked both ways to the row’s audit event', async () => {
    const users = h.makeUsers(sim, 'tb.a', 3);
    const group = sim.control.createGroup({ name: 'On call' }).id;
    sim.control.addMember(group, users[2]!.id); // already a member: skipped by the preview, no grant
    const endsAt = new Date(Date.now() + 4 * HOUR);
    const preview = await svc.previewBulkJob(ctx(), {
      kind: 'group.add_member',
      targetId: group,
      text: users.map((u) => u.login).join('\n'),
      grant: { endsAt, reason: '  incident 42  ' },
    });
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.job).toMatchObject({ endsAt, grantReason: 'incident 42', counts: { pending: 2, skipped: 1 } });
    expect(await grantsOf(group)).toEqual([]); // nothing is granted before the rows land

    expect((await svc.confirmBulkJob(ctx(), preview.job.id)).ok).toBe(true);
    await worker.whenIdle();

    const grants = await grantsOf(group);
    expect(grants.map((g) => g.memberId).sort()).toEqual([users[0]!.id, users[1]!.id].sort());
    for (const g of grants)
      expect(g).toMatchObject({
        kind: 'group.add_member',
        state: 'active',
        endsAt,
        reason: 'incident 42',
        preexisting: false,
        actorLabel: h.ACTOR.label,
        resourceLabel: 'On call',
      });
    const rowAudits = await auditOf(preview.job.id, 'group.add_member');
    expect(rowAudits).toHaveLength(2);
    for (const a of rowAudits) {
      const grant = grants.find((g) => g.grantAuditId === a.id)!;
      expect(JSON.parse(a.detail!)).toMatchObject({ grantId: grant.id, endsAt: endsAt.toISOString() });
    }
    const [confirm] = await auditOf(preview.job.id, 'bulk_job.confirm');
    expect(JSON.parse(confirm!.detail!)).toMatchObject({ endsAt: endsAt.toISOString(), reason: 'incident 42' });
  });

  it('extends an open grant of the same change instead of making a second one', async () => {
    const [ada] = h.makeUsers(sim, 'tb.b', 1);
    const group = sim.control.createGroup({ name: 'Release managers' }).id;
    const first = await grantAccess(
      { integrationId, actor: h.ACTOR },
      'group.add_member',
      { resourceId: group, memberId: ada!.id },
      { endsAt: new Date(Date.now() + HOUR), reason: 'first' },
    );
    expect(first.ok).toBe(true);
    // The member left meanwhile (outside the console); the job adds them back until a later end.
    sim.control.removeMember(group, ada!.id);
    const later = new Date(Date.now() + 8 * HOUR);
    const preview = await svc.previewBulkJob(ctx(), {
      kind: 'group.add_member',
      targetId: group,
      text: ada!.login,
      grant: { endsAt: later, reason: 'second' },
    });
    if (!preview.ok) throw new Error(preview.error);
    await svc.confirmBulkJob(ctx(), preview.job.id);
    await worker.whenIdle();

    const grants = await grantsOf(group);
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ state: 'active', endsAt: later, reason: 'second' });
    const [extend] = await db
      .select()
      .from(schema.auditEvents)
      .where(
        and(eq(schema.auditEvents.action, 'grant.extend'), like(schema.auditEvents.detail, `%"reason":"second"%`)),
      );
    expect(JSON.parse(extend!.detail!)).toMatchObject({ grantId: grants[0]!.id, to: later.toISOString() });
  });

  it('keeps no grant for a row Okta refused, and the end takes back exactly the rows that landed', async () => {
    const users = h.makeUsers(sim, 'tb.c', 2);
    const group = sim.control.createGroup({ name: 'Night shift' }).id;
    const endsAt = new Date(Date.now() + HOUR);
    const preview = await svc.previewBulkJob(ctx(), {
      kind: 'group.add_member',
      targetId: group,
      text: users.map((u) => u.login).join('\n'),
      grant: { endsAt, reason: 'night shift' },
    });
    if (!preview.ok) throw new Error(preview.error);
    // Okta refuses the second row (403 E0000006, a fault on that one PUT).
    sim.control.faults({ status: 403, method: 'PUT', pathPrefix: `/api/v1/groups/${group}/users/${users[1]!.id}` });
    await svc.confirmBulkJob(ctx(), preview.job.id);
    await worker.whenIdle();
    sim.control.clearFaults();
    const rows = await h.itemsOf(preview.job.id);
    expect(rows.map((r) => r.status)).toEqual(['succeeded', 'failed']);
    expect((await grantsOf(group)).map((g) => g.memberId)).toEqual([users[0]!.id]);

    // At the end (the expiry worker's clock moved past it), the landed membership is taken back.
    const expiry = startExpiryWorker({ pollMs: 10, clock: () => new Date(endsAt.getTime() + 1_000) });
    try {
      await expiry.whenIdle();
    } finally {
      await expiry.stop();
    }
    expect(sim.control.getGroupMemberIds(group)).toEqual([]);
    expect((await grantsOf(group)).map((g) => g.state)).toEqual(['ended']);
  });
});

describe('access taken away in the console before its end', () => {
  it('a manual removal and the undo of a time-bound job end their grants at once, audited as grant.closed', async () => {
    const users = h.makeUsers(sim, 'tb.e', 3);
    const group = sim.control.createGroup({ name: 'Closing' }).id;
    const endsAt = new Date(Date.now() + 4 * HOUR);
    const preview = await svc.previewBulkJob(ctx(), {
      kind: 'group.add_member',
      targetId: group,
      text: users.map((u) => u.login).join('\n'),
      grant: { endsAt, reason: 'closing' },
    });
    if (!preview.ok) throw new Error(preview.error);
    await svc.confirmBulkJob(ctx(), preview.job.id);
    await worker.whenIdle();
    expect((await grantsOf(group)).map((g) => g.state)).toEqual(['active', 'active', 'active']);

    // One member removed by hand: that grant ends now, the others stay.
    const removed = await changeAccess(ctx(), 'group.remove_member', { resourceId: group, memberId: users[0]!.id });
    expect(removed.ok).toBe(true);
    const byMember = async () => new Map((await grantsOf(group)).map((g) => [g.memberId, g]));
    expect((await byMember()).get(users[0]!.id)).toMatchObject({ state: 'ended', outcome: 'removed_by_change' });
    expect((await byMember()).get(users[1]!.id)).toMatchObject({ state: 'active' });

    // The job's undo removes the rest: their grants end with the undo's rows.
    const undo = await svc.undoBulkJob(ctx(), preview.job.id);
    if (!undo.ok) throw new Error(undo.error);
    await worker.whenIdle();
    const after = await byMember();
    expect([...after.values()].map((g) => [g.state, g.outcome])).toEqual(Array(3).fill(['ended', 'removed_by_change']));
    const closed = await db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'grant.closed'), eq(schema.auditEvents.secondTargetId, group)));
    expect(closed.map((a) => (JSON.parse(a.detail!) as { grantId: string }).grantId).sort()).toEqual(
      [...after.values()].map((g) => g.id).sort(),
    );
    expect(sim.control.getGroupMemberIds(group)).toEqual([]);
  });
});

describe('a time-bound job refused before anything is stored', () => {
  it('refuses an end on a kind that takes access away, an end in the past and one beyond the maximum', async () => {
    const [u] = h.makeUsers(sim, 'tb.d', 1);
    const group = sim.control.createGroup({ name: 'Refusals' }).id;
    const jobsBefore = await db.$count(schema.bulkJobs);
    const cases: [Parameters<typeof svc.previewBulkJob>[1]['kind'], Date, RegExp][] = [
      ['group.remove_member', new Date(Date.now() + HOUR), /Only a change that gives access can have an end/],
      ['group.add_member', new Date(Date.now() - 1_000), /is in the past/],
      ['group.add_member', new Date(Date.now() + 400 * 24 * HOUR), /at most 90 days/],
    ];
    for (const [kind, endsAt, message] of cases) {
      const r = await svc.previewBulkJob(ctx(), {
        kind,
        targetId: group,
        text: u!.login,
        grant: { endsAt, reason: 'x' },
      });
      expect(r).toMatchObject({ ok: false, code: 'invalid_input', field: 'expiresAt' });
      if (!r.ok) expect(r.error).toMatch(message);
    }
    expect(await db.$count(schema.bulkJobs)).toBe(jobsBefore);
  });
});

import type { RetryPolicy } from '@/lib/jobs/transient';
import type { Simulator } from '@/sim/okta';
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExpiryWorker } from './worker';

// Time-bound grants on this test's real database (SQLite, and Postgres in the postgres project) against the
// simulator: a grant is taken back at its end exactly once, and never more than it gave. Time is a clock the test
// moves; nothing sleeps.
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});

const { db, schema } = await import('@/db');
const h = await import('@/lib/jobs/test-support/harness');
const { grantAccess, extendGrant, endGrantNow, keepGrant } = await import('./service');
const { startExpiryWorker } = await import('./worker');
const { claimDueGrants, getGrant, insertGrant, recordGrantEnd } = await import('./store');
const { oktaFor } = await import('@/lib/integrations/okta-for');

const grants = schema.grants;
const audit = schema.auditEvents;
let sim: Simulator;
let integrationId: string;
const workers: ExpiryWorker[] = [];
const HOUR = 3_600_000;

/** The test's clock: it only moves when the test moves it. */
let nowMs = Date.now();
const clock = () => new Date(nowMs);
const advance = (ms: number) => {
  nowMs += ms;
};

const ctx = () => ({ integrationId, actor: h.ACTOR });
const worker = (opts: { id?: string; retry?: Partial<RetryPolicy>; leaseMs?: number; maxInFlight?: number } = {}) => {
  const w = startExpiryWorker({ pollMs: 10, clock, ...opts });
  workers.push(w);
  return w;
};
const membership = (group: string, user: string) => ({ resourceId: group, memberId: user });
const until = (hours: number, reason = 'incident 42') => ({ endsAt: new Date(nowMs + hours * HOUR), reason });
const auditOf = async (id: string | null) => (await db.select().from(audit).where(eq(audit.id, id!)))[0]!;
const auditsOfGrant = async (grantId: string) =>
  (await db.select().from(audit).where(eq(audit.integrationId, integrationId)).orderBy(audit.at, audit.id))
    .filter((a) => a.detail?.includes(`"grantId":"${grantId}"`))
    .map((a) => ({
      action: a.action,
      actor: a.actorLabel,
      outcome: a.outcome,
      detail: JSON.parse(a.detail!) as Record<string, unknown>,
    }));
const mutations = (op: string) => sim.control.stats().mutations[op] ?? 0;
const grantCount = async () => (await db.select({ n: count() }).from(grants))[0]!.n;

function granted<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`not granted: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

beforeAll(async () => {
  sim = await h.startSim();
  h.noLimits(sim);
  integrationId = await h.simIntegration(sim);
});
afterEach(async () => {
  sim.control.clearFaults();
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  // Each test's grants end with it, so no later test's clock finds them due.
  await db
    .update(grants)
    .set({ state: 'ended' })
    .where(inArray(grants.state, ['active', 'ending', 'overdue']));
});
afterAll(() => sim?.close());

describe('a time-bound grant', () => {
  it('is taken back at its end, through the reverse change, audited as the expiry of the granter’s grant', async () => {
    const [dana] = h.makeUsers(sim, 'end.dana', 1);
    const group = sim.control.createGroup({ name: 'prod-admins' }).id;
    const r = granted(await grantAccess(ctx(), 'group.add_member', membership(group, dana!.id), until(4), clock));
    expect(r.outcome).toBe('added');
    expect(r.message).toMatch(/^end\.dana0@example\.com added to prod-admins\. Until \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/);
    expect(r.grant).toMatchObject({
      state: 'active',
      preexisting: false,
      reason: 'incident 42',
      kind: 'group.add_member',
    });
    expect(sim.control.getGroupMemberIds(group)).toEqual([dana!.id]);

    const w = worker();
    await w.whenIdle();
    expect((await getGrant(r.grant.id))!.state).toBe('active');
    advance(4 * HOUR - 1_000);
    await w.whenIdle();
    expect((await getGrant(r.grant.id))!.state).toBe('active');

    advance(1_000);
    await w.whenIdle();
    const ended = (await getGrant(r.grant.id))!;
    expect(ended).toMatchObject({ state: 'ended', outcome: 'removed', attempts: 1, claimedBy: null });
    expect(ended.endedAt).toEqual(clock());
    expect(sim.control.getGroupMemberIds(group)).toEqual([]);

    // The grant's change and its end, linked both ways.
    const start = await auditOf(ended.grantAuditId);
    expect(start).toMatchObject({ action: 'group.add_member', actorLabel: 'tester@example.com', outcome: 'success' });
    expect(JSON.parse(start.detail!)).toMatchObject({ grantId: ended.id, reason: 'incident 42', outcome: 'added' });
    const end = await auditOf(ended.endAuditId);
    expect(end).toMatchObject({
      action: 'group.remove_member',
      actorType: 'system',
      actorLabel: "expiry of tester@example.com's grant",
      outcome: 'success',
      targetLabel: 'end.dana0@example.com',
      secondTargetLabel: 'prod-admins',
    });
    expect(JSON.parse(end.detail!)).toMatchObject({ grantId: ended.id, outcome: 'removed' });
  });

  it('that fell due while no console ran is taken back by the first pass of the next one (start-up)', async () => {
    const users = h.makeUsers(sim, 'restart', 3);
    const group = sim.control.createGroup({ name: 'Restart' }).id;
    const ids: string[] = [];
    for (const u of users)
      ids.push(
        granted(await grantAccess(ctx(), 'group.add_member', membership(group, u.id), until(1), clock)).grant.id,
      );
    advance(3 * HOUR); // the console was down
    const w = worker();
    await w.whenIdle();
    const rows = await db.select().from(grants).where(inArray(grants.id, ids));
    expect(rows.map((g) => [g.state, g.outcome])).toEqual(ids.map(() => ['ended', 'removed']));
    expect(sim.control.getGroupMemberIds(group)).toEqual([]);
  });

  it(
    'is taken back exactly once by two workers sharing the database, and a dead worker’s claim is taken over once',
    async () => {
      const users = h.makeUsers(sim, 'twice', 40);
      const group = sim.control.createGroup({ name: 'Twice' }).id;
      const ids: string[] = [];
      for (const u of users)
        ids.push(
          granted(await grantAccess(ctx(), 'group.add_member', membership(group, u.id), until(1), clock)).grant.id,
        );
      advance(HOUR);
      // A worker claims one grant and dies before recording it.
      const [lost] = await claimDueGrants('dead-worker', 1, clock(), 60_000);
      expect(lost).toMatchObject({ state: 'ending', claimedBy: 'dead-worker' });
      const before = mutations('unassignUserFromGroup');
      const a = worker({ id: 'worker-a' });
      const b = worker({ id: 'worker-b' });
      await Promise.all([a.whenIdle(), b.whenIdle()]);
      expect((await getGrant(lost!.id))!.state).toBe('ending');
      // Its lease expires: one of the workers ends it; the dead worker's late answer is not recorded.
      advance(61_000);
      await Promise.all([a.whenIdle(), b.whenIdle()]);
      expect(await recordGrantEnd(lost!.id, 'dead-worker', { state: 'ended', outcome: 'removed' }, clock(), [])).toBe(
        false,
      );

      const rows = await db.select().from(grants).where(inArray(grants.id, ids));
      expect(rows.filter((g) => g.state !== 'ended' || g.outcome !== 'removed')).toEqual([]);
      expect(new Set(rows.map((g) => g.claimedBy))).toEqual(new Set([null]));
      expect(mutations('unassignUserFromGroup') - before).toBe(40);
      expect(sim.control.getGroupMemberIds(group)).toEqual([]);
      const ends = await db
        .select({ detail: audit.detail })
        .from(audit)
        .where(and(eq(audit.action, 'group.remove_member'), eq(audit.integrationId, integrationId)));
      const perGrant = new Map<string, number>();
      for (const e of ends) {
        const id = (JSON.parse(e.detail!) as { grantId?: string }).grantId;
        if (id && ids.includes(id)) perGrant.set(id, (perGrant.get(id) ?? 0) + 1);
      }
      expect([...perGrant.values()]).toEqual(ids.map(() => 1));
    },
    h.SLOW_TEST_MS,
  );

  it('never takes back access that existed before it: its end removes nothing', async () => {
    const [ada] = h.makeUsers(sim, 'pre.ada', 1);
    const group = sim.control.createGroup({ name: 'Pre' }).id;
    sim.control.addMember(group, ada!.id);
    const app = sim.control.createApp({ label: 'Wiki', signOnMode: 'BOOKMARK' }).id;
    sim.control.assignAppToGroup(app, group);
    const m = granted(await grantAccess(ctx(), 'group.add_member', membership(group, ada!.id), until(1), clock));
    expect(m).toMatchObject({ outcome: 'already_member', grant: { preexisting: true } });
    expect(m.message).toMatch(/It was so before this grant: its end removes nothing\./);
    const a = granted(
      await grantAccess(ctx(), 'app.assign_group', { resourceId: app, memberId: group }, until(1), clock),
    );
    expect(a.grant.preexisting).toBe(true);

    const removals = mutations('unassignUserFromGroup') + mutations('unassignApplicationFromGroup');
    advance(HOUR);
    await worker().whenIdle();
    for (const g of [m.grant, a.grant]) expect(await getGrant(g.id)).toMatchObject({ state: 'ended', outcome: 'kept' });
    expect(sim.control.getGroupMemberIds(group)).toEqual([ada!.id]);
    expect(sim.control.getAppGroupIds(app)).toEqual([group]);
    expect(mutations('unassignUserFromGroup') + mutations('unassignApplicationFromGroup')).toBe(removals);
    expect(await auditsOfGrant(m.grant.id)).toContainEqual(
      expect.objectContaining({
        action: 'grant.end',
        detail: expect.objectContaining({
          outcome: 'kept',
          message: 'pre.ada0@example.com was already a member of Pre before the grant: nothing removed.',
        }) as unknown,
      }),
    );
  });

  it('whose access was removed meanwhile ends as a recorded no-op', async () => {
    const [bo] = h.makeUsers(sim, 'gone.bo', 1);
    const group = sim.control.createGroup({ name: 'Gone' }).id;
    const r = granted(await grantAccess(ctx(), 'group.add_member', membership(group, bo!.id), until(1), clock));
    const app = sim.control.createApp({ label: 'Gone app', signOnMode: 'BOOKMARK' }).id;
    const a = granted(
      await grantAccess(ctx(), 'app.assign_user', { resourceId: app, memberId: bo!.id }, until(1), clock),
    );
    sim.control.removeMember(group, bo!.id);
    sim.control.unassignAppFromUser(app, bo!.id);
    const removals = mutations('unassignUserFromGroup') + mutations('unassignUserFromApplication');
    advance(HOUR);
    await worker().whenIdle();
    expect(mutations('unassignUserFromGroup') + mutations('unassignUserFromApplication')).toBe(removals);
    expect(await getGrant(a.grant.id)).toMatchObject({ state: 'ended', outcome: 'not_assigned' });
    const ended = (await getGrant(r.grant.id))!;
    expect(ended).toMatchObject({ state: 'ended', outcome: 'not_member' });
    expect(await auditOf(ended.endAuditId)).toMatchObject({ action: 'group.remove_member', outcome: 'success' });
    expect(JSON.parse((await auditOf(ended.endAuditId)).detail!)).toMatchObject({
      outcome: 'not_member',
      message: 'gone.bo0@example.com was not a member of Gone.',
    });
  });

  it('ends with the relation’s read and the removal only: both ends named from the grant, not read again', async () => {
    const [ida] = h.makeUsers(sim, 'calls.ida', 1);
    const group = sim.control.createGroup({ name: 'Calls' }).id;
    const app = sim.control.createApp({ label: 'Calls app', signOnMode: 'BOOKMARK' }).id;
    // Another group for the app: were it Ida's, her direct assignment could not end while the group still granted
    // the app (E0000046), and the order of the three ends is the worker's.
    const appGroup = sim.control.createGroup({ name: 'Calls app users' }).id;
    const made = [
      await grantAccess(ctx(), 'group.add_member', membership(group, ida!.id), until(1), clock),
      await grantAccess(ctx(), 'app.assign_user', { resourceId: app, memberId: ida!.id }, until(1), clock),
      await grantAccess(ctx(), 'app.assign_group', { resourceId: app, memberId: appGroup }, until(1), clock),
    ].map((r) => granted(r).grant);
    const before = { ...sim.control.stats().requests };
    advance(HOUR);
    await worker().whenIdle();
    for (const g of made)
      expect(await getGrant(g.id)).toMatchObject({
        state: 'ended',
        outcome: expect.stringMatching(/^(removed|unassigned)$/) as unknown,
      });
    const calls = Object.entries(sim.control.stats().requests)
      .filter(([k, n]) => !k.startsWith('POST /oauth2/') && n !== (before[k] ?? 0))
      .map(([k, n]) => [k, n - (before[k] ?? 0)]);
    expect(Object.fromEntries(calls)).toEqual({
      'GET /api/v1/users/:id/groups': 1,
      'DELETE /api/v1/groups/:groupId/users/:userId': 1,
      'GET /api/v1/apps/:appId/users/:userId': 1,
      'DELETE /api/v1/apps/:appId/users/:userId': 1,
      'GET /api/v1/apps/:appId/groups/:groupId': 1,
      'DELETE /api/v1/apps/:appId/groups/:groupId': 1,
    });
    const end = await auditOf((await getGrant(made[1]!.id))!.endAuditId);
    expect(end).toMatchObject({
      action: 'app.unassign_user',
      targetLabel: 'Calls app',
      secondTargetLabel: 'calls.ida0@example.com',
    });
  });

  it('whose user, group or app is gone from Okta ends as not found, audited with the grant’s names', async () => {
    const [jo] = h.makeUsers(sim, 'gone.jo', 1);
    const group = sim.control.createGroup({ name: 'Deleted group' }).id;
    const app = sim.control.createApp({ label: 'Retired app', signOnMode: 'BOOKMARK' }).id;
    const inGroup = granted(await grantAccess(ctx(), 'group.add_member', membership(group, jo!.id), until(1), clock));
    const withApp = granted(
      await grantAccess(ctx(), 'app.assign_user', { resourceId: app, memberId: jo!.id }, until(1), clock),
    );
    sim.control.deleteGroup(group);
    // Okta answers an inactive app's routes as it does a deleted app's: 404 (AppInstance).
    sim.control.setAppStatus(app, 'INACTIVE');
    // A user deleted in Okta: an id Okta does not know (the simulator deletes no users).
    const other = sim.control.createGroup({ name: 'Still here' }).id;
    const userGone = await insertGrant({
      integrationId,
      kind: 'group.add_member',
      resource: { id: other, label: 'Still here' },
      member: { id: '00u0000000000000none', label: 'deleted.user@example.com' },
      reason: 'incident 42',
      actor: h.ACTOR,
      endsAt: new Date(nowMs + HOUR),
      preexisting: false,
      now: clock(),
    });
    advance(HOUR);
    await worker().whenIdle();
    for (const [g, first, second] of [
      [inGroup.grant, 'gone.jo0@example.com', 'Deleted group'],
      [withApp.grant, 'Retired app', 'gone.jo0@example.com'],
      [userGone!, 'deleted.user@example.com', 'Still here'],
    ] as const) {
      const ended = (await getGrant(g.id))!;
      expect(ended).toMatchObject({ state: 'ended', outcome: 'not_found' });
      expect(await auditOf(ended.endAuditId)).toMatchObject({
        outcome: 'failure',
        targetLabel: first,
        secondTargetLabel: second,
      });
    }
  });

  it('whose end Okta does not answer is retried with backoff, then ends once', async () => {
    const [cy] = h.makeUsers(sim, 'flaky.cy', 1);
    const group = sim.control.createGroup({ name: 'Flaky' }).id;
    const r = granted(await grantAccess(ctx(), 'group.add_member', membership(group, cy!.id), until(1), clock));
    sim.control.faults({ status: 503, method: 'DELETE', pathPrefix: `/api/v1/groups/${group}/users/${cy!.id}` });
    const w = worker({ retry: { baseMs: 60_000, maxDelayMs: 60_000, windowMs: 15 * 60_000 } });
    advance(HOUR);
    await w.whenIdle();
    const waiting = (await getGrant(r.grant.id))!;
    expect(waiting).toMatchObject({ state: 'active', attempts: 1 });
    expect(waiting.failureReason).toMatch(/^Okta answered 503/);
    expect(waiting.failingSince).toEqual(clock());
    expect(waiting.notBefore!.getTime()).toBeGreaterThanOrEqual(nowMs + 30_000);
    expect(sim.control.getGroupMemberIds(group)).toEqual([cy!.id]);

    // Not before its next try; then Okta answers and it ends.
    await w.whenIdle();
    expect((await getGrant(r.grant.id))!.attempts).toBe(1);
    sim.control.clearFaults();
    advance(60_000);
    await w.whenIdle();
    expect(await getGrant(r.grant.id)).toMatchObject({ state: 'ended', outcome: 'removed', attempts: 2 });
    expect(sim.control.getGroupMemberIds(group)).toEqual([]);
  });

  it('whose end keeps failing past the retry window is overdue with the reason', async () => {
    const [di] = h.makeUsers(sim, 'down.di', 1);
    const group = sim.control.createGroup({ name: 'Down' }).id;
    const r = granted(await grantAccess(ctx(), 'group.add_member', membership(group, di!.id), until(1), clock));
    sim.control.faults({ status: 503, method: 'DELETE', pathPrefix: `/api/v1/groups/${group}/users/${di!.id}` });
    const w = worker({ retry: { baseMs: 1_000, maxDelayMs: 1_000, windowMs: 5_000 } });
    advance(HOUR);
    // Each round lets the worker finish a pass, then moves the clock a second on; a busy machine may need more
    // rounds than the five seconds of the window (a pass that began before the clock moved finds nothing due).
    for (let i = 0; i < 60 && (await getGrant(r.grant.id))!.state !== 'overdue'; i++) {
      await w.whenIdle();
      advance(1_000);
    }
    const overdue = (await getGrant(r.grant.id))!;
    expect(overdue.state).toBe('overdue');
    expect(overdue.failureReason).toMatch(/^Okta answered 503.*\(Still failing after \d+ seconds of retries\.\)$/);
  });

  it('that Okta refuses to end (E0000046: a group grants the app) is overdue with the reason, never retried alone', async () => {
    const [eve] = h.makeUsers(sim, 'e46.eve', 1);
    const group = sim.control.createGroup({ name: 'Sales' }).id;
    const app = sim.control.createApp({ label: 'Salesforce', signOnMode: 'SAML_2_0' }).id;
    sim.control.addMember(group, eve!.id);
    sim.control.assignAppToGroup(app, group);
    const r = granted(
      await grantAccess(ctx(), 'app.assign_user', { resourceId: app, memberId: eve!.id }, until(1), clock),
    );
    expect(r.grant.preexisting).toBe(false);
    expect(r.message).toMatch(/also gets Salesforce through Sales: .*E0000046.*overdue/);

    const w = worker();
    advance(HOUR);
    await w.whenIdle();
    const overdue = (await getGrant(r.grant.id))!;
    expect(overdue).toMatchObject({ state: 'overdue', outcome: 'refused', attempts: 1 });
    expect(overdue.failureReason).toMatch(/gets Salesforce through Sales.*E0000046/);
    expect(await auditOf(overdue.endAuditId)).toMatchObject({ action: 'app.unassign_user', outcome: 'denied' });
    advance(24 * HOUR);
    await w.whenIdle();
    expect((await getGrant(r.grant.id))!.attempts).toBe(1);

    // An admin resolves it: the access stays, and says so.
    const kept = await keepGrant(ctx(), r.grant.id, clock);
    expect(kept).toMatchObject({ ok: true, grant: { state: 'permanent' } });
    expect(await auditsOfGrant(r.grant.id)).toContainEqual(
      expect.objectContaining({ action: 'grant.make_permanent', actor: 'tester@example.com' }),
    );
  });
});

describe('many grants ending at once', () => {
  it(
    'are claimed as the integration’s limiter can take them: its concurrency to twice that, not all at once',
    async () => {
      const users = h.makeUsers(sim, 'pace', 40);
      const group = sim.control.createGroup({ name: 'Pace' }).id;
      for (const u of users)
        granted(await grantAccess(ctx(), 'group.add_member', membership(group, u.id), until(1), clock));
      const { concurrency } = (await oktaFor(integrationId)).client;
      expect(users.length).toBeGreaterThan(2 * concurrency);
      // Okta holds every removal: the client's slots fill with them, and the worker claims no more than it can send.
      sim.control.faults({ hold: true, method: 'DELETE', pathPrefix: `/api/v1/groups/${group}/users/` });
      advance(HOUR);
      const w = worker({ maxInFlight: 64 });
      await h.until(() => Promise.resolve(sim.control.heldCount() === concurrency || undefined), 'the slots full');
      const ending = async () =>
        (
          await db
            .select({ n: count() })
            .from(grants)
            .where(and(eq(grants.resourceId, group), eq(grants.state, 'ending')))
        )[0]!.n;
      expect(await ending()).toBeGreaterThanOrEqual(concurrency);
      expect(await ending()).toBeLessThanOrEqual(2 * concurrency);

      sim.control.clearFaults();
      await w.whenIdle();
      const rows = await db.select().from(grants).where(eq(grants.resourceId, group));
      expect(rows.map((g) => [g.state, g.outcome, g.attempts])).toEqual(users.map(() => ['ended', 'removed', 1]));
      expect(sim.control.getGroupMemberIds(group)).toEqual([]);
    },
    h.SLOW_TEST_MS,
  );
});

describe('managing a grant', () => {
  it('extend, grant again (extends, never a second grant), end now, make permanent: each audited', async () => {
    const [fay, gus] = h.makeUsers(sim, 'manage', 2);
    const group = sim.control.createGroup({ name: 'Managed' }).id;
    const first = granted(await grantAccess(ctx(), 'group.add_member', membership(group, fay!.id), until(1), clock));

    const extended = await extendGrant(ctx(), first.grant.id, new Date(nowMs + 2 * HOUR), clock);
    expect(extended).toMatchObject({ ok: true, grant: { state: 'active', endsAt: new Date(nowMs + 2 * HOUR) } });
    const again = granted(
      await grantAccess(ctx(), 'group.add_member', membership(group, fay!.id), until(3, 'still on call'), clock),
    );
    expect(again).toMatchObject({ outcome: 'already_member', grant: { id: first.grant.id, reason: 'still on call' } });
    expect(again.message).toMatch(/The grant now ends .* \(was .*\)\.$/);
    expect(
      await db
        .select({ id: grants.id })
        .from(grants)
        .where(and(eq(grants.resourceId, group), eq(grants.memberId, fay!.id))),
    ).toEqual([{ id: first.grant.id }]);

    const removals = mutations('unassignUserFromGroup');
    const ended = await endGrantNow(ctx(), first.grant.id, clock);
    expect(ended).toMatchObject({ ok: true, grant: { state: 'ended', outcome: 'removed' } });
    expect(mutations('unassignUserFromGroup') - removals).toBe(1);
    expect(sim.control.getGroupMemberIds(group)).toEqual([]);
    expect(await endGrantNow(ctx(), first.grant.id, clock)).toMatchObject({ ok: false, code: 'conflict' });
    expect(await extendGrant(ctx(), first.grant.id, new Date(nowMs + HOUR), clock)).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect((await auditsOfGrant(first.grant.id)).map((a) => [a.action, a.actor])).toEqual([
      ['group.add_member', 'tester@example.com'],
      ['grant.extend', 'tester@example.com'],
      ['group.add_member', 'tester@example.com'],
      ['grant.extend', 'tester@example.com'],
      ['grant.end_now', 'tester@example.com'],
      ['group.remove_member', 'tester@example.com'],
    ]);

    const second = granted(await grantAccess(ctx(), 'group.add_member', membership(group, gus!.id), until(1), clock));
    expect(await keepGrant(ctx(), second.grant.id, clock)).toMatchObject({ ok: true, grant: { state: 'permanent' } });
    advance(2 * HOUR);
    await worker().whenIdle();
    expect((await getGrant(second.grant.id))!.state).toBe('permanent');
    expect(sim.control.getGroupMemberIds(group)).toEqual([gus!.id]);
    expect(
      await extendGrant({ ...ctx(), integrationId: 'int_otherintegration00' }, second.grant.id, clock(), clock),
    ).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('bad input', () => {
  it('an end in the past, too soon, beyond the maximum, or on a change Okta refuses: a clear reason, nothing changes', async () => {
    const [hal] = h.makeUsers(sim, 'bad.hal', 1);
    const group = sim.control.createGroup({ name: 'Bad' }).id;
    const imported = sim.control.createGroup({ name: 'AD Admins', type: 'APP_GROUP' }).id;
    const everyone = sim.control.findGroupByName('Everyone')!.id;
    const before = { grants: await grantCount(), writes: JSON.stringify(sim.control.stats().mutations) };
    const to = (groupId: string, endsAt: Date) =>
      grantAccess(ctx(), 'group.add_member', membership(groupId, hal!.id), { endsAt, reason: 'x' }, clock);

    expect(await to(group, new Date(nowMs - 1_000))).toEqual({
      ok: false,
      reason: 'invalid',
      field: 'expiresAt',
      message: expect.stringMatching(/ UTC is in the past: choose an end after now\.$/) as unknown,
    });
    expect(await to(group, new Date(nowMs + 30_000))).toMatchObject({
      reason: 'invalid',
      message: 'A grant lasts at least 1 minute: choose a later end.',
    });
    expect(await to(group, new Date(nowMs + 91 * 24 * HOUR))).toMatchObject({
      reason: 'invalid',
      message: expect.stringMatching(
        /^A grant ends at most 90 days from now \(.* UTC\): choose an earlier end/,
      ) as unknown,
    });
    expect(await to(imported, new Date(nowMs + HOUR))).toMatchObject({
      ok: false,
      reason: 'refused',
      message: expect.stringMatching(/AD Admins is imported from an app \(APP_GROUP\)/) as unknown,
    });
    expect(await to(everyone, new Date(nowMs + HOUR))).toMatchObject({
      ok: false,
      reason: 'refused',
      message: expect.stringMatching(/Everyone is managed by Okta \(BUILT_IN\)/) as unknown,
    });
    expect(await extendGrant(ctx(), 'grt_nosuchgrant0000000', new Date(nowMs + HOUR), clock)).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect({ grants: await grantCount(), writes: JSON.stringify(sim.control.stats().mutations) }).toEqual(before);
    expect(sim.control.getGroupMemberIds(group)).toEqual([]);
  });
});

import { sessionUser, who } from '@/test/session';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { changeInput, type EndIds, type KindId } from './kinds';
import type { OpContext } from './operations';

// The console's access operations end to end: our database, lib/okta, and the simulator's org.
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});
// The directory page reads (group rules) check the session: a viewer is signed in.
vi.mock('@/lib/auth/current-user', () => import('@/test/session'));
who.user = sessionUser('viewer', 'Vera');

const { startSimulator } = await import('@/sim/okta');
const { db, schema } = await import('@/db');
const { lastAudit } = await import('@/test/audit');
const { DEFAULT_SCOPES } = await import('@/lib/okta');
const { simIntegration } = await import('@/lib/integrations/test-support/sim-integration');
const ops = await import('./operations');
const { checkAppAccess, checkMembership } = await import('./checks');
/** One change of `kind`, its ends named as the actions and the API name them. */
const change = (c: OpContext, kind: KindId, ids: EndIds) => ops.changeAccess(c, kind, changeInput(kind, ids));

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let ctx: OpContext;

async function integrationFor(opts: { scopes?: string[]; roles?: ('USER_ADMIN' | 'APP_ADMIN')[]; name: string }) {
  return {
    integrationId: await simIntegration(sim, opts),
    actor: { type: 'user' as const, id: 'usr_test', label: 'tester@example.com' },
  };
}

let ada: string,
  bob: string,
  eng: string,
  imported: string,
  everyone: string,
  wiki: string,
  crm: string,
  inactive: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty' });
  ctx = await integrationFor({ name: 'Sim org' });
  const c = sim.control;
  ada = c.createUser({ login: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' }).id;
  bob = c.createUser({ login: 'bob@example.com', firstName: 'Bob', lastName: 'Byron', email: 'bob@example.com' }).id;
  eng = c.createGroup({ name: 'Engineering' }).id;
  imported = c.createGroup({ name: 'AD Admins', type: 'APP_GROUP' }).id;
  everyone = c.everyoneGroupId;
  wiki = c.createApp({ label: 'Wiki', signOnMode: 'BOOKMARK' }).id;
  crm = c.createApp({ label: 'CRM', signOnMode: 'SAML_2_0' }).id;
  inactive = c.createApp({ label: 'Old portal', signOnMode: 'BOOKMARK', status: 'INACTIVE' }).id;
});

afterAll(() => sim?.close());

describe('group membership', () => {
  it('adds, reports an existing membership, removes, and reports a non-membership; each audited with Okta’s request id', async () => {
    const added = await change(ctx, 'group.add_member', { userId: ada, groupId: eng });
    expect(added).toMatchObject({ ok: true, outcome: 'added', message: 'ada@example.com added to Engineering.' });
    expect(sim.control.getGroupMemberIds(eng)).toContain(ada);
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      action: 'group.add_member',
      outcome: 'success',
      // Both ends, the user first: the table, the Target filter and the CSV read these columns.
      targetType: 'okta_user',
      targetId: ada,
      targetLabel: 'ada@example.com',
      secondTargetType: 'okta_group',
      secondTargetId: eng,
      secondTargetLabel: 'Engineering',
      integrationId: ctx.integrationId,
      actorLabel: 'tester@example.com',
    });
    expect(audit.oktaRequestId).toMatch(/\S{8,}/);

    expect(await change(ctx, 'group.add_member', { userId: ada, groupId: eng })).toMatchObject({
      ok: true,
      outcome: 'already_member',
    });
    expect(sim.control.stats().mutations.assignUserToGroup).toBe(1);
    expect(await change(ctx, 'group.remove_member', { userId: ada, groupId: eng })).toMatchObject({
      ok: true,
      outcome: 'removed',
    });
    expect(sim.control.getGroupMemberIds(eng)).not.toContain(ada);
    expect(await change(ctx, 'group.remove_member', { userId: ada, groupId: eng })).toMatchObject({
      ok: true,
      outcome: 'not_member',
    });
  });

  it('refuses APP_GROUP and BUILT_IN groups before calling Okta, and says why', async () => {
    const before = sim.control.stats().requests;
    const app = await change(ctx, 'group.add_member', { userId: ada, groupId: imported });
    expect(app).toMatchObject({ ok: false, reason: 'refused' });
    expect(app.message).toMatch(/imported from an app/);
    const builtIn = await change(ctx, 'group.remove_member', { userId: ada, groupId: everyone });
    expect(builtIn.message).toMatch(/managed by Okta/);
    const after = sim.control.stats().requests;
    for (const k of Object.keys(after)) if (/^(PUT|DELETE) /.test(k)) expect(after[k]).toBe(before[k]);
    expect((await lastAudit()).outcome).toBe('denied');
  });

  it('answers membership checks from the user’s groups, never a scan of the group', async () => {
    sim.control.addMember(eng, bob);
    const before = sim.control.stats().requests['GET /api/v1/groups/:groupId/users'] ?? 0;
    expect(await checkMembership(ctx, bob, eng)).toMatchObject({ ok: true, member: true });
    expect(await checkMembership(ctx, ada, eng)).toMatchObject({ ok: true, member: false });
    expect(await lastAudit()).toMatchObject({ action: 'group.check_member', targetId: ada, secondTargetId: eng });
    expect(sim.control.stats().requests['GET /api/v1/groups/:groupId/users'] ?? 0).toBe(before);
  });

  it('reports unknown ids as not found', async () => {
    expect(await change(ctx, 'group.add_member', { userId: '00u0000000000000none', groupId: eng })).toMatchObject({
      ok: false,
      reason: 'not_found',
    });
    expect(await change(ctx, 'group.add_member', { userId: ada, groupId: '00g0000000000000none' })).toMatchObject({
      ok: false,
      reason: 'not_found',
    });
  });
});

describe('app assignment', () => {
  it('assigns and unassigns an app for a user, idempotently', async () => {
    expect(await change(ctx, 'app.assign_user', { appId: wiki, userId: ada })).toMatchObject({
      ok: true,
      outcome: 'assigned',
    });
    expect(await lastAudit()).toMatchObject({
      targetType: 'okta_app',
      targetLabel: 'Wiki',
      secondTargetType: 'okta_user',
      secondTargetLabel: 'ada@example.com',
    });
    expect(sim.control.getAppUser(wiki, ada)).toEqual(expect.objectContaining({ scope: 'USER' }));
    expect(await change(ctx, 'app.assign_user', { appId: wiki, userId: ada })).toMatchObject({
      ok: true,
      outcome: 'already_assigned',
    });
    expect(await checkAppAccess(ctx, ada, wiki)).toMatchObject({ ok: true, access: 'direct' });
    expect(await lastAudit()).toMatchObject({ action: 'app.check_user', targetId: wiki, secondTargetId: ada });
    expect(await change(ctx, 'app.unassign_user', { appId: wiki, userId: ada })).toMatchObject({
      ok: true,
      outcome: 'unassigned',
    });
    expect(await change(ctx, 'app.unassign_user', { appId: wiki, userId: ada })).toMatchObject({
      ok: true,
      outcome: 'not_assigned',
    });
    expect(await checkAppAccess(ctx, ada, wiki)).toMatchObject({ ok: true, access: 'none' });
  });

  it('assigns an app to a group with a priority; members get it through the group; unassigning the member is refused naming the group', async () => {
    expect(await change(ctx, 'app.assign_group', { appId: crm, groupId: eng, priority: 3 })).toMatchObject({
      ok: true,
      outcome: 'assigned',
    });
    expect(await lastAudit()).toMatchObject({ targetId: crm, secondTargetType: 'okta_group', secondTargetId: eng });
    const access = await checkAppAccess(ctx, bob, crm);
    expect(access).toMatchObject({ ok: true, access: 'group', viaGroups: [{ id: eng, name: 'Engineering' }] });
    const refused = await change(ctx, 'app.unassign_user', { appId: crm, userId: bob });
    expect(refused).toMatchObject({ ok: false, reason: 'refused', viaGroups: [{ id: eng, name: 'Engineering' }] });
    expect(refused.message).toMatch(/through Engineering/);
    expect(sim.control.getAppUser(crm, bob)).not.toBeNull();
    expect(await change(ctx, 'app.unassign_group', { appId: crm, groupId: eng })).toMatchObject({
      ok: true,
      outcome: 'unassigned',
    });
    expect(await checkAppAccess(ctx, bob, crm)).toMatchObject({ ok: true, access: 'none' });
    expect(await change(ctx, 'app.unassign_group', { appId: crm, groupId: eng })).toMatchObject({
      ok: true,
      outcome: 'not_assigned',
    });
  });

  it('refuses an inactive app', async () => {
    const r = await change(ctx, 'app.assign_user', { appId: inactive, userId: ada });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/inactive/i);
  });
});

describe('group rules', () => {
  it('the pages learn which active rule fills a group; a removal by hand puts the user on its exclusion list, as said', async () => {
    const { groupView, ruleCaution, userView } = await import('@/lib/queries/directory');
    const sales = sim.control.createGroup({ name: 'Sales' }).id;
    const cy = sim.control.createUser({
      login: 'cy@example.com',
      firstName: 'Cy',
      lastName: 'Young',
      department: 'Sales',
    }).id;
    const rule = sim.control.createGroupRule({
      name: 'Sales by department',
      expression: 'user.department=="Sales"',
      groupIds: [sales],
      activate: true,
    });
    expect(sim.control.getGroupMemberIds(sales)).toContain(cy);

    const view = (await groupView(ctx.integrationId, sales))!;
    expect(view.rules?.map((r) => r.name)).toContain('Sales by department');
    expect(ruleCaution(view.rules, view.group)).toMatch(
      /Sales is filled by the active group rule “Sales by department”.*exclusion list/,
    );
    expect(ruleCaution(view.rules, { id: eng, name: 'Engineering' })).toBeUndefined();
    const user = (await userView(ctx.integrationId, cy))!;
    expect(ruleCaution(user.rules, { id: sales, name: 'Sales' })).toBeDefined();

    expect(await change(ctx, 'group.remove_member', { userId: cy, groupId: sales })).toMatchObject({ ok: true });
    expect(sim.control.getGroupRuleExcludedUserIds(rule.id)).toEqual([cy]);
  });

  it('an app whose role may not read rules: unknown (null), not an error', async () => {
    const { groupView } = await import('@/lib/queries/directory');
    const membershipAdmin = {
      integrationId: await simIntegration(sim, {
        name: 'Membership admin',
        roles: ['GROUP_MEMBERSHIP_ADMIN', 'APP_ADMIN'],
      }),
    };
    expect((await groupView(membershipAdmin.integrationId, eng))?.rules).toBeNull();
  });
});

describe('when the app lacks a scope or a role', () => {
  it('a missing manage scope is named; a missing role is explained; nothing changes in Okta', async () => {
    const noScope = await integrationFor({
      name: 'No groups.manage',
      scopes: DEFAULT_SCOPES.filter((s) => s !== 'okta.groups.manage'),
    });
    const r1 = await change(noScope, 'group.add_member', { userId: ada, groupId: eng });
    expect(r1).toMatchObject({ ok: false, reason: 'okta' });
    expect(r1.message).toMatch(/okta\.groups\.manage/);
    const noRole = await integrationFor({ name: 'No roles', roles: [] });
    const r2 = await change(noRole, 'group.add_member', { userId: ada, groupId: eng });
    expect(r2.ok).toBe(false);
    expect(r2.message).toMatch(/admin roles|not found/i);
    expect(sim.control.getGroupMemberIds(eng)).not.toContain(ada);
    const rows = await db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.integrationId, noScope.integrationId));
    expect(rows.map((r) => r.outcome)).toEqual(['failure']);
  });
});

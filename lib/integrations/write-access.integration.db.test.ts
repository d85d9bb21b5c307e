import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Write access as the console learns it: from a real change (Okta takes it, or refuses with E0000006) and
// from Verify write access (a membership that already exists, sent again). Our database, lib/okta, the simulator.
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});

const { startSimulator } = await import('@/sim/okta');
const { getIntegration } = await import('./store');
const { writeAccessOf, verifyWriteAccess } = await import('./write-access');
const { simIntegration } = await import('./test-support/sim-integration');
const { changeAccess } = await import('@/lib/access/operations');

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let ada: string, bob: string, eng: string, ops: string;
const actor = { type: 'user' as const, id: 'usr_test', label: 'tester@example.com' };
const access = async (id: string) => writeAccessOf((await getIntegration(id))!);

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty' });
  const c = sim.control;
  ada = c.createUser({ login: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }).id;
  bob = c.createUser({ login: 'bob@example.com', firstName: 'Bob', lastName: 'Byron' }).id;
  eng = c.createGroup({ name: 'Engineering' }).id;
  ops = c.createGroup({ name: 'Operations' }).id;
  c.addMember(eng, ada);
});
afterAll(() => sim?.close());

describe('write access learnt from changes', () => {
  it('starts unverified; E0000006 marks memberships missing with the fix; a later success clears it', async () => {
    const clientRoles: ('READ_ONLY_ADMIN' | 'USER_ADMIN')[] = ['READ_ONLY_ADMIN'];
    const id = await simIntegration(sim, { name: 'Read-only', roles: clientRoles });
    expect((await access(id)).state).toBe('unverified');

    const refused = await changeAccess({ integrationId: id, actor }, 'group.add_member', {
      resourceId: ops,
      memberId: bob,
    });
    expect(refused.ok).toBe(false);
    const after = await access(id);
    expect(after.state).toBe('missing');
    expect(after.memberships.state).toBe('no');
    expect(after.memberships.note).toMatch(/E0000006.*request id \S+.*Scopes and roles/);
    expect(after.appAssignments.state).toBeNull();
    expect(sim.control.getGroupMemberIds(ops)).not.toContain(bob);

    // The admin fixes the roles in Okta; the next change goes through and says so.
    const integration = (await getIntegration(id))!;
    sim.control.assignRole(integration.clientId, { type: 'USER_ADMIN' });
    const added = await changeAccess({ integrationId: id, actor }, 'group.add_member', {
      resourceId: ops,
      memberId: bob,
    });
    expect(added).toMatchObject({ ok: true, outcome: 'added' });
    const fixed = await access(id);
    expect(fixed.memberships.state).toBe('yes');
    expect(fixed.memberships.note).toMatch(/Okta accepted a change \(Add to group: bob@example\.com · Operations\)/);
    expect(fixed.state).toBe('unverified');
  });
});

describe('Verify write access', () => {
  it('proves the right by re-sending an existing membership: nothing changes in Okta', async () => {
    const id = await simIntegration(sim, { name: 'Group admin' });
    const before = { eng: sim.control.getGroupMemberIds(eng), ops: sim.control.getGroupMemberIds(ops) };
    const r = await verifyWriteAccess(id);
    expect(r.state).toBe('yes');
    expect(r.message).toMatch(
      /PUT \/api\/v1\/groups\/\S+\/users\/\S+ \((ada|bob)@example\.com in (Engineering|Operations), already a member\)/,
    );
    expect(r.requestId).toMatch(/\S{8,}/);
    expect({ eng: sim.control.getGroupMemberIds(eng), ops: sim.control.getGroupMemberIds(ops) }).toEqual(before);
    expect((await access(id)).memberships).toMatchObject({ state: 'yes', note: r.message });
  });

  it('a Read-Only Administrator is refused: write access missing, with what was sent', async () => {
    const id = await simIntegration(sim, { name: 'Read-only verify', roles: ['READ_ONLY_ADMIN'] });
    const r = await verifyWriteAccess(id);
    expect(r.state).toBe('no');
    expect(r.message).toMatch(/Okta refused PUT \/api\/v1\/groups\/.* with “You do not have permission/);
    expect((await access(id)).state).toBe('missing');
  });

  it('with no group that has members, says it cannot verify and records nothing', async () => {
    const empty = await startSimulator({ seed: 'empty' });
    try {
      empty.control.createGroup({ name: 'Nobody here' });
      const id = await simIntegration(empty, { name: 'Empty org' });
      const r = await verifyWriteAccess(id);
      expect(r).toMatchObject({
        state: 'unknown',
        message: expect.stringMatching(/no Okta group with members/) as unknown,
      });
      expect((await access(id)).memberships.state).toBeNull();
    } finally {
      await empty.close();
    }
  });
});

import type { Simulator } from '@/sim/okta';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOktaClient, type OktaClient } from './client';
import { serviceApp, simOptions, startSim } from './test-support/sim-harness';

// Reads behind the directory pages that must stay one call whatever the org's size.
let sim: Simulator;
let okta: OktaClient;

beforeAll(async () => {
  sim = await startSim({ seed: 'small' });
  okta = createOktaClient(await serviceApp(sim), simOptions(sim));
});
afterAll(() => sim.close());

const calls = (template: string) => sim.control.stats().requests[template] ?? 0;

describe('groups.stats', () => {
  it('counts the members of a big group with one list call and no member paging', async () => {
    const everyone = sim.control.everyoneGroupId;
    const expected = sim.control.getGroupMemberIds(everyone).length;
    expect(expected).toBeGreaterThan(1000);
    const [lists, members] = [calls('GET /api/v1/groups'), calls('GET /api/v1/groups/:groupId/users')];
    const stats = await okta.groups.stats(everyone);
    expect(stats).toMatchObject({ groupId: everyone, usersCount: expected });
    expect(calls('GET /api/v1/groups') - lists).toBe(1);
    expect(calls('GET /api/v1/groups/:groupId/users') - members).toBe(0);
  });

  it('follows a membership change and is null for an unknown group', async () => {
    const g = sim.control.createGroup({ name: `Counted ${Date.now()}` });
    expect(await okta.groups.stats(g.id)).toMatchObject({ usersCount: 0 });
    const [u1, u2] = sim.control.listIds('users');
    sim.control.addMember(g.id, u1!);
    sim.control.addMember(g.id, u2!);
    expect(await okta.groups.stats(g.id)).toMatchObject({ usersCount: 2 });
    expect(await okta.groups.stats('00gNOSUCHGROUP0000000')).toBeNull();
  });
});

describe('apps.forUser', () => {
  it('lists the user’s apps with the scope of each assignment (USER or GROUP)', async () => {
    const [userId] = sim.control.listIds('users').slice(-1);
    const direct = sim.control.createApp({ label: `Direct ${Date.now()}`, signOnMode: 'BOOKMARK' });
    const viaGroup = sim.control.createApp({ label: `Via group ${Date.now()}`, signOnMode: 'BOOKMARK' });
    const group = sim.control.createGroup({ name: `Granting ${Date.now()}` });
    sim.control.addMember(group.id, userId!);
    sim.control.assignAppToUser(direct.id, userId!);
    sim.control.assignAppToGroup(viaGroup.id, group.id);
    const apps = [];
    for await (const a of okta.apps.forUser(userId!)) apps.push(a);
    const byId = new Map(apps.map((a) => [a.appId, a]));
    expect(byId.get(direct.id)?.appUser?.scope).toBe('USER');
    expect(byId.get(viaGroup.id)?.appUser?.scope).toBe('GROUP');
    expect(byId.get(viaGroup.id)?.label).toBe(viaGroup.label);
  });
});

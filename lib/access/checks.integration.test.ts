import { createOktaClient, type OktaClient } from '@/lib/okta';
import { serviceApp, simOptions, startSim } from '@/lib/okta/test-support/sim-harness';
import type { Simulator } from '@/sim/okta';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userAppAccess } from './checks';

// How a user has each app, named from the user's side with a bounded number of Okta calls.
let sim: Simulator;
let okta: OktaClient;

beforeAll(async () => {
  sim = await startSim({ seed: 'small' });
  okta = createOktaClient(await serviceApp(sim), simOptions(sim));
});
afterAll(() => sim.close());

const total = () => Object.values(sim.control.stats().requests).reduce((a, b) => a + b, 0);

describe('userAppAccess', () => {
  it('marks direct apps and names the granting groups, without reading any group’s members', async () => {
    const tag = Date.now().toString(36);
    const user = sim.control.createUser({
      login: `grant.${tag}@example.com`,
      email: `grant.${tag}@example.com`,
      firstName: 'G',
      lastName: 'R',
    });
    const sales = sim.control.createGroup({ name: `Sales ${tag}` });
    const ops = sim.control.createGroup({ name: `Ops ${tag}` });
    const direct = sim.control.createApp({ label: `A direct ${tag}`, signOnMode: 'BOOKMARK' });
    const viaSales = sim.control.createApp({ label: `B sales ${tag}`, signOnMode: 'BOOKMARK' });
    const both = sim.control.createApp({ label: `C both ${tag}`, signOnMode: 'BOOKMARK' });
    const everyoneApp = sim.control.createApp({ label: `D everyone ${tag}`, signOnMode: 'BOOKMARK' });
    for (const g of [sales, ops]) sim.control.addMember(g.id, user.id);
    sim.control.assignAppToUser(direct.id, user.id);
    sim.control.assignAppToGroup(viaSales.id, sales.id);
    sim.control.assignAppToGroup(both.id, ops.id);
    sim.control.assignAppToUser(both.id, user.id);
    sim.control.assignAppToGroup(everyoneApp.id, sim.control.everyoneGroupId);

    const groups = await okta.users.groups(user.id);
    const before = total();
    const { apps, truncated } = await userAppAccess(okta, user.id, groups);
    const calls = total() - before;
    expect(truncated).toBe(false);
    const by = Object.fromEntries(apps.map((a) => [a.appId, a]));
    expect(by[direct.id]).toMatchObject({ direct: true, viaGroups: [], viaUnknown: false });
    expect(by[viaSales.id]).toMatchObject({
      direct: false,
      viaGroups: [{ id: sales.id, name: sales.profile.name }],
      viaUnknown: false,
    });
    expect(by[both.id]).toMatchObject({ direct: true, viaGroups: [{ id: ops.id }] });
    expect(by[everyoneApp.id]).toMatchObject({ direct: false, viaGroups: [{ name: 'Everyone' }] });
    // One list of the user's apps plus at most one list per group (3 groups) — the 2,000 members of Everyone are never read.
    expect(calls).toBeLessThanOrEqual(1 + groups.length);
    expect(sim.control.stats().requests['GET /api/v1/groups/:groupId/users'] ?? 0).toBe(0);
  });

  it('asks the app side instead when the user has more groups than group-granted apps', async () => {
    const tag = `${Date.now().toString(36)}x`;
    const user = sim.control.createUser({
      login: `many.${tag}@example.com`,
      email: `many.${tag}@example.com`,
      firstName: 'M',
      lastName: 'G',
    });
    const groups = Array.from({ length: 6 }, (_, i) => sim.control.createGroup({ name: `Team ${i} ${tag}` }));
    for (const g of groups) sim.control.addMember(g.id, user.id);
    const app = sim.control.createApp({ label: `Team app ${tag}`, signOnMode: 'BOOKMARK' });
    sim.control.assignAppToGroup(app.id, groups[3]!.id);
    sim.control.assignAppToGroup(app.id, groups[5]!.id);
    const mine = await okta.users.groups(user.id);
    const before = sim.control.stats().requests['GET /api/v1/apps/:appId/groups'] ?? 0;
    const { apps } = await userAppAccess(okta, user.id, mine);
    expect(apps.find((a) => a.appId === app.id)).toEqual({
      appId: app.id,
      label: app.label,
      status: 'ACTIVE',
      direct: false,
      viaGroups: [groups[3], groups[5]].map((g) => ({ id: g!.id, name: g!.profile.name })),
      viaUnknown: false,
    });
    // More groups (7) than group-granted apps: one read of each app's group assignments, none of the groups' apps.
    expect(apps.length).toBeLessThan(mine.length);
    expect((sim.control.stats().requests['GET /api/v1/apps/:appId/groups'] ?? 0) - before).toBe(apps.length);
  });

  it('a new user has only what Everyone grants', async () => {
    const user = sim.control.createUser({
      login: `none.${Date.now()}@example.com`,
      email: `none.${Date.now()}@example.com`,
      firstName: 'N',
      lastName: 'O',
    });
    const { apps } = await userAppAccess(okta, user.id, await okta.users.groups(user.id));
    expect(apps.length).toBeGreaterThan(0);
    for (const a of apps)
      expect(a).toMatchObject({ direct: false, viaGroups: [{ name: 'Everyone' }], viaUnknown: false });
  });
});

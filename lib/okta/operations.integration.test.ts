import type { Simulator } from '@/sim/okta';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOktaClient, type OktaClient } from './client';
import { isOktaError } from './errors';
import { serviceApp, simOptions, startSim } from './test-support/sim-harness';

let sim: Simulator;
let okta: OktaClient;
let n = 0;
const uniq = (p: string) => `${p}${Date.now().toString(36)}${n++}`;

beforeAll(async () => {
  sim = await startSim();
  okta = createOktaClient(await serviceApp(sim, { dpopRequired: true }), simOptions(sim));
});
afterAll(() => sim.close());

function newUser() {
  const login = `${uniq('op.user')}+tag@example.com`;
  return sim.control.createUser({ login, email: login, firstName: 'Op', lastName: 'User' });
}

describe('users', () => {
  it('gets by id and by login (with @ and +), and null when unknown', async () => {
    const u = newUser();
    const byId = await okta.users.get(u.id);
    expect(byId).toMatchObject({ id: u.id, status: 'ACTIVE', firstName: 'Op' });
    const login = byId?.login ?? '';
    expect(await okta.users.get(login)).toMatchObject({ id: u.id });
    expect(await okta.users.get('nobody@example.com')).toBeNull();
  });

  it('searches with a filter and lists with an item cap', async () => {
    const u = newUser();
    const login = (await okta.users.get(u.id))?.login ?? '';
    const found = await okta.users.search({ filter: `profile.login eq "${login}"` });
    expect(found.items.map((x) => x.id)).toEqual([u.id]);
    const capped = await okta.users.search({}, { maxItems: 3 });
    expect(capped.items).toHaveLength(3);
    expect(capped.truncated).toBe(true);
  });
});

describe('groups', () => {
  it('add / is-member / remove report idempotent outcomes, and the simulator agrees', async () => {
    const u = newUser();
    const g = sim.control.createGroup({ name: uniq('Ops ') });
    expect(await okta.groups.isMember(u.id, g.id)).toBe(false);
    expect(await okta.groups.addMember(g.id, u.id)).toMatchObject({
      outcome: 'added',
      requestId: expect.any(String) as unknown,
    });
    expect(await okta.groups.addMember(g.id, u.id)).toMatchObject({ outcome: 'already_member' });
    expect(await okta.groups.isMember(u.id, g.id)).toBe(true);
    expect(sim.control.getGroupMemberIds(g.id)).toContain(u.id);
    expect((await okta.users.groups(u.id)).map((x) => x.id)).toContain(g.id);
    const members: string[] = [];
    for await (const m of okta.groups.members(g.id)) members.push(m.id);
    expect(members).toEqual([u.id]);
    expect(await okta.groups.removeMember(g.id, u.id)).toMatchObject({ outcome: 'removed' });
    expect(await okta.groups.removeMember(g.id, u.id)).toMatchObject({ outcome: 'not_member' });
    expect(sim.control.getGroupMemberIds(g.id)).not.toContain(u.id);
  });

  it('gets and searches groups; null for an unknown id', async () => {
    const name = uniq('Searchable ');
    const g = sim.control.createGroup({ name, description: 'd' });
    expect(await okta.groups.get(g.id)).toMatchObject({ id: g.id, name, type: 'OKTA_GROUP', description: 'd' });
    expect((await okta.groups.search({ q: name })).items.map((x) => x.id)).toContain(g.id);
    expect(await okta.groups.get('00gDoesNotExist000000')).toBeNull();
  });

  it('Everyone: the pre-check reports membership; removal is refused by Okta with its error code', async () => {
    const u = newUser();
    expect(await okta.groups.addMember(sim.control.everyoneGroupId, u.id)).toMatchObject({ outcome: 'already_member' });
    const removal = await okta.groups.removeMember(sim.control.everyoneGroupId, u.id).catch((e: unknown) => e);
    expect(isOktaError(removal)).toBe(true);
    if (isOktaError(removal)) expect(removal).toMatchObject({ status: 403, errorCode: 'E0000006', kind: 'forbidden' });
  });
});

describe('apps', () => {
  it('assign / unassign a user with idempotent outcomes; a group-granted user is reported, not unassigned', async () => {
    const app = sim.control.createApp({ label: uniq('Wiki '), signOnMode: 'BOOKMARK' });
    const u = newUser();
    expect(await okta.apps.assignUser(app.id, u.id)).toMatchObject({
      outcome: 'assigned',
      appUser: { userId: u.id, scope: 'USER' },
    });
    expect(await okta.apps.assignUser(app.id, u.id)).toMatchObject({ outcome: 'already_assigned' });
    expect(sim.control.getAppUser(app.id, u.id)).toMatchObject({ scope: 'USER' });
    expect((await okta.users.appLinks(u.id)).map((l) => l.appInstanceId)).toContain(app.id);
    expect(await okta.apps.unassignUser(app.id, u.id)).toMatchObject({ outcome: 'unassigned' });
    expect(await okta.apps.unassignUser(app.id, u.id)).toMatchObject({ outcome: 'not_assigned' });
    expect(sim.control.getAppUser(app.id, u.id)).toBeNull();

    const g = sim.control.createGroup({ name: uniq('Wiki users ') });
    sim.control.addMember(g.id, u.id);
    expect(await okta.apps.assignGroup(app.id, g.id, { priority: 1 })).toMatchObject({
      outcome: 'assigned',
      assignment: { groupId: g.id, priority: 1 },
    });
    expect(await okta.apps.assignGroup(app.id, g.id, { priority: 1 })).toMatchObject({ outcome: 'already_assigned' });
    expect(await okta.apps.assignGroup(app.id, g.id, { priority: 2 })).toMatchObject({ outcome: 'updated' });
    expect(await okta.apps.getUser(app.id, u.id)).toMatchObject({ scope: 'GROUP' });
    expect(await okta.apps.unassignUser(app.id, u.id)).toMatchObject({ outcome: 'granted_by_group' });

    const direct = newUser();
    await okta.apps.assignUser(app.id, direct.id);
    const groupScoped: string[] = [];
    for await (const x of okta.apps.users(app.id, { scope: 'GROUP' })) groupScoped.push(x.userId);
    const userScoped: string[] = [];
    for await (const x of okta.apps.users(app.id, { scope: 'USER' })) userScoped.push(x.userId);
    expect(groupScoped).toEqual([u.id]);
    expect(userScoped).toEqual([direct.id]);

    const groups: string[] = [];
    for await (const x of okta.apps.groups(app.id)) groups.push(x.groupId);
    expect(groups).toEqual([g.id]);
    expect(await okta.apps.unassignGroup(app.id, g.id)).toMatchObject({ outcome: 'unassigned' });
    expect(await okta.apps.unassignGroup(app.id, g.id)).toMatchObject({ outcome: 'not_assigned' });
    expect(sim.control.getAppGroupIds(app.id)).toEqual([]);
  });

  it('lists, searches and gets apps', async () => {
    const label = uniq('Searchapp ');
    const app = sim.control.createApp({ label, signOnMode: 'SAML_2_0' });
    expect(await okta.apps.get(app.id)).toMatchObject({ id: app.id, label, status: 'ACTIVE', signOnMode: 'SAML_2_0' });
    expect((await okta.apps.search({ q: label })).items.map((a) => a.id)).toContain(app.id);
    const ids: string[] = [];
    for await (const a of okta.apps.list({}, { pageSize: 2 })) ids.push(a.id);
    expect(ids).toEqual(sim.control.listIds('apps'));
    expect(await okta.apps.get('0oaDoesNotExist000000')).toBeNull();
  });
});

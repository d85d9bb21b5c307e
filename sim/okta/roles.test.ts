import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import type { ApiResult } from './testing/client';
import { caller, type Caller } from './testing/fixture';

// Every role case of shared/okta/admin-roles-and-permissions.md: standard roles and their targets, custom
// roles on resource sets (both sides of a change), reading one's own roles, no role at all, groups that
// hold an admin role.

let sim: Simulator;
let superAdmin: Caller;
// Fresh objects per test file: A and B are groups, X and Y apps, `outsider` is in no group but Everyone.
let A: string, B: string, X: string, Y: string, outsider: string, memberOfA: string;

const DENIED = 'You do not have permission to perform the requested action';
const EIGHT = [
  'okta.users.read',
  'okta.users.groupMembership.manage',
  'okta.users.appAssignment.manage',
  'okta.groups.read',
  'okta.groups.members.manage',
  'okta.groups.appAssignment.manage',
  'okta.apps.read',
  'okta.apps.assignment.manage',
];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'tiny' });
  superAdmin = await caller(sim);
  A = sim.control.createGroup({ name: 'Roles A' }).id;
  B = sim.control.createGroup({ name: 'Roles B' }).id;
  X = sim.control.createApp({ label: 'Roles X', signOnMode: 'BOOKMARK' }).id;
  Y = sim.control.createApp({ label: 'Roles Y', signOnMode: 'SAML_2_0' }).id;
  outsider = sim.control.createUser({ login: 'roles.outsider@example.com' }).id;
  memberOfA = sim.control.createUser({ login: 'roles.member@example.com' }).id;
  sim.control.addMember(A, memberOfA);
});
afterAll(() => sim.close());

function expectDenied(res: ApiResult) {
  expect(res.status).toBe(403);
  expect(res.body).toMatchObject({
    errorCode: 'E0000006',
    errorSummary: DENIED,
    errorLink: 'E0000006',
    errorCauses: [],
  });
}

function expectNotFound(res: ApiResult, summary: string) {
  expect(res.status).toBe(404);
  expect(res.body).toMatchObject({ errorCode: 'E0000007', errorSummary: summary, errorLink: 'E0000007' });
}

const ids = (res: ApiResult) => (res.body as Array<{ id: string }>).map((o) => o.id);
const newUser = (login: string) => sim.control.createUser({ login: `${login}@example.com` }).id;

/** A custom role on a resource set, assigned to a fresh service app; resources are paths on the org. */
async function customCaller(label: string, permissions: string[], resources: string[]) {
  const role = sim.control.createCustomRole({ label, description: `${label} role`, permissions });
  const set = sim.control.createResourceSet({
    label: `${label} set`,
    description: `${label} resources`,
    resources: resources.map((p) => `${sim.origin}${p}`),
  });
  const c = await caller(sim, { roles: [{ type: 'CUSTOM', role: role.id, resourceSet: set.id }] });
  return { c, roleId: role.id, setId: set.id };
}

describe('standard roles', () => {
  it('READ_ONLY_ADMIN reads users, groups and apps but is refused membership and app changes', async () => {
    const ro = await caller(sim, { roles: ['READ_ONLY_ADMIN'] });
    for (const path of ['/api/v1/users', '/api/v1/groups', '/api/v1/apps']) {
      const res = await ro.call('GET', path);
      expect(res.status).toBe(200);
      expect((res.body as unknown[]).length).toBeGreaterThan(0);
    }
    expectDenied(await ro.call('PUT', `/api/v1/groups/${A}/users/${outsider}`));
    expectDenied(await ro.call('POST', `/api/v1/apps/${X}/users`, { id: outsider }));
    expectDenied(await ro.call('PUT', `/api/v1/apps/${X}/groups/${A}`));
    expect(sim.control.getGroupMemberIds(A)).not.toContain(outsider);
  });

  it('GROUP_MEMBERSHIP_ADMIN targeted at one group adds any user there, and nowhere else', async () => {
    const gma = await caller(sim, { roles: [{ type: 'GROUP_MEMBERSHIP_ADMIN', targets: { groups: [A] } }] });
    const user = newUser('gma.any');
    expect((await gma.call('GET', `/api/v1/users/${user}`)).status).toBe(200);
    expect((await gma.call('PUT', `/api/v1/groups/${A}/users/${user}`)).status).toBe(204);
    expect(sim.control.getGroupMemberIds(A)).toContain(user);
    expectDenied(await gma.call('PUT', `/api/v1/groups/${B}/users/${user}`));
    expect(ids(await gma.call('GET', '/api/v1/groups'))).toEqual([A]);
    expect((await gma.call('DELETE', `/api/v1/groups/${A}/users/${user}`)).status).toBe(204);
    expectDenied(await gma.call('POST', `/api/v1/apps/${X}/users`, { id: user }));
  });

  it('USER_ADMIN targeted at a group cannot add an existing user from outside its groups', async () => {
    const ga = await caller(sim, { roles: [{ type: 'USER_ADMIN', targets: { groups: [A, B] } }] });
    expectDenied(await ga.call('PUT', `/api/v1/groups/${A}/users/${outsider}`));
    expect(sim.control.getGroupMemberIds(A)).not.toContain(outsider);
    expectDenied(await ga.call('GET', `/api/v1/users/${outsider}`));
    // A user of one managed group may be added to another.
    expect((await ga.call('PUT', `/api/v1/groups/${B}/users/${memberOfA}`)).status).toBe(204);
    expect((await ga.call('DELETE', `/api/v1/groups/${B}/users/${memberOfA}`)).status).toBe(204);
  });

  it('APP_ADMIN targeted at one app assigns users and groups there only, and changes no membership', async () => {
    const aa = await caller(sim, { roles: [{ type: 'APP_ADMIN', targets: { apps: [X] } }] });
    const user = newUser('appadmin.one');
    expect((await aa.call('POST', `/api/v1/apps/${X}/users`, { id: user })).status).toBe(200);
    expect((await aa.call('PUT', `/api/v1/apps/${X}/groups/${B}`)).status).toBe(200);
    expect((await aa.call('DELETE', `/api/v1/apps/${X}/groups/${B}`)).status).toBe(204);
    expectDenied(await aa.call('POST', `/api/v1/apps/${Y}/users`, { id: user }));
    expectDenied(await aa.call('PUT', `/api/v1/apps/${Y}/groups/${B}`));
    expect(ids(await aa.call('GET', '/api/v1/apps'))).toEqual([X]);
    expectDenied(await aa.call('PUT', `/api/v1/groups/${A}/users/${user}`));
  });
});

describe('custom roles on resource sets', () => {
  it('the eight permissions on users + one group + one app: allowed there, 403 elsewhere', async () => {
    const { c } = await customCaller('Console', EIGHT, ['/api/v1/users', `/api/v1/groups/${A}`, `/api/v1/apps/${X}`]);
    const user = newUser('custom.eight');
    expect((await c.call('GET', '/api/v1/users')).status).toBe(200);
    expect(ids(await c.call('GET', '/api/v1/groups'))).toEqual([A]);
    expect(ids(await c.call('GET', '/api/v1/apps'))).toEqual([X]);
    expectDenied(await c.call('GET', `/api/v1/groups/${B}`));

    expect((await c.call('PUT', `/api/v1/groups/${A}/users/${user}`)).status).toBe(204);
    expect(sim.control.getGroupMemberIds(A)).toContain(user);
    expectDenied(await c.call('PUT', `/api/v1/groups/${B}/users/${user}`));
    expect((await c.call('DELETE', `/api/v1/groups/${A}/users/${user}`)).status).toBe(204);

    expect((await c.call('POST', `/api/v1/apps/${X}/users`, { id: user })).status).toBe(200);
    expectDenied(await c.call('POST', `/api/v1/apps/${Y}/users`, { id: user }));
    expect((await c.call('DELETE', `/api/v1/apps/${X}/users/${user}`)).status).toBe(204);
    expect((await c.call('PUT', `/api/v1/apps/${X}/groups/${A}`)).status).toBe(200);
    expectDenied(await c.call('PUT', `/api/v1/apps/${X}/groups/${B}`));
    expect((await c.call('DELETE', `/api/v1/apps/${X}/groups/${A}`)).status).toBe(204);
  });

  it('a membership needs the user side too: no users in the set, or no okta.users.groupMembership.manage → 403', async () => {
    const noUsers = (await customCaller('No users', EIGHT, [`/api/v1/groups/${A}`, `/api/v1/apps/${X}`])).c;
    expectDenied(await noUsers.call('PUT', `/api/v1/groups/${A}/users/${outsider}`));
    expectDenied(await noUsers.call('POST', `/api/v1/apps/${X}/users`, { id: outsider }));
    expectDenied(await noUsers.call('GET', '/api/v1/users'));
    // The group side alone is enough for a group's assignment.
    expect((await noUsers.call('PUT', `/api/v1/apps/${X}/groups/${A}`)).status).toBe(200);

    const groupSideOnly = EIGHT.filter((p) => p !== 'okta.users.groupMembership.manage');
    const noPair = (await customCaller('No pair', groupSideOnly, ['/api/v1/users', `/api/v1/groups/${A}`])).c;
    expectDenied(await noPair.call('PUT', `/api/v1/groups/${A}/users/${outsider}`));
    expect(sim.control.getGroupMemberIds(A)).not.toContain(outsider);
  });

  it('users of one group as the user resource: only those users can be added', async () => {
    const { c } = await customCaller('Group users', EIGHT, [`/api/v1/groups/${A}/users`, `/api/v1/groups/${B}`]);
    expect((await c.call('PUT', `/api/v1/groups/${B}/users/${memberOfA}`)).status).toBe(204);
    expectDenied(await c.call('PUT', `/api/v1/groups/${B}/users/${outsider}`));
    expect(ids(await c.call('GET', '/api/v1/users'))).toEqual(sim.control.getGroupMemberIds(A));
  });

  it('accepts ORNs as resources', async () => {
    expect(() => sim.control.createResourceSet({ label: 'Empty', resources: [] })).toThrow('HTTP 400');
    const role = sim.control.createCustomRole({ label: 'Orn role', permissions: ['okta.groups.read'] });
    const set = sim.control.createResourceSet({ label: 'Orn set', resources: [`orn:okta:directory:sim:groups:${B}`] });
    const byOrn = await caller(sim, { roles: [{ type: 'CUSTOM', role: role.id, resourceSet: set.id }] });
    expect(ids(await byOrn.call('GET', '/api/v1/groups'))).toEqual([B]);
  });
});

describe("reading one's own roles", () => {
  it('a custom role with okta.iam.read reads its assignment, role, permissions and resource set', async () => {
    const perms = [...EIGHT, 'okta.iam.read'];
    const { c, roleId, setId } = await customCaller('Self check', perms, ['/api/v1/users', `/api/v1/groups/${A}`]);
    const o = sim.origin;
    const list = await c.call('GET', `/oauth2/v1/clients/${c.clientId}/roles`);
    expect(list.status).toBe(200);
    const [assignment] = list.body as Array<{ id: string }>;
    expect(list.body).toEqual([
      {
        id: expect.stringMatching(/^irb/) as unknown,
        label: 'Self check',
        type: 'CUSTOM',
        status: 'ACTIVE',
        created: expect.any(String) as unknown,
        lastUpdated: expect.any(String) as unknown,
        assignmentType: 'CLIENT',
        'resource-set': setId,
        role: roleId,
        _links: {
          role: { href: `${o}/api/v1/iam/roles/${roleId}` },
          'resource-set': { href: `${o}/api/v1/iam/resource-sets/${setId}` },
          permissions: { href: `${o}/api/v1/iam/roles/${roleId}/permissions` },
          member: { href: `${o}/api/v1/iam/resource-sets/${setId}/bindings/${roleId}/members/${assignment!.id}` },
          assignee: { href: `${o}/oauth2/v1/clients/${c.clientId}` },
        },
      },
    ]);
    const targets = await c.call('GET', `/oauth2/v1/clients/${c.clientId}/roles/${assignment!.id}/targets/groups`);
    expect(targets.body).toEqual([]);

    const role = await c.call('GET', `/api/v1/iam/roles/${roleId}`);
    expect(role.body).toMatchObject({
      id: roleId,
      label: 'Self check',
      description: 'Self check role',
      _links: { self: { href: `${o}/api/v1/iam/roles/${roleId}` } },
    });
    expect((await c.call('GET', `/api/v1/iam/roles/${encodeURIComponent('Self check')}`)).status).toBe(200);
    const permissions = (await c.call('GET', `/api/v1/iam/roles/${roleId}/permissions`)).body as {
      permissions: Array<{ label: string; _links: unknown }>;
    };
    expect(permissions.permissions.map((p) => p.label)).toEqual(perms);
    expect(permissions.permissions[0]!._links).toEqual({
      role: { href: `${o}/api/v1/iam/roles/${roleId}` },
      self: { href: `${o}/api/v1/iam/roles/${roleId}/permissions/okta.users.read` },
    });

    expect((await c.call('GET', `/api/v1/iam/resource-sets/${setId}`)).body).toMatchObject({
      id: setId,
      label: 'Self check set',
      _links: { resources: { href: `${o}/api/v1/iam/resource-sets/${setId}/resources` } },
    });
    const resources = (await c.call('GET', `/api/v1/iam/resource-sets/${setId}/resources`)).body as {
      resources: Array<{ orn: string; _links: { self: { href: string } } }>;
      _links: Record<string, unknown>;
    };
    expect(resources.resources.map((r) => [r.orn, r._links.self.href])).toEqual([
      ['orn:okta:directory:sim:users', `${o}/api/v1/users`],
      [`orn:okta:directory:sim:groups:${A}`, `${o}/api/v1/groups/${A}`],
    ]);
    expect(resources._links).toEqual({ 'resource-set': { href: `${o}/api/v1/iam/resource-sets/${setId}` } });
    const page = (await c.call('GET', `/api/v1/iam/resource-sets/${setId}/resources?limit=1`)).body as {
      _links: { next?: { href: string } };
    };
    expect(page._links.next?.href).toMatch(/\/resources\?after=ire\w+&limit=1$/);

    expectNotFound(
      await c.call('GET', '/api/v1/iam/roles/cr0nope'),
      'Not found: Resource not found: cr0nope (CustomRole)',
    );
    expectNotFound(
      await c.call('GET', '/api/v1/iam/resource-sets/iamnope'),
      'Not found: Resource not found: iamnope (ResourceSet)',
    );
    // Reading is not changing: assigning roles stays Super-Admin-only.
    expectDenied(await c.call('POST', `/oauth2/v1/clients/${c.clientId}/roles`, { type: 'SUPER_ADMIN' }));
  });

  it('without okta.iam.read (or Super Admin) every admin read is 403 E0000006', async () => {
    const { c, roleId, setId } = await customCaller('Blind', EIGHT, ['/api/v1/users']);
    expectDenied(await c.call('GET', `/oauth2/v1/clients/${c.clientId}/roles`));
    expectDenied(await c.call('GET', `/api/v1/iam/roles/${roleId}`));
    expectDenied(await c.call('GET', `/api/v1/iam/roles/${roleId}/permissions`));
    expectDenied(await c.call('GET', `/api/v1/iam/resource-sets/${setId}`));
    expectDenied(await c.call('GET', `/api/v1/iam/resource-sets/${setId}/resources`));
    for (const roles of [['READ_ONLY_ADMIN'], ['ORG_ADMIN'], ['USER_ADMIN', 'APP_ADMIN']] as const) {
      const std = await caller(sim, { roles: [...roles] });
      expectDenied(await std.call('GET', `/oauth2/v1/clients/${std.clientId}/roles`));
    }
  });

  it('a Super Admin reads standard roles and their group and app targets', async () => {
    const target = sim.control.createServiceApp({
      roles: [
        { type: 'USER_ADMIN', targets: { groups: [A] } },
        { type: 'APP_ADMIN', targets: { apps: [X, 'bookmark'] } },
        'READ_ONLY_ADMIN',
      ],
    });
    const base = `/oauth2/v1/clients/${target.clientId}/roles`;
    const list = (await superAdmin.call('GET', base)).body as Array<Record<string, unknown>>;
    expect(list[0]).toEqual({
      id: expect.stringMatching(/^irb/) as unknown,
      label: 'Group Administrator',
      type: 'USER_ADMIN',
      status: 'ACTIVE',
      created: expect.any(String) as unknown,
      lastUpdated: expect.any(String) as unknown,
      assignmentType: 'CLIENT',
      _links: { assignee: { href: `${sim.origin}${base}` } },
    });
    const [userAdmin, appAdmin, readOnly] = list.map((r) => r.id as string);
    expect(ids(await superAdmin.call('GET', `${base}/${userAdmin}/targets/groups`))).toEqual([A]);
    expect((await superAdmin.call('GET', `${base}/${readOnly}/targets/groups`)).body).toEqual([]);
    const apps = (await superAdmin.call('GET', `${base}/${appAdmin}/targets/catalog/apps`)).body;
    expect(apps).toEqual([
      { name: 'bookmark', status: 'ACTIVE', id: X, _links: { self: { href: `${sim.origin}/api/v1/apps/${X}` } } },
      {
        name: 'bookmark',
        displayName: expect.any(String) as unknown,
        status: 'ACTIVE',
        lastUpdated: expect.any(String) as unknown,
        signOnModes: ['BOOKMARK'],
        _links: {
          logo: [{ name: 'medium', href: `${sim.origin}/assets/img/logos/bookmark.png` }],
          self: { href: `${sim.origin}/api/v1/catalog/apps/bookmark` },
        },
      },
    ]);
    expectNotFound(
      await superAdmin.call('GET', `${base}/irbnope/targets/groups`),
      'Not found: Resource not found: irbnope (Role)',
    );
  });

  it('a Super Admin assigns a custom role (409 on a duplicate) and refuses unknown roles', async () => {
    const role = sim.control.createCustomRole({ label: 'Assigned', permissions: ['okta.groups.read'] });
    const set = sim.control.createResourceSet({ label: 'Assigned set', resources: [`${sim.origin}/api/v1/groups`] });
    const target = sim.control.createServiceApp({ roles: ['READ_ONLY_ADMIN'] });
    const path = `/oauth2/v1/clients/${target.clientId}/roles`;
    const body = { type: 'CUSTOM', role: role.id, 'resource-set': set.id };
    const added = await superAdmin.call('POST', path, body);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ type: 'CUSTOM', label: 'Assigned', role: role.id, 'resource-set': set.id });
    const dup = await superAdmin.call('POST', path, body);
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({
      errorCode: 'E0000090',
      errorSummary: 'The role specified is already assigned to the user.',
    });
    const dupStd = await superAdmin.call('POST', path, { type: 'READ_ONLY_ADMIN' });
    expect(dupStd.status).toBe(409);
    expect(dupStd.body).toMatchObject({
      errorCode: 'E0000263',
      errorSummary: 'Attempted to assign a duplicate standard role assignment to an admin',
    });
    expectNotFound(
      await superAdmin.call('POST', path, { ...body, role: 'cr0nope' }),
      'Not found: Resource not found: cr0nope (CustomRole)',
    );
    const noSet = await superAdmin.call('POST', path, { type: 'CUSTOM', role: role.id });
    expect(noSet.status).toBe(400);
    expect(noSet.body).toMatchObject({ errorCode: 'E0000001' });
  });
});

describe('no admin role at all', () => {
  it('GET /api/v1/users is 200 [] while every other call is 403 E0000006', async () => {
    const none = await caller(sim, { roles: [] });
    const users = await none.call('GET', '/api/v1/users');
    expect(users.status).toBe(200);
    expect(users.body).toEqual([]);
    expect((await none.call('GET', '/api/v1/users?q=a')).body).toEqual([]);
    expectDenied(await none.call('GET', `/api/v1/users/${outsider}`));
    expectDenied(await none.call('GET', '/api/v1/groups'));
    expectDenied(await none.call('GET', '/api/v1/apps'));
    expectDenied(await none.call('PUT', `/api/v1/groups/${A}/users/${outsider}`));
    expectDenied(await none.call('POST', `/api/v1/apps/${X}/users`, { id: outsider }));
    expectDenied(await none.call('GET', `/oauth2/v1/clients/${none.clientId}/roles`));
  });

  it('a role that grants no user reads is 403 on users, not an empty list', async () => {
    const report = await caller(sim, { roles: ['REPORT_ADMIN'] });
    expectDenied(await report.call('GET', '/api/v1/users'));
  });
});

describe('groups that hold an admin role', () => {
  it('expand=stats says hasAdminPrivlege, and only a Super Admin changes their members', async () => {
    const admins = sim.control.createGroup({ name: 'Roles admins' }).id;
    sim.control.setGroupAdminRole(admins);
    const stats = (id: string) =>
      superAdmin
        .call('GET', `/api/v1/groups/${id}?expand=stats`)
        .then((r) => (r.body as { _embedded: { stats: { hasAdminPrivlege: boolean } } })._embedded.stats);
    expect((await stats(admins)).hasAdminPrivlege).toBe(true);
    expect((await stats(B)).hasAdminPrivlege).toBe(false);

    const user = newUser('admin.group');
    const org = await caller(sim, { roles: ['ORG_ADMIN'] });
    const groupAdmin = await caller(sim, { roles: ['USER_ADMIN'] });
    const custom = (await customCaller('Admin group', EIGHT, ['/api/v1/users', '/api/v1/groups'])).c;
    for (const c of [org, groupAdmin, custom])
      expectDenied(await c.call('PUT', `/api/v1/groups/${admins}/users/${user}`));
    expect(sim.control.getGroupMemberIds(admins)).toEqual([]);
    expect((await superAdmin.call('PUT', `/api/v1/groups/${admins}/users/${user}`)).status).toBe(204);
    expectDenied(await org.call('DELETE', `/api/v1/groups/${admins}/users/${user}`));
    expect((await superAdmin.call('DELETE', `/api/v1/groups/${admins}/users/${user}`)).status).toBe(204);
    // Unmarked again, an Org Admin may change it.
    sim.control.setGroupAdminRole(admins, false);
    expect((await org.call('PUT', `/api/v1/groups/${admins}/users/${user}`)).status).toBe(204);
  });

  it('the list says it too with expand=stats, for search, filter and q (what a picker reads)', async () => {
    const admins = sim.control.createGroup({ name: 'Listed admins' }).id;
    sim.control.setGroupAdminRole(admins);
    const plain = sim.control.createGroup({ name: 'Listed plain' }).id;
    type Listed = { id: string; _embedded?: { stats?: { usersCount: number; hasAdminPrivlege: boolean } } };
    const flags = async (query: string) =>
      Object.fromEntries(
        ((await superAdmin.call('GET', `/api/v1/groups?${query}`)).body as Listed[]).map((g) => [
          g.id,
          g._embedded?.stats?.hasAdminPrivlege,
        ]),
      );
    const search = encodeURIComponent('profile.name sw "Listed"');
    for (const query of [`search=${search}&expand=stats`, 'q=Listed&expand=stats']) {
      expect(await flags(query), query).toEqual({ [admins]: true, [plain]: false });
    }
    const byId = await flags(`filter=${encodeURIComponent(`id eq "${admins}"`)}&expand=stats`);
    expect(byId).toEqual({ [admins]: true });
    // Without expand there is no _embedded: the flag is unknown, not false.
    expect(await flags(`search=${search}`)).toEqual({ [admins]: undefined, [plain]: undefined });
  });
});

describe('control plane over HTTP', () => {
  const post = (path: string, body: unknown) =>
    fetch(`${sim.origin}${path}`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as Record<string, unknown>,
    }));

  it('creates a custom role and resource set, assigns them by label, and marks a group', async () => {
    const role = await post('/__sim/iam/roles', { label: 'Http role', permissions: ['okta.groups.read'] });
    expect(role.body.id).toMatch(/^cr0/);
    const set = await post('/__sim/iam/resource-sets', {
      label: 'Http set',
      resources: [`${sim.origin}/api/v1/groups/${B}`],
    });
    expect(set.body.id).toMatch(/^iam/);
    const app = await post('/__sim/service-apps', {
      roles: [{ type: 'CUSTOM', role: 'Http role', 'resource-set': 'Http set' }],
    });
    expect(app.status).toBe(200);
    const listed = (await superAdmin.call('GET', `/oauth2/v1/clients/${app.body.clientId as string}/roles`)).body;
    expect(listed).toMatchObject([{ type: 'CUSTOM', role: role.body.id, 'resource-set': set.body.id }]);
    const bad = await post('/__sim/iam/resource-sets', {
      label: 'Bad',
      resources: [`${sim.origin}/api/v1/groups/00gnope`],
    });
    expect(bad.status).toBe(400);
    const mark = await fetch(`${sim.origin}/__sim/groups/${B}/admin-role`, { method: 'PUT', body: '{}' });
    expect(mark.status).toBe(204);
    expect(
      ((await superAdmin.call('GET', `/api/v1/groups/${B}?expand=stats`)).body as { _embedded: { stats: object } })
        ._embedded.stats,
    ).toMatchObject({ hasAdminPrivlege: true });
    sim.control.setGroupAdminRole(B, false);
  });
});

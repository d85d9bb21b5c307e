import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { caller, type Caller } from './testing/fixture';

// Management API conformance from shared/okta/management-api.md (§1–§3, §6–§7) and auth-and-dpop.md §4–§5.

let sim: Simulator;
let admin: Caller;
const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'tiny' });
  admin = await caller(sim);
});
afterAll(() => sim.close());

function expectOktaError(res: { status: number; body: unknown }, status: number, code: string, summary: string) {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({
    errorCode: code,
    errorSummary: summary,
    errorLink: code,
    errorCauses: expect.any(Array) as unknown,
  });
  expect((res.body as { errorId: string }).errorId).toMatch(/^oae\w+/);
}

describe('shapes', () => {
  it('users: Okta ids, ISO dates with millis, only self link in collections, full links on get', async () => {
    const list = await admin.call('GET', '/api/v1/users?limit=1');
    const [u] = list.body as Array<Record<string, unknown>>;
    expect(u!.id).toMatch(/^00u[0-9A-Za-z]{17}$/);
    expect(u!.created).toMatch(ISO_MILLIS);
    expect(Object.keys(u!._links as object)).toEqual(['self']);
    expect(list.headers.get('x-okta-request-id')).toMatch(/^req\w+/);
    const one = await admin.call('GET', `/api/v1/users/${u!.id as string}`);
    expect(one.status).toBe(200);
    expect(Object.keys((one.body as { _links: object })._links).length).toBeGreaterThan(1);
  });

  it('gets a user by login and by unambiguous shortname', async () => {
    const user = sim.control.createUser({ login: 'sam.unique@example.com', firstName: 'Sam', lastName: 'Unique' });
    expect(((await admin.call('GET', '/api/v1/users/sam.unique%40example.com')).body as { id: string }).id).toBe(
      user.id,
    );
    expect(((await admin.call('GET', '/api/v1/users/sam.unique')).body as { id: string }).id).toBe(user.id);
  });

  it('groups carry objectClass, type and profile; apps carry signOnMode, name and label', async () => {
    const groups = (await admin.call('GET', '/api/v1/groups')).body as Array<Record<string, unknown>>;
    const everyone = groups.find((g) => g.type === 'BUILT_IN')!;
    expect(everyone).toMatchObject({ objectClass: ['okta:user_group'], profile: { name: 'Everyone' } });
    expect(everyone.id).toMatch(/^00g[0-9A-Za-z]{17}$/);
    const apps = (await admin.call('GET', '/api/v1/apps')).body as Array<Record<string, unknown>>;
    expect(apps[0]).toMatchObject({
      id: expect.stringMatching(/^0oa/) as unknown,
      signOnMode: expect.any(String) as unknown,
      label: expect.any(String) as unknown,
    });
  });
});

describe('not found (404 E0000007)', () => {
  it.each([
    ['/api/v1/users/00uNOPE', 'Not found: Resource not found: 00uNOPE (User)'],
    ['/api/v1/users/missing%40example.com', 'Not found: Resource not found: missing@example.com (User)'],
    ['/api/v1/groups/00gNOPE', 'Not found: Resource not found: 00gNOPE (UserGroup)'],
    ['/api/v1/groups/00gNOPE/users', 'Not found: Resource not found: 00gNOPE (UserGroup)'],
    ['/api/v1/apps/0oaNOPE', 'Not found: Resource not found: 0oaNOPE (AppInstance)'],
    ['/api/v1/apps/0oaNOPE/users', 'Not found: Resource not found: 0oaNOPE (AppInstance)'],
  ])('GET %s', async (path, summary) => {
    expectOktaError(await admin.call('GET', path), 404, 'E0000007', summary);
  });

  it('an unknown path is E0000008 and a wrong method E0000022', async () => {
    expectOktaError(
      await admin.call('GET', '/api/v1/nothing-here'),
      404,
      'E0000008',
      'The requested path was not found',
    );
    expectOktaError(
      await admin.call('PATCH', '/api/v1/users'),
      405,
      'E0000022',
      'The endpoint does not support the provided HTTP method',
    );
  });
});

describe('group membership', () => {
  it('PUT/DELETE member on an OKTA_GROUP: 204 with an empty body', async () => {
    const g = sim.control.createGroup({ name: 'Team Rocket' });
    const u = sim.control.createUser({ login: 'jessie@example.com' });
    const put = await admin.call('PUT', `/api/v1/groups/${g.id}/users/${u.id}`);
    expect(put.status).toBe(204);
    expect(put.body).toBeUndefined();
    expect(sim.control.getGroupMemberIds(g.id)).toEqual([u.id]);
    expect((await admin.call('DELETE', `/api/v1/groups/${g.id}/users/${u.id}`)).status).toBe(204);
    expect(sim.control.getGroupMemberIds(g.id)).toEqual([]);
  });

  it('APP_GROUP membership changes: 403 E0000006', async () => {
    const g = sim.control.createGroup({ name: 'AD-Imported', type: 'APP_GROUP' });
    const u = sim.control.createUser({ login: 'ad.user@example.com' });
    expectOktaError(
      await admin.call('PUT', `/api/v1/groups/${g.id}/users/${u.id}`),
      403,
      'E0000006',
      'You do not have permission to perform the requested action',
    );
    sim.control.addMember(g.id, u.id);
    expectOktaError(
      await admin.call('DELETE', `/api/v1/groups/${g.id}/users/${u.id}`),
      403,
      'E0000006',
      'You do not have permission to perform the requested action',
    );
  });

  it('adding to Everyone (BUILT_IN): 501 E0000060; removing: 403 E0000006', async () => {
    const u = sim.control.createUser({ login: 'everyone.test@example.com' });
    const everyone = sim.control.everyoneGroupId;
    expectOktaError(
      await admin.call('PUT', `/api/v1/groups/${everyone}/users/${u.id}`),
      501,
      'E0000060',
      'Unsupported operation.',
    );
    expectOktaError(
      await admin.call('DELETE', `/api/v1/groups/${everyone}/users/${u.id}`),
      403,
      'E0000006',
      'You do not have permission to perform the requested action',
    );
  });

  it('unknown user in a membership call: 404 (User)', async () => {
    const g = sim.control.createGroup({ name: 'Lonely' });
    expectOktaError(
      await admin.call('PUT', `/api/v1/groups/${g.id}/users/00uNOPE`),
      404,
      'E0000007',
      'Not found: Resource not found: 00uNOPE (User)',
    );
  });

  it('PUT without Content-Length is 411', async () => {
    const g = sim.control.createGroup({ name: 'Length' });
    const u = sim.control.createUser({ login: 'length@example.com' });
    // Raw socket: node:http would add Transfer-Encoding: chunked to a body-less PUT.
    const net = await import('node:net');
    const { port } = new URL(sim.origin);
    const status = await new Promise<number>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `PUT /api/v1/groups/${g.id}/users/${u.id} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${admin.token}\r\nConnection: close\r\n\r\n`,
        );
      });
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString()));
      socket.on('end', () => resolve(Number(text.split(' ')[1])));
      socket.on('error', reject);
    });
    expect(status).toBe(411);
  });
});

describe('app assignments', () => {
  it('assigns and unassigns a user directly (scope USER); 200 AppUser then 204', async () => {
    const app = sim.control.createApp({ label: 'Wiki', signOnMode: 'BOOKMARK' });
    const u = sim.control.createUser({ login: 'wiki.user@example.com' });
    const res = await admin.call('POST', `/api/v1/apps/${app.id}/users`, { id: u.id, scope: 'USER' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: u.id,
      scope: 'USER',
      status: 'ACTIVE',
      syncState: 'DISABLED',
      externalId: null,
      credentials: { userName: 'wiki.user@example.com' },
    });
    expect((await admin.call('GET', `/api/v1/apps/${app.id}/users/${u.id}`)).status).toBe(200);
    expect((await admin.call('DELETE', `/api/v1/apps/${app.id}/users/${u.id}`)).status).toBe(204);
    expect(sim.control.getAppUser(app.id, u.id)).toBeNull();
  });

  it('assigns a group (200 with priority), members become GROUP-scoped app users; unassign is 204', async () => {
    const app = sim.control.createApp({ label: 'Chat', signOnMode: 'SAML_2_0' });
    const g = sim.control.createGroup({ name: 'Chatters' });
    const u = sim.control.createUser({ login: 'chatter@example.com' });
    sim.control.addMember(g.id, u.id);
    const res = await admin.call('PUT', `/api/v1/apps/${app.id}/groups/${g.id}`, { priority: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: g.id,
      priority: 3,
      lastUpdated: expect.stringMatching(ISO_MILLIS) as unknown,
    });
    expect(((await admin.call('GET', `/api/v1/apps/${app.id}/users/${u.id}`)).body as { scope: string }).scope).toBe(
      'GROUP',
    );
    expect((await admin.call('DELETE', `/api/v1/apps/${app.id}/groups/${g.id}`)).status).toBe(204);
    expect(sim.control.getAppUser(app.id, u.id)).toBeNull();
  });

  it('refuses to unassign a user whose group grants the app: 403 E0000046 with its cause', async () => {
    const app = sim.control.createApp({ label: 'Docs', signOnMode: 'SAML_2_0' });
    const g = sim.control.createGroup({ name: 'Writers' });
    const u = sim.control.createUser({ login: 'writer@example.com' });
    sim.control.addMember(g.id, u.id);
    sim.control.assignAppToGroup(app.id, g.id);
    const res = await admin.call('DELETE', `/api/v1/apps/${app.id}/users/${u.id}`);
    expectOktaError(res, 403, 'E0000046', 'Deactivate application for user forbidden.');
    expect((res.body as { errorCauses: unknown[] }).errorCauses).toEqual([
      {
        errorSummary:
          'The application cannot be unassigned from the user while their group memberships grant them access',
      },
    ]);
  });

  it('an INACTIVE app answers 404 E0000007 (AppInstance) for get and assignments', async () => {
    const app = sim.control.createApp({ label: 'Old', signOnMode: 'BOOKMARK', status: 'INACTIVE' });
    const g = sim.control.createGroup({ name: 'Old users' });
    const summary = `Not found: Resource not found: ${app.id} (AppInstance)`;
    expectOktaError(await admin.call('GET', `/api/v1/apps/${app.id}`), 404, 'E0000007', summary);
    expectOktaError(await admin.call('PUT', `/api/v1/apps/${app.id}/groups/${g.id}`, {}), 404, 'E0000007', summary);
  });

  it('filters apps by user.id and group.id, and lists a user’s groups and appLinks', async () => {
    const app = sim.control.createApp({ label: 'Filtered', signOnMode: 'OPENID_CONNECT' });
    const g = sim.control.createGroup({ name: 'Filter group' });
    const u = sim.control.createUser({ login: 'filter.me@example.com' });
    sim.control.addMember(g.id, u.id);
    sim.control.assignAppToGroup(app.id, g.id);
    const byUser = (await admin.call('GET', `/api/v1/apps?filter=${encodeURIComponent(`user.id eq "${u.id}"`)}`))
      .body as Array<{ id: string }>;
    expect(byUser.map((a) => a.id)).toContain(app.id);
    const byGroup = (await admin.call('GET', `/api/v1/apps?filter=${encodeURIComponent(`group.id eq "${g.id}"`)}`))
      .body as Array<{ id: string }>;
    expect(byGroup.map((a) => a.id)).toEqual([app.id]);
    const groups = (await admin.call('GET', `/api/v1/users/${u.id}/groups`)).body as Array<{ id: string }>;
    expect(groups.map((x) => x.id)).toEqual(expect.arrayContaining([g.id, sim.control.everyoneGroupId]));
    const appLinks = (await admin.call('GET', `/api/v1/users/${u.id}/appLinks`)).body as Array<{
      appInstanceId: string;
      label: string;
    }>;
    expect(appLinks.find((l) => l.appInstanceId === app.id)?.label).toBe('Filtered');
  });

  it('malformed JSON is 400 E0000003; a body without id is 400 E0000001', async () => {
    const app = sim.control.createApp({ label: 'Strict', signOnMode: 'BOOKMARK' });
    const res = await fetch(`${sim.origin}/api/v1/apps/${app.id}/users`, {
      method: 'POST',
      headers: {
        Authorization: `DPoP ${admin.token}`,
        DPoP: await (
          await import('./testing/client')
        ).signProof(admin.dpop!, {
          htm: 'POST',
          htu: `${sim.origin}/api/v1/apps/${app.id}/users`,
          accessToken: admin.token,
        }),
        'Content-Type': 'application/json',
      },
      body: '{nope',
    });
    expectOktaError(
      { status: res.status, body: await res.json() },
      400,
      'E0000003',
      'The request body was not well-formed.',
    );
    const missing = await admin.call('POST', `/api/v1/apps/${app.id}/users`, { scope: 'USER' });
    expect(missing.status).toBe(400);
    expect((missing.body as { errorCode: string }).errorCode).toBe('E0000001');
  });
});

describe('authorization', () => {
  it('missing or garbage token: 401 E0000011 with an invalid_token challenge', async () => {
    const res = await fetch(`${sim.origin}/api/v1/users`, { headers: { Authorization: 'Bearer garbage' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expectOktaError({ status: res.status, body: await res.json() }, 401, 'E0000011', 'Invalid token provided');
  });

  it('a token without the operation’s scope: 403, insufficient_scope challenge naming the required scope', async () => {
    const reader = await caller(sim, { scopes: ['okta.users.read'], dpop: false });
    const res = await reader.call('GET', '/api/v1/groups/00g123');
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toBe(
      `Bearer authorization_uri="${sim.origin}/oauth2/v1/authorize", realm="${sim.origin}", scope="okta.groups.read", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="/api/v1/groups/00g123"`,
    );
  });

  it('deactivating the client app invalidates its unexpired tokens', async () => {
    const temp = await caller(sim, { roles: ['READ_ONLY_ADMIN'] });
    expect((await temp.call('GET', '/api/v1/groups')).status).toBe(200);
    sim.control.setAppStatus(temp.clientId, 'INACTIVE');
    const res = await temp.call('GET', '/api/v1/groups');
    expect(res.status).toBe(401);
    expect((res.body as { errorCode: string }).errorCode).toBe('E0000011');
  });

  it('an admin role removed after the token was issued is enforced immediately', async () => {
    const temp = await caller(sim, { roles: [] });
    const { id } = sim.control.assignRole(temp.clientId, { type: 'READ_ONLY_ADMIN' });
    expect((await temp.call('GET', '/api/v1/groups?limit=1')).status).toBe(200);
    sim.control.removeRole(temp.clientId, id);
    expect((await temp.call('GET', '/api/v1/groups?limit=1')).status).toBe(403);
  });

  it('manage scopes include read', async () => {
    const manager = await caller(sim, { scopes: ['okta.groups.manage'] });
    expect((await manager.call('GET', '/api/v1/groups')).status).toBe(200);
  });

  it('scope without an admin role: 403 E0000006 (users: see roles.test.ts)', async () => {
    const roleless = await caller(sim, { roles: [] });
    expectOktaError(
      await roleless.call('GET', '/api/v1/groups'),
      403,
      'E0000006',
      'You do not have permission to perform the requested action',
    );
  });

  it('APP_ADMIN can assign apps but not change group memberships', async () => {
    const appAdmin = await caller(sim, { roles: ['APP_ADMIN'] });
    const app = sim.control.createApp({ label: 'AppAdmin target', signOnMode: 'BOOKMARK' });
    const g = sim.control.createGroup({ name: 'AppAdmin group' });
    const u = sim.control.createUser({ login: 'appadmin.target@example.com' });
    expect((await appAdmin.call('POST', `/api/v1/apps/${app.id}/users`, { id: u.id })).status).toBe(200);
    expectOktaError(
      await appAdmin.call('PUT', `/api/v1/groups/${g.id}/users/${u.id}`),
      403,
      'E0000006',
      'You do not have permission to perform the requested action',
    );
  });

  it('USER_ADMIN can change memberships but not read apps; group targets limit which groups', async () => {
    const target = sim.control.createGroup({ name: 'Targeted' });
    const home = sim.control.createGroup({ name: 'Targeted home' });
    const other = sim.control.createGroup({ name: 'Not targeted' });
    const u = sim.control.createUser({ login: 'targeted.user@example.com' });
    sim.control.addMember(home.id, u.id);
    const groupAdmin = await caller(sim, {
      roles: [{ type: 'USER_ADMIN', targets: { groups: [target.id, home.id] } }],
    });
    expect((await groupAdmin.call('PUT', `/api/v1/groups/${target.id}/users/${u.id}`)).status).toBe(204);
    expectOktaError(
      await groupAdmin.call('PUT', `/api/v1/groups/${other.id}/users/${u.id}`),
      403,
      'E0000006',
      'You do not have permission to perform the requested action',
    );
    expectOktaError(
      await groupAdmin.call('GET', '/api/v1/apps'),
      403,
      'E0000006',
      'You do not have permission to perform the requested action',
    );
    const visible = (await groupAdmin.call('GET', '/api/v1/groups')).body as Array<{ id: string }>;
    expect(visible.map((g) => g.id)).toEqual([target.id, home.id]);
  });

  it('APP_ADMIN targeted to one app: other apps are 403 E0000006 and hidden from lists', async () => {
    const mine = sim.control.createApp({ label: 'Mine', signOnMode: 'BOOKMARK' });
    const theirs = sim.control.createApp({ label: 'Theirs', signOnMode: 'BOOKMARK' });
    const appAdmin = await caller(sim, { roles: [{ type: 'APP_ADMIN', targets: { apps: [mine.id] } }] });
    expect((await appAdmin.call('GET', `/api/v1/apps/${mine.id}`)).status).toBe(200);
    expect((await appAdmin.call('GET', `/api/v1/apps/${theirs.id}`)).status).toBe(403);
    expect(((await appAdmin.call('GET', '/api/v1/apps')).body as Array<{ id: string }>).map((a) => a.id)).toEqual([
      mine.id,
    ]);
  });

  it('/oauth2/v1/clients/{id}/roles: a Super Admin lists, assigns and removes roles', async () => {
    const target = sim.control.createServiceApp({ roles: ['READ_ONLY_ADMIN'] });
    const list = await admin.call('GET', `/oauth2/v1/clients/${target.clientId}/roles`);
    expect(list.body).toMatchObject([
      { type: 'READ_ONLY_ADMIN', status: 'ACTIVE', assignmentType: 'CLIENT', label: 'Read Only Administrator' },
    ]);
    const added = await admin.call('POST', `/oauth2/v1/clients/${target.clientId}/roles`, { type: 'USER_ADMIN' });
    expect(added.body).toMatchObject({
      type: 'USER_ADMIN',
      label: 'Group Administrator',
      _links: { assignee: { href: `${sim.origin}/oauth2/v1/clients/${target.clientId}/roles` } },
    });
    expect(
      (await admin.call('DELETE', `/oauth2/v1/clients/${target.clientId}/roles/${(added.body as { id: string }).id}`))
        .status,
    ).toBe(204);
    const groupAdmin = await caller(sim, { roles: ['USER_ADMIN'] });
    expectOktaError(
      await groupAdmin.call('GET', `/oauth2/v1/clients/${groupAdmin.clientId}/roles`),
      403,
      'E0000006',
      'You do not have permission to perform the requested action',
    );
  });
});

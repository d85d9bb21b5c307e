import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { caller, links, type Caller } from './testing/fixture';

// List filters, expansions and role-scoped lists (management-api.md §1–§3), plus a few assignment refusals.

let sim: Simulator;
let admin: Caller;
const enc = encodeURIComponent;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  admin = await caller(sim, { dpop: false });
});
afterAll(() => sim.close());

const ids = (body: unknown) => (body as Array<{ id: string }>).map((x) => x.id);

describe('groups', () => {
  it('filter type eq "APP_GROUP" returns only APP_GROUPs, each with a source link on get', async () => {
    const res = await admin.call('GET', `/api/v1/groups?filter=${enc('type eq "APP_GROUP"')}`);
    const groups = res.body as Array<{ id: string; type: string }>;
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.every((g) => g.type === 'APP_GROUP')).toBe(true);
    const one = await admin.call('GET', `/api/v1/groups/${groups[0]!.id}?expand=app`);
    expect((one.body as { _links: { source: { href: string } } })._links.source.href).toMatch(/\/api\/v1\/apps\/0oa/);
    expect((one.body as { _embedded: { app: { signOnMode: string } } })._embedded.app.signOnMode).toBeTruthy();
  });

  it('filter on a non-filterable property is E0000031; search on it works', async () => {
    expect((await admin.call('GET', `/api/v1/groups?filter=${enc('profile.name eq "Engineering"')}`)).status).toBe(400);
    const res = await admin.call('GET', `/api/v1/groups?search=${enc('profile.name eq "engineering"')}`);
    expect((res.body as Array<{ profile: { name: string } }>).map((g) => g.profile.name)).toEqual(['Engineering']);
  });

  it('q puts the exact name match first', async () => {
    sim.control.createGroup({ name: 'Sales Ops' });
    const res = await admin.call('GET', '/api/v1/groups?q=sales');
    const names = (res.body as Array<{ profile: { name: string } }>).map((g) => g.profile.name);
    expect(names[0]).toBe('Sales');
    expect(names).toContain('Sales Ops');
    expect(names.every((n) => n.toLowerCase().startsWith('sales'))).toBe(true);
  });

  it('lists a group’s apps', async () => {
    const app = sim.control.createApp({ label: 'Group apps', signOnMode: 'SAML_2_0' });
    const g = sim.control.createGroup({ name: 'Group with app' });
    sim.control.assignAppToGroup(app.id, g.id);
    expect(ids((await admin.call('GET', `/api/v1/groups/${g.id}/apps`)).body)).toEqual([app.id]);
  });
});

describe('users', () => {
  it('filter lastUpdated gt and status eq combine with and/or', async () => {
    const res = await admin.call(
      'GET',
      `/api/v1/users?filter=${enc('lastUpdated gt "2023-01-01T00:00:00.000Z" and (status eq "ACTIVE" or status eq "SUSPENDED")')}`,
    );
    const users = res.body as Array<{ status: string; lastUpdated: string }>;
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((u) => ['ACTIVE', 'SUSPENDED'].includes(u.status) && u.lastUpdated > '2023-01-01')).toBe(true);
  });

  it('filter profile.login eq is case-sensitive; search is not', async () => {
    sim.control.createUser({ login: 'Case.Person@example.com', firstName: 'Case', lastName: 'Person' });
    expect(
      (await admin.call('GET', `/api/v1/users?filter=${enc('profile.login eq "case.person@example.com"')}`)).body,
    ).toEqual([]);
    expect(
      (
        (await admin.call('GET', `/api/v1/users?search=${enc('profile.login eq "case.person@example.com"')}`))
          .body as unknown[]
      ).length,
    ).toBe(1);
  });

  it('without a query DEPROVISIONED users are left out; filter status eq "DEPROVISIONED" finds them', async () => {
    const gone = sim.control.createUser({ login: 'gone@example.com' }, 'DEPROVISIONED');
    const all: string[] = [];
    let url: string | undefined = '/api/v1/users';
    while (url) {
      const res = await admin.call('GET', url);
      all.push(...ids(res.body));
      url = links(res.headers).next;
    }
    expect(all).not.toContain(gone.id);
    expect(
      ids((await admin.call('GET', `/api/v1/users?filter=${enc('status eq "DEPROVISIONED"')}&limit=200`)).body),
    ).toContain(gone.id);
  });

  it('a group-targeted USER_ADMIN lists only members of its groups', async () => {
    const g = sim.control.createGroup({ name: 'Scoped members' });
    const a = sim.control.createUser({ login: 'scoped.a@example.com' });
    const b = sim.control.createUser({ login: 'scoped.b@example.com' });
    sim.control.addMember(g.id, a.id);
    sim.control.addMember(g.id, b.id);
    const scoped = await caller(sim, { roles: [{ type: 'USER_ADMIN', targets: { groups: [g.id] } }], dpop: false });
    expect(ids((await scoped.call('GET', '/api/v1/users')).body)).toEqual([a.id, b.id]);
    const outsider = sim.control.listIds('users')[0]!;
    expect((await scoped.call('GET', `/api/v1/users/${outsider}`)).status).toBe(403);
  });
});

describe('apps', () => {
  it('expand=user/{id} with filter user.id embeds the AppUser', async () => {
    const app = sim.control.createApp({ label: 'Embed', signOnMode: 'BOOKMARK' });
    const u = sim.control.createUser({ login: 'embed@example.com' });
    sim.control.assignAppToUser(app.id, u.id);
    const res = await admin.call(
      'GET',
      `/api/v1/apps?filter=${enc(`user.id eq "${u.id}"`)}&expand=${enc(`user/${u.id}`)}`,
    );
    const mine = (res.body as Array<{ id: string; _embedded?: { user: { id: string; scope: string } } }>).find(
      (a) => a.id === app.id,
    )!;
    expect(mine._embedded?.user).toMatchObject({ id: u.id, scope: 'USER' });
  });

  it('app users q matches userName/first/last/email; app groups expand=group embeds the group', async () => {
    const app = sim.control.createApp({ label: 'Searchable', signOnMode: 'BOOKMARK' });
    const u = sim.control.createUser({ login: 'zed.zebra@example.com', firstName: 'Zed', lastName: 'Zebra' });
    const g = sim.control.createGroup({ name: 'Zebras' });
    sim.control.assignAppToUser(app.id, u.id);
    sim.control.assignAppToGroup(app.id, g.id);
    expect(ids((await admin.call('GET', `/api/v1/apps/${app.id}/users?q=zeb`)).body)).toEqual([u.id]);
    const groups = (await admin.call('GET', `/api/v1/apps/${app.id}/groups?expand=group`)).body as Array<{
      _embedded: { group: { profile: { name: string } } };
    }>;
    expect(groups[0]!._embedded.group.profile.name).toBe('Zebras');
  });

  it('appLinks leave out INACTIVE apps', async () => {
    const active = sim.control.createApp({ label: 'Visible', signOnMode: 'BOOKMARK' });
    const inactive = sim.control.createApp({ label: 'Hidden', signOnMode: 'BOOKMARK', status: 'INACTIVE' });
    const u = sim.control.createUser({ login: 'links@example.com' });
    sim.control.assignAppToUser(active.id, u.id);
    sim.control.assignAppToUser(inactive.id, u.id);
    const appIds = (await admin.call('GET', `/api/v1/users/${u.id}/appLinks`)).body as Array<{ appInstanceId: string }>;
    // The seed's first app is assigned to Everyone, so it shows up too.
    expect(appIds.map((l) => l.appInstanceId)).toContain(active.id);
    expect(appIds.map((l) => l.appInstanceId)).not.toContain(inactive.id);
  });

  it('refuses to assign a DEPROVISIONED user (E0000117) and a password on an SSO app (E0000041)', async () => {
    const app = sim.control.createApp({ label: 'SSO only', signOnMode: 'SAML_2_0' });
    const gone = sim.control.createUser({ login: 'gone2@example.com' }, 'DEPROVISIONED');
    const res = await admin.call('POST', `/api/v1/apps/${app.id}/users`, { id: gone.id });
    expect(res.body).toMatchObject({
      errorCode: 'E0000117',
      errorSummary: 'Cannot assign apps or update app profiles for an inactive user.',
    });
    expect(res.status).toBe(403);
    const u = sim.control.createUser({ login: 'pw@example.com' });
    const pw = await admin.call('POST', `/api/v1/apps/${app.id}/users`, {
      id: u.id,
      credentials: { userName: 'pw', password: { value: 'x' } },
    });
    expect(pw.status).toBe(400);
    expect(pw.body).toMatchObject({
      errorCode: 'E0000041',
      errorCauses: [{ errorSummary: 'User level credentials should not be provided for this scheme.' }],
    });
  });

  it('unassigning a user who has no assignment is 404 (AppUser)', async () => {
    const app = sim.control.createApp({ label: 'Empty', signOnMode: 'BOOKMARK' });
    const u = sim.control.createUser({ login: 'never@example.com' });
    const res = await admin.call('DELETE', `/api/v1/apps/${app.id}/users/${u.id}`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ errorSummary: `Not found: Resource not found: ${u.id} (AppUser)` });
  });
});

import type { SessionUser } from '@/lib/auth/current-user';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ListResult } from './directory';
import type { Paged } from './page-trail';

// The directory's list pages against our database, lib/okta and the simulator's org in-process: 50 a page with
// Okta's cursors, Previous through the sealed trail, counts only where Okta gives them, Okta's reason on failure;
// and what the user and group pages read besides (how each app is granted, the group rules' cautions).
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});
const who = vi.hoisted(() => ({
  user: {
    id: 'usr_viewer0000000000000',
    email: 'vera@example.com',
    name: 'Vera',
    role: 'viewer',
  } satisfies SessionUser,
}));
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: () => Promise.resolve(who.user) }));

const { startSimulator } = await import('@/sim/okta');
const { simIntegration } = await import('@/lib/integrations/test-support/sim-integration');
const { listDirectory, appView, groupView, userView } = await import('./directory');

type Sim = Awaited<ReturnType<typeof startSimulator>>;
let sim: Sim;
let org: string;
let appId: string;
let groupId: string;

/** The rows of a list that did not fail (the test fails with the message otherwise). */
function ok<T>(list: ListResult<T>): Paged<T> {
  if ('failed' in list) throw new Error(`list failed: ${list.message}`);
  return list;
}
async function people(q: string, page?: string) {
  const r = await listDirectory(org, 'users', q, page);
  if (r.kind !== 'users') throw new Error(r.kind);
  return r.list;
}
async function groups(q: string, page?: string) {
  const r = await listDirectory(org, 'groups', q, page);
  if (r.kind !== 'groups') throw new Error(r.kind);
  return r.list;
}
async function apps(q: string, page?: string) {
  const r = await listDirectory(org, 'apps', q, page);
  if (r.kind !== 'apps') throw new Error(r.kind);
  return r.list;
}
const oktaCalls = (template: string) => sim.control.stats().requests[template] ?? 0;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty' });
  org = await simIntegration(sim, {
    name: 'Paging org',
    scopes: ['okta.users.read', 'okta.groups.read', 'okta.apps.read'],
  });
  const c = sim.control;
  appId = c.createApp({ label: 'Paged wiki', signOnMode: 'BOOKMARK' }).id;
  groupId = c.createGroup({ name: 'Paged group' }).id;
  for (let i = 0; i < 120; i++) {
    const n = String(i).padStart(3, '0');
    const u = c.createUser({
      login: `person${n}@example.com`,
      email: `person${n}@example.com`,
      firstName: i < 7 ? 'Zed' : `First${n}`,
      lastName: `Last${n}`,
    });
    if (i % 2 === 0) c.assignAppToUser(appId, u.id);
    if (i < 3) c.addMember(groupId, u.id);
  }
  c.assignAppToGroup(c.createApp({ label: 'Group app', signOnMode: 'BOOKMARK' }).id, groupId);
});
afterEach(() => sim.control.clearFaults());
afterAll(() => sim?.close());

describe('People', () => {
  it('pages 50 at a time with Okta’s cursors; Previous goes back to the same rows', async () => {
    const first = ok(await people(''));
    expect(first.items).toHaveLength(50);
    expect(first).toMatchObject({ from: 1 });
    expect(first.previous).toBeUndefined();
    const p2 = ok(await people('', first.next));
    expect(p2).toMatchObject({ from: 51, previous: null });
    const seen = new Set(first.items.map((u) => u.login));
    expect(p2.items.some((u) => seen.has(u.login))).toBe(false);
    const p3 = ok(await people('', p2.next));
    // Okta gives no total for people: the last page is known only by the missing `next`.
    expect(p3).toMatchObject({ from: 101 });
    expect(p3.items).toHaveLength(sim.control.listIds('users').length - 100);
    expect(p3.next).toBeUndefined();
    const back = ok(await people('', p3.previous!));
    expect(back.items.map((u) => u.login)).toEqual(p2.items.map((u) => u.login));
  });

  it('a search is its own list: paged with Okta’s `search`, and a cursor of another search is refused', async () => {
    const zed = ok(await people('Zed', undefined));
    expect(zed.items.map((u) => u.firstName)).toEqual(Array(7).fill('Zed'));
    const all = ok(await people('', undefined));
    const before = oktaCalls('GET /api/v1/users');
    expect(await people('Zed', all.next)).toMatchObject({ failed: true, reason: 'invalid_page' });
    expect(oktaCalls('GET /api/v1/users')).toBe(before);
  });

  it('a cursor Okta never gave is invalid input, not a call to Okta', async () => {
    const before = oktaCalls('GET /api/v1/users');
    for (const page of ['bm90IG91cnM.AAAAAAAAAAAAAAAAAAAAAA', 'x.y']) {
      expect(await people('', page)).toMatchObject({
        failed: true,
        reason: 'invalid_page',
        message: expect.stringMatching(/Start again from the first page/) as string,
      });
    }
    expect(oktaCalls('GET /api/v1/users')).toBe(before);
  });

  it('Okta’s failure comes back as its reason with the request id, in place of the rows', async () => {
    sim.control.faults({ status: 403, pathPrefix: '/api/v1/users', count: 1 });
    const r = await people('');
    expect(r).toMatchObject({ failed: true, reason: 'okta', requestId: expect.stringMatching(/^req/) as string });
    expect('failed' in r && r.message).toMatch(/admin roles/);
  });
});

describe('Groups and Applications', () => {
  it('groups carry Okta’s member and app counts (expand=stats)', async () => {
    const g = ok(await groups('Paged', undefined));
    expect(g.items).toEqual([expect.objectContaining({ name: 'Paged group', usersCount: 3, appsCount: 1 })]);
  });

  it('applications page with Okta’s cursors too', async () => {
    for (let i = 0; i < 55; i++) sim.control.createApp({ label: `Bulk app ${i}`, signOnMode: 'BOOKMARK' });
    const a1 = ok(await apps('', undefined));
    expect(a1.items).toHaveLength(50);
    const a2 = ok(await apps('', a1.next));
    expect(a2.from).toBe(51);
    expect(a2.items.length).toBe(sim.control.listIds('apps').length - 50); // the 57 and the service app
    expect(a2.next).toBeUndefined();
    // A People cursor is no Applications cursor.
    const firstPeople = ok(await people('', undefined));
    expect(await apps('', firstPeople.next)).toMatchObject({ reason: 'invalid_page' });
  });
});

describe('an app’s assigned users and a group’s members', () => {
  it('show name and login, filter with Okta’s q, and page', async () => {
    const view = (await appView(org, appId, { q: '' }))!;
    const p1 = ok(view.users);
    expect(p1.items).toHaveLength(50);
    expect(p1.items[0]).toMatchObject({
      scope: 'USER',
      user: { login: expect.stringMatching(/^person\d{3}@/) as string },
    });
    expect(p1.items[0]?.user?.lastName).toMatch(/^Last\d{3}$/);
    const p2 = ok((await appView(org, appId, { q: '', page: p1.next }))!.users);
    expect(p2).toMatchObject({ from: 51 });
    expect(p2.items).toHaveLength(10);
    expect(p2.next).toBeUndefined();
    const zed = ok((await appView(org, appId, { q: 'Zed' }))!.users);
    expect(zed.items.map((u) => u.user?.login)).toEqual([
      'person000@example.com',
      'person002@example.com',
      'person004@example.com',
      'person006@example.com',
    ]);
    // The filter is part of the list: an unfiltered cursor does not page the filtered list.
    expect((await appView(org, appId, { q: 'Zed', page: p1.next }))!.users).toMatchObject({ reason: 'invalid_page' });
  });

  it('a group’s members page through the same sealed trail, bound to that group', async () => {
    const everyone = sim.control.everyoneGroupId;
    const m1 = ok((await groupView(org, everyone))!.members);
    expect(m1.items).toHaveLength(50);
    const m2 = ok((await groupView(org, everyone, m1.next))!.members);
    expect(m2.from).toBe(51);
    expect((await groupView(org, groupId, m1.next))!.members).toMatchObject({ reason: 'invalid_page' });
  });
});

describe('a user’s and a group’s page', () => {
  it('an app held directly and through a group says both: Direct, and the groups it also comes through', async () => {
    const c = sim.control;
    const user = c.createUser({ login: 'both.ways@example.com', firstName: 'Both', lastName: 'Ways' });
    const team = c.createGroup({ name: 'Both team' }).id;
    c.addMember(team, user.id);
    const both = c.createApp({ label: 'Both-ways app', signOnMode: 'BOOKMARK' }).id;
    const mine = c.createApp({ label: 'Only-direct app', signOnMode: 'BOOKMARK' }).id;
    const theirs = c.createApp({ label: 'Only-group app', signOnMode: 'BOOKMARK' }).id;
    c.assignAppToGroup(both, team);
    c.assignAppToUser(both, user.id);
    c.assignAppToUser(mine, user.id);
    c.assignAppToGroup(theirs, team);
    const apps = (await userView(org, user.id))!.apps;
    const grant = (appId: string) => {
      const a = apps.find((x) => x.appId === appId)!;
      return { direct: a.direct, via: a.viaGroups.map((g) => g.name) };
    };
    expect(grant(both)).toEqual({ direct: true, via: ['Both team'] });
    expect(grant(mine)).toEqual({ direct: true, via: [] });
    expect(grant(theirs)).toEqual({ direct: false, via: ['Both team'] });
  });

  it('group rules are read from Okta once for a minute of user and group pages, per integration', async () => {
    // The minute itself is ttl-cache's (ttl-cache.test.ts); here: the pages share the read, integrations do not.
    const rules = () => oktaCalls('GET /api/v1/groups/rules');
    const before = rules();
    await groupView(org, groupId);
    await userView(org, sim.control.listIds('users')[0]!);
    await groupView(org, groupId);
    expect(rules()).toBeLessThanOrEqual(before + 1);
    const other = await simIntegration(sim, { name: 'Second org' });
    const seen = rules();
    await groupView(other, groupId);
    await groupView(other, groupId);
    expect(rules()).toBe(seen + 1);
  });
});

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { caller, links, type Caller } from './testing/fixture';

// Pagination as in core-okta-api "Pagination" and the per-endpoint limits of management-api.md §4.

let sim: Simulator;
let c: Caller;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'small' });
  c = await caller(sim, { dpop: false });
});
afterAll(() => sim.close());

async function walk(first: string): Promise<{ ids: string[]; pages: number; selfs: string[] }> {
  const ids: string[] = [];
  const selfs: string[] = [];
  let url: string | undefined = first;
  let pages = 0;
  while (url) {
    const res = await c.call('GET', url);
    expect(res.status).toBe(200);
    const l = links(res.headers);
    expect(l.self).toBeDefined();
    selfs.push(l.self!);
    ids.push(...(res.body as Array<{ id: string }>).map((x) => x.id));
    url = l.next;
    pages++;
  }
  return { ids, pages, selfs };
}

describe('cursor walks', () => {
  it('walks all non-deprovisioned users with limit=37: no duplicates, no gaps, last page has no next', async () => {
    const { ids, pages } = await walk('/api/v1/users?limit=37');
    const expected = sim.control.listIds('users').filter((id) => sim.control.getUserStatus(id) !== 'DEPROVISIONED');
    expect(expected.length).toBeGreaterThan(1500);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 37));
  });

  it('walks the Everyone group members (thousands) with the default limit and with limit=200', async () => {
    const everyone = sim.control.everyoneGroupId;
    const all = sim.control.getGroupMemberIds(everyone);
    expect(all.length).toBe(2000);
    const byDefault = await walk(`/api/v1/groups/${everyone}/users`);
    expect(byDefault.pages).toBe(2);
    expect(byDefault.selfs[0]).toBe(`${sim.origin}/api/v1/groups/${everyone}/users?limit=1000`);
    const small = await walk(`/api/v1/groups/${everyone}/users?limit=200`);
    expect(small.ids).toEqual(all);
    expect(small.pages).toBe(10);
  });

  it('walks app users of an org-wide app with limit=500 (max) and keeps filter params in next links', async () => {
    const appId = sim.control.listIds('apps')[0]!;
    const { ids } = await walk(`/api/v1/apps/${appId}/users?limit=500`);
    expect(new Set(ids).size).toBe(2000);
    const filtered = await walk(`/api/v1/users?limit=50&filter=${encodeURIComponent('status eq "SUSPENDED"')}`);
    expect(filtered.ids.length).toBeGreaterThan(0);
    expect(filtered.ids.every((id) => sim.control.getUserStatus(id) === 'SUSPENDED')).toBe(true);
  });

  it('sends one Link header line per rel', async () => {
    const raw = await new Promise<string[]>((resolve, reject) => {
      const req = request(`${sim.origin}/api/v1/users?limit=5`, { headers: { Authorization: `Bearer ${c.token}` } });
      req.on('response', (res) => {
        res.resume();
        resolve(
          res.rawHeaders
            .filter((_, i) => i % 2 === 0 && res.rawHeaders[i]!.toLowerCase() === 'link')
            .map((_, i) => String(i)),
        );
      });
      req.on('error', reject);
      req.end();
    });
    expect(raw).toHaveLength(2);
  });
});

describe('limits', () => {
  it('users: default 200, capped at 200', async () => {
    const def = await c.call('GET', '/api/v1/users');
    expect((def.body as unknown[]).length).toBe(200);
    const big = await c.call('GET', '/api/v1/users?limit=1000');
    expect((big.body as unknown[]).length).toBe(200);
    expect(links(big.headers).self).toBe(`${sim.origin}/api/v1/users?limit=200`);
  });

  it('users q: default 10, startsWith, no next link (not pageable)', async () => {
    const res = await c.call('GET', '/api/v1/users?q=a');
    const body = res.body as Array<{ profile: { firstName: string; lastName: string; email: string } }>;
    expect(body.length).toBe(10);
    expect(
      body.every((u) =>
        [u.profile.firstName, u.profile.lastName, u.profile.email].some((v) => v.toLowerCase().startsWith('a')),
      ),
    ).toBe(true);
    expect(links(res.headers).next).toBeUndefined();
  });

  it('groups: self link echoes limit=10000 by default; q is not pageable', async () => {
    const res = await c.call('GET', '/api/v1/groups');
    expect(links(res.headers).self).toBe(`${sim.origin}/api/v1/groups?limit=10000`);
    expect(links(res.headers).next).toBeUndefined();
    const q = await c.call('GET', '/api/v1/groups?q=Eng&limit=1');
    expect((q.body as unknown[]).length).toBe(1);
    expect(links(q.headers).next).toBeUndefined();
  });

  it('apps: default 20 with a next link; app groups minimum 20', async () => {
    const res = await c.call('GET', '/api/v1/apps');
    expect((res.body as unknown[]).length).toBe(20);
    expect(links(res.headers).next).toContain('after=');
    const appId = sim.control.listIds('apps')[1]!;
    const groups = await c.call('GET', `/api/v1/apps/${appId}/groups?limit=1`);
    expect(links(groups.headers).self).toContain('limit=20');
  });

  it('app users: default 50', async () => {
    const appId = sim.control.listIds('apps')[0]!;
    expect(((await c.call('GET', `/api/v1/apps/${appId}/users`)).body as unknown[]).length).toBe(50);
  });
});

describe('filter and search', () => {
  it('filter supports only the documented attributes and operators (else 400 E0000031)', async () => {
    const bad = await c.call('GET', `/api/v1/users?filter=${encodeURIComponent('profile.department eq "IT"')}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errorCode: 'E0000031', errorSummary: 'Invalid search criteria.' });
    const sw = await c.call('GET', `/api/v1/users?filter=${encodeURIComponent('profile.login sw "a"')}`);
    expect(sw.status).toBe(400);
  });

  it('search supports any profile attribute, case-insensitive values, and co on the name fields', async () => {
    const res = await c.call(
      'GET',
      `/api/v1/users?search=${encodeURIComponent('profile.department eq "engineering" and status eq "ACTIVE"')}`,
    );
    const users = res.body as Array<{ status: string; profile: { department: string } }>;
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((u) => u.profile.department === 'Engineering' && u.status === 'ACTIVE')).toBe(true);
    expect(
      (await c.call('GET', `/api/v1/users?search=${encodeURIComponent('profile.department co "ngin"')}`)).status,
    ).toBe(400);
  });

  it('apps filter: a single eq expression only', async () => {
    const inactive = (await c.call('GET', `/api/v1/apps?filter=${encodeURIComponent('status eq "INACTIVE"')}`))
      .body as Array<{ status: string }>;
    expect(inactive.length).toBeGreaterThan(0);
    expect(inactive.every((a) => a.status === 'INACTIVE')).toBe(true);
    expect(
      (await c.call('GET', `/api/v1/apps?filter=${encodeURIComponent('status eq "ACTIVE" and name eq "slack"')}`))
        .status,
    ).toBe(400);
  });

  it('search with sortBy/sortOrder pages in property order, ties by id, with no duplicates', async () => {
    const q = (order: string) =>
      `/api/v1/users?search=${encodeURIComponent('status eq "ACTIVE"')}&sortBy=profile.lastName&sortOrder=${order}&limit=90`;
    const asc = await walk(q('asc'));
    const names = await Promise.all(
      asc.ids
        .slice(0, 200)
        .map(async (id) =>
          (
            (await c.call('GET', `/api/v1/users/${id}`)).body as { profile: { lastName: string } }
          ).profile.lastName.toLowerCase(),
        ),
    );
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(new Set(asc.ids).size).toBe(asc.ids.length);
    expect(asc.ids.length).toBe(
      sim.control.listIds('users').filter((id) => sim.control.getUserStatus(id) === 'ACTIVE').length,
    );
    const desc = await walk(q('desc'));
    expect(desc.ids.length).toBe(asc.ids.length);
    expect(desc.ids[0]).not.toBe(asc.ids[0]);
  });

  it('groups expand=stats fills _embedded.stats.usersCount', async () => {
    const res = await c.call('GET', `/api/v1/groups/${sim.control.everyoneGroupId}?expand=stats`);
    expect((res.body as { _embedded: { stats: { usersCount: number } } })._embedded.stats.usersCount).toBe(2000);
  });
});

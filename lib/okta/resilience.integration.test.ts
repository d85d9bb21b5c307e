import { WORKFORCE_LIMITS, type Simulator } from '@/sim/okta';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOktaClient } from './client';
import { serviceApp, simOptions, startSim } from './test-support/sim-harness';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSim({ seed: 'small' });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.control.clearFaults();
  sim.control.setRateLimits(false);
});

const stats = () => sim.control.stats();
const mutations = (op: string) => stats().mutations[op] ?? 0;
let n = 0;
const uniq = (p: string) => `${p}${Date.now().toString(36)}${n++}`;
function newUsers(count: number): string[] {
  return Array.from({ length: count }, () => {
    const login = `${uniq('res')}@example.com`;
    return sim.control.createUser({ login, email: login, firstName: 'R', lastName: 'S' }).id;
  });
}
/** Runs `fn` over items with at most `width` in flight, like a bulk job would. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
    }),
  );
}

describe('tokens and DPoP against the simulator', () => {
  it('concurrent first callers share one token fetch; later calls reuse it (auto → DPoP with nonce)', async () => {
    const creds = await serviceApp(sim, { dpopRequired: true });
    const okta = createOktaClient(creds, simOptions(sim));
    const before = stats();
    await Promise.all(Array.from({ length: 30 }, () => okta.users.search({}, { maxItems: 1 })));
    for (let i = 0; i < 10; i++) await okta.groups.search({}, { maxItems: 1 });
    const after = stats();
    // proof-less request → "header is missing"; proof without nonce → use_dpop_nonce; then the token.
    expect(after.tokenRequests - before.tokenRequests).toBe(3);
    expect(after.tokensIssued - before.tokensIssued).toBe(1);
    expect(await okta.tokenInfo()).toMatchObject({ dpop: true, switchedToDpop: true });
  });

  it('dpop mode needs one nonce round trip; bearer apps need a single request', async () => {
    const dpop = createOktaClient(await serviceApp(sim, { dpopRequired: true, authMode: 'dpop' }), simOptions(sim));
    const bearer = createOktaClient(await serviceApp(sim, { authMode: 'bearer' }), simOptions(sim));
    const before = stats().tokenRequests;
    await dpop.users.search({}, { maxItems: 1 });
    expect(stats().tokenRequests - before).toBe(2);
    await bearer.users.search({}, { maxItems: 1 });
    expect(stats().tokenRequests - before).toBe(3);
  });

  it('a fresh proof on every call and every retry: replay protection never trips', async () => {
    const okta = createOktaClient(await serviceApp(sim, { dpopRequired: true, authMode: 'dpop' }), simOptions(sim));
    sim.control.faults({ status: 503, ratio: 0.2, pathPrefix: '/api/v1/users' });
    const results = await Promise.all(Array.from({ length: 40 }, () => okta.users.search({}, { maxItems: 2 })));
    expect(results.every((r) => r.items.length === 2)).toBe(true);
    expect(stats().faultsInjected).toBeGreaterThan(0);
  });
});

describe('pagination over thousands of items', () => {
  it('walks a 2,000-member group and the whole user list exactly once each', async () => {
    const okta = createOktaClient(await serviceApp(sim), simOptions(sim));
    const group = sim.control.createGroup({ name: uniq('Everyone copy ') });
    const all = sim.control.listIds('users');
    for (const id of all.slice(0, 2000)) sim.control.addMember(group.id, id);
    const seen: string[] = [];
    for await (const u of okta.groups.members(group.id)) seen.push(u.id);
    expect(seen).toHaveLength(2000);
    expect(new Set(seen)).toEqual(new Set(sim.control.getGroupMemberIds(group.id)));
    const before = stats().requests['GET /api/v1/groups/:groupId/users'] ?? 0;
    for await (const _ of okta.groups.members(group.id, { pageSize: 500 })) void _;
    expect((stats().requests['GET /api/v1/groups/:groupId/users'] ?? 0) - before).toBe(4);

    // Okta leaves DEPROVISIONED users out of a query-less list; a filter finds them.
    const users: string[] = [];
    for await (const u of okta.users.list()) users.push(u.id);
    const gone: string[] = [];
    for await (const u of okta.users.list({ filter: 'status eq "DEPROVISIONED"' })) gone.push(u.id);
    expect(users.length).toBeGreaterThan(1900);
    expect(new Set([...users, ...gone])).toEqual(new Set(sim.control.listIds('users')));
    expect(users.length + gone.length).toBe(sim.control.listIds('users').length);
  }, 60_000);
});

describe('retries and rate limits: no lost and no doubled operation', () => {
  it('recovers from injected 429s and stays under tight rate limits', async () => {
    const okta = createOktaClient(await serviceApp(sim), simOptions(sim));
    const group = sim.control.createGroup({ name: uniq('Paced ') });
    const ids = newUsers(60);
    sim.control.setRateLimits({ windowMs: 1000, buckets: { ...WORKFORCE_LIMITS.buckets, groups: 30, userGet: 30 } });
    sim.control.faults({ rateLimit: true, count: 5, pathPrefix: '/api/v1/groups' });
    const before = { put: mutations('assignUserToGroup'), limited: stats().rateLimited };
    await pool(ids, 10, (id) => okta.groups.addMember(group.id, id));
    expect(mutations('assignUserToGroup') - before.put).toBe(60);
    expect(new Set(sim.control.getGroupMemberIds(group.id))).toEqual(new Set(ids));
    expect(stats().rateLimited - before.limited).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('paces bulk reads from X-Rate-Limit-* so that a tight limit is never hit', async () => {
    const okta = createOktaClient(await serviceApp(sim), simOptions(sim));
    const ids = newUsers(25);
    const group = sim.control.createGroup({ name: uniq('Paced reads ') });
    const buckets = Object.fromEntries(
      Object.keys(WORKFORCE_LIMITS.buckets).map((b) => [b, 40]),
    ) as typeof WORKFORCE_LIMITS.buckets;
    sim.control.setRateLimits({ windowMs: 3000, buckets });
    const before = stats().rateLimited;
    await pool([...ids, ...ids, ...ids, ...ids], 8, (id) => okta.groups.isMember(id, group.id));
    expect(stats().rateLimited - before).toBe(0);
  }, 60_000);

  it('stays within what Okta says is left when another client spends the same bucket, and spends all of it', async () => {
    const ours = createOktaClient(await serviceApp(sim), simOptions(sim));
    const theirs = createOktaClient(await serviceApp(sim), { ...simOptions(sim), rateLimitPacing: false });
    const ids = newUsers(60);
    const group = sim.control.createGroup({ name: uniq('Shared bucket ') });
    sim.control.setRateLimits({ windowMs: 3000, buckets: { ...WORKFORCE_LIMITS.buckets, groups: 40 } });
    const before = { limited: stats().rateLimited, put: mutations('assignUserToGroup') };
    // Another tool of the org takes 25 of the window's 40 group calls first; ours then adds 60 members.
    await pool(
      Array.from({ length: 25 }, (_, i) => i),
      5,
      () => theirs.groups.search({}, { maxItems: 1 }),
    );
    await pool(ids, 16, (id) => ours.groups.addMember(group.id, id, { precheck: false }));
    expect(stats().rateLimited - before.limited).toBe(0);
    expect(mutations('assignUserToGroup') - before.put).toBe(60);
    // Ours took exactly the 15 calls the other client left in that window: none held back, none over.
    const [first] = sim.control.rateLimitWindows().filter((w) => w.bucket === 'groups');
    expect(first).toMatchObject({ requests: 40, accepted: 40 });
  }, 60_000);

  it('retries 5xx and dropped connections; POST assignments are checked before being resent', async () => {
    const okta = createOktaClient(await serviceApp(sim), simOptions(sim));
    const app = sim.control.createApp({ label: uniq('Flaky '), signOnMode: 'BOOKMARK' });
    const ids = newUsers(40);
    // Okta's real /api/v1/apps/* ceiling (100/min) would make the pacer spread 80+ calls over a minute.
    sim.control.setRateLimits({ windowMs: 60_000, buckets: { ...WORKFORCE_LIMITS.buckets, apps: 10_000 } });
    // Transient faults: each request (method, URL, body) fails at most once per kind, so every assignment is
    // within lib/okta's retry budget however the 40 concurrent callers interleave. A bare ratio is counted in
    // arrival order; on a loaded machine the callers queue round-robin behind the concurrency cap and one
    // caller's every retry could land on the ratio's slot (seen: a GET failed 4 times in a row, 503 escaped).
    sim.control.faults([
      { status: 503, ratio: 0.15, maxPerRequest: 1, pathPrefix: `/api/v1/apps/${app.id}/users` },
      { drop: true, ratio: 0.1, maxPerRequest: 1, method: 'POST', pathPrefix: `/api/v1/apps/${app.id}/users` },
    ]);
    const before = {
      mutations: mutations('assignUserToApplication'),
      posts: stats().requests['POST /api/v1/apps/:appId/users'] ?? 0,
      faults: stats().faultsInjected,
    };
    const outcomes = await Promise.all(ids.map((id) => okta.apps.assignUser(app.id, id)));
    expect(outcomes.every((o) => o.outcome === 'assigned' || o.outcome === 'already_assigned')).toBe(true);
    expect(ids.every((id) => sim.control.getAppUser(app.id, id)?.scope === 'USER')).toBe(true);
    expect(mutations('assignUserToApplication') - before.mutations).toBe(40);
    // Some POSTs failed and were sent again (after a check), yet none landed twice.
    expect((stats().requests['POST /api/v1/apps/:appId/users'] ?? 0) - before.posts).toBeGreaterThan(40);
    expect(stats().faultsInjected - before.faults).toBeGreaterThan(0);
  }, 60_000);
});

describe('hardest settings: DPoP required, tight rate limits, 10% 5xx', () => {
  it('core operations complete with the right end state and exact mutation counts', async () => {
    const okta = createOktaClient(await serviceApp(sim, { dpopRequired: true }), simOptions(sim));
    const group = sim.control.createGroup({ name: uniq('Hard ') });
    const app = sim.control.createApp({ label: uniq('Hard app '), signOnMode: 'BOOKMARK' });
    const ids = newUsers(30);
    sim.control.setRateLimits({
      windowMs: 1000,
      buckets: { ...WORKFORCE_LIMITS.buckets, groups: 20, userGet: 20, apps: 20, appById: 20, users: 20, token: 5 },
    });
    sim.control.faults({ status: 500, ratio: 0.1 });
    const before = {
      add: mutations('assignUserToGroup'),
      del: mutations('unassignUserFromGroup'),
      app: mutations('assignUserToApplication'),
      grp: mutations('assignGroupToApplication'),
    };

    await pool(ids, 8, async (id) => {
      expect((await okta.groups.addMember(group.id, id)).outcome).toBe('added');
      expect(await okta.groups.isMember(id, group.id)).toBe(true);
      expect((await okta.apps.assignUser(app.id, id)).outcome).toBe('assigned');
    });
    await pool(ids.slice(0, 10), 8, async (id) => {
      expect((await okta.groups.removeMember(group.id, id)).outcome).toBe('removed');
    });
    expect((await okta.apps.assignGroup(app.id, group.id, { priority: 0 })).outcome).toBe('assigned');

    expect(new Set(sim.control.getGroupMemberIds(group.id))).toEqual(new Set(ids.slice(10)));
    expect(ids.every((id) => sim.control.getAppUser(app.id, id) !== null)).toBe(true);
    expect(sim.control.getAppGroupIds(app.id)).toEqual([group.id]);
    expect(mutations('assignUserToGroup') - before.add).toBe(30);
    expect(mutations('unassignUserFromGroup') - before.del).toBe(10);
    expect(mutations('assignUserToApplication') - before.app).toBe(30);
    expect(mutations('assignGroupToApplication') - before.grp).toBe(1);
    expect(stats().faultsInjected).toBeGreaterThan(0);
  }, 120_000);
});

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { caller, type Caller } from './testing/fixture';

// Rate limits (management-api.md §5), injected faults and the control plane's counters.

let sim: Simulator;
let c: Caller;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'tiny' });
  c = await caller(sim, { dpop: false });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.control.clearFaults();
  sim.control.setRateLimits(false);
});

describe('rate limits', () => {
  it('sends X-Rate-Limit-* and X-Okta-Request-Id on every response, even with enforcement off', async () => {
    const res = await c.call('GET', '/api/v1/users');
    expect(res.headers.get('x-rate-limit-limit')).toBe('600');
    expect(Number(res.headers.get('x-rate-limit-remaining'))).toBeLessThan(600);
    expect(Number(res.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(res.headers.get('x-okta-request-id')).toMatch(/^req/);
    const byId = await c.call('GET', '/api/v1/users/00uNOPE');
    expect(byId.headers.get('x-rate-limit-limit')).toBe('2000');
    const apps = await c.call('GET', '/api/v1/apps');
    expect(apps.headers.get('x-rate-limit-limit')).toBe('100');
  });

  it('answers 429 E0000047 with a Date header once a bucket is exhausted; other buckets still work', async () => {
    sim.control.setRateLimits({ buckets: { users: 3 } });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<Caller['call']>> | undefined;
    for (let i = 0; i < 5; i++) {
      last = await c.call('GET', '/api/v1/users');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last!.body).toMatchObject({
      errorCode: 'E0000047',
      errorSummary: 'API call exceeded rate limit due to too many requests.',
    });
    expect(last!.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(last!.headers.get('date')).toBeTruthy();
    expect((await c.call('GET', '/api/v1/groups')).status).toBe(200);
    expect(sim.control.stats().rateLimited).toBeGreaterThanOrEqual(2);
  });

  it('a new window starts after windowMs', async () => {
    sim.control.setRateLimits({ buckets: { users: 1 }, windowMs: 3000 });
    expect((await c.call('GET', '/api/v1/users')).status).toBe(200);
    expect((await c.call('GET', '/api/v1/users')).status).toBe(429);
    await new Promise((r) => setTimeout(r, 3100));
    expect((await c.call('GET', '/api/v1/users')).status).toBe(200);
  });

  it('keeps a record of each window: its start, limit, requests counted and let through', async () => {
    sim.control.setRateLimits({ buckets: { users: 2 }, windowMs: 60_000 });
    const before = Date.now();
    for (let i = 0; i < 3; i++) await c.call('GET', '/api/v1/users');
    await c.call('GET', '/api/v1/groups');
    const windows = sim.control.rateLimitWindows();
    expect(windows.find((w) => w.bucket === 'users')).toMatchObject({ limit: 2, requests: 3, accepted: 2 });
    expect(windows.find((w) => w.bucket === 'groups')).toMatchObject({ limit: 500, requests: 1, accepted: 1 });
    expect(windows.every((w) => w.start >= before && w.windowMs === 60_000)).toBe(true);
    sim.control.setRateLimits(false);
    expect(sim.control.rateLimitWindows()).toEqual([]);
  });

  it('enforces the concurrency limit with limit/remaining 0', async () => {
    sim.control.setRateLimits(true, 2);
    sim.control.faults({ latencyMs: 500, pathPrefix: '/api/v1/groups' });
    const results = await Promise.all(Array.from({ length: 5 }, () => c.call('GET', '/api/v1/groups')));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.headers.get('x-rate-limit-limit')).toBe('0');
    expect(limited[0]!.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(sim.control.stats().peakConcurrency).toBeGreaterThanOrEqual(3);
    sim.control.setRateLimits(false, 75);
  });
});

describe('faults', () => {
  it('injects a 5xx for the next N calls on a path prefix only', async () => {
    sim.control.faults({ status: 503, count: 2, pathPrefix: '/api/v1/groups' });
    expect((await c.call('GET', '/api/v1/users')).status).toBe(200);
    expect((await c.call('GET', '/api/v1/groups')).status).toBe(503);
    expect((await c.call('GET', '/api/v1/groups')).status).toBe(503);
    expect((await c.call('GET', '/api/v1/groups')).status).toBe(200);
  });

  it('injects 429s for a ratio of calls', async () => {
    sim.control.faults({ rateLimit: true, ratio: 0.5, method: 'GET' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await c.call('GET', '/api/v1/users')).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });

  it('maxPerRequest: a ratio never hits the same request more than N times, and skipped calls do not count', async () => {
    sim.control.faults({ status: 503, ratio: 1, maxPerRequest: 2, method: 'GET' });
    const statuses = async (path: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await c.call('GET', path)).status);
      return out;
    };
    expect(await statuses('/api/v1/users', 4)).toEqual([503, 503, 200, 200]);
    // Another request (URL) has its own allowance; the query is part of the request.
    expect(await statuses('/api/v1/users?limit=1', 3)).toEqual([503, 503, 200]);
    expect(await statuses('/api/v1/groups', 3)).toEqual([503, 503, 200]);
  });

  it('hold: requests wait unanswered until released; clearFaults lets them go too', async () => {
    sim.control.faults({ hold: true, pathPrefix: '/api/v1/groups' });
    const answered: number[] = [];
    const calls = [c.call('GET', '/api/v1/groups'), c.call('GET', '/api/v1/groups')].map((p) =>
      p.then((r) => answered.push(r.status)),
    );
    await vi.waitFor(() => expect(sim.control.heldCount()).toBe(2), { timeout: 20_000 });
    expect((await c.call('GET', '/api/v1/users')).status).toBe(200);
    expect(answered).toEqual([]);
    // The same over the control plane.
    expect(await (await fetch(`${sim.origin}/__sim/faults/held`)).json()).toEqual({ count: 2 });
    expect((await fetch(`${sim.origin}/__sim/faults/release`, { method: 'POST' })).ok).toBe(true);
    await Promise.all(calls);
    expect(answered).toEqual([200, 200]);
    const later = c.call('GET', '/api/v1/groups');
    await vi.waitFor(() => expect(sim.control.heldCount()).toBe(1), { timeout: 20_000 });
    sim.control.clearFaults();
    expect((await later).status).toBe(200);
    expect(sim.control.heldCount()).toBe(0);
  });

  it('drops the connection', async () => {
    sim.control.faults({ drop: true, count: 1 });
    await expect(c.call('GET', '/api/v1/users')).rejects.toThrow();
    expect((await c.call('GET', '/api/v1/users')).status).toBe(200);
  });
});

describe('control plane over HTTP and stats', () => {
  it('exposes the same operations under /__sim and counts mutations per operation', async () => {
    const post = (path: string, body: unknown, method = 'POST') =>
      fetch(`${sim.origin}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => ({
        status: r.status,
        body: r.status === 204 ? undefined : ((await r.json()) as Record<string, unknown>),
      }));
    const user = await post('/__sim/users', {
      profile: { login: 'ctl.user@example.com', firstName: 'Ctl', lastName: 'User' },
    });
    const group = await post('/__sim/groups', { name: 'Ctl group' });
    expect(user.status).toBe(200);
    const before = sim.control.stats().mutations.assignUserToGroup ?? 0;
    expect(
      (await c.call('PUT', `/api/v1/groups/${group.body!.id as string}/users/${user.body!.id as string}`)).status,
    ).toBe(204);
    expect(
      (await c.call('PUT', `/api/v1/groups/${group.body!.id as string}/users/${user.body!.id as string}`)).status,
    ).toBe(204);
    const stats = (await (await fetch(`${sim.origin}/__sim/stats`)).json()) as {
      mutations: Record<string, number>;
      requests: Record<string, number>;
    };
    expect(stats.mutations.assignUserToGroup).toBe(before + 2);
    expect(stats.requests['PUT /api/v1/groups/:groupId/users/:userId']).toBeGreaterThanOrEqual(2);
    const app = await post('/__sim/service-apps', { scopes: ['okta.users.read'], dpopRequired: false });
    const key = await post(`/__sim/service-apps/${app.body!.clientId as string}/keys`, {});
    expect(key.body!.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('reset() restores the seed: same ids, created entities gone', async () => {
    sim.control.createUser({ login: 'temp@example.com' });
    await sim.control.reset();
    const fresh = await startSimulator({ seed: 'tiny' });
    expect(sim.control.listIds('users')).toEqual(fresh.control.listIds('users'));
    expect(sim.control.listIds('users')).toHaveLength(12);
    await fresh.close();
    c = await caller(sim, { dpop: false });
  });

  it('seeds are deterministic across simulators', async () => {
    const other = await startSimulator({ seed: 'tiny' });
    expect(other.control.listIds('users')).toEqual(sim.control.listIds('users'));
    expect(other.control.listIds('groups')).toEqual(sim.control.listIds('groups'));
    await other.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { caller, links, type Caller } from './testing/fixture';

// The 'huge' seed (100k users, 2k groups, 300 apps): pages deep in a list must cost O(page), which is
// checked through the simulator's own scan counter rather than with timings.

let sim: Simulator;
let c: Caller;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'huge' });
  c = await caller(sim, { dpop: false });
}, 120_000);
afterAll(() => sim.close());

function scanned(): number {
  return sim.control.stats().itemsScanned;
}

describe('huge org', () => {
  it('has the advertised size', () => {
    expect(sim.control.listIds('users')).toHaveLength(100_000);
    expect(sim.control.listIds('groups')).toHaveLength(2_000);
    expect(sim.control.listIds('apps')).toHaveLength(301); // + the test's service app
  });

  it('serves a page near the end of 100k users by scanning about one page', async () => {
    const all = sim.control.listIds('users');
    const cursor = all[99_000]!;
    const before = scanned();
    const res = await c.call('GET', `/api/v1/users?after=${cursor}&limit=200`);
    const ids = (res.body as Array<{ id: string }>).map((u) => u.id);
    const expected = all
      .slice(99_001)
      .filter((id) => sim.control.getUserStatus(id) !== 'DEPROVISIONED')
      .slice(0, 200);
    expect(ids).toEqual(expected);
    expect(scanned() - before).toBeLessThan(2 * 200 + 2);
    expect(links(res.headers).next).toContain(`after=${ids[ids.length - 1]}`);
  });

  it('serves a deep page of the Everyone group (100k members) by scanning one page', async () => {
    const members = sim.control.getGroupMemberIds(sim.control.everyoneGroupId);
    expect(members).toHaveLength(100_000);
    const before = scanned();
    const res = await c.call(
      'GET',
      `/api/v1/groups/${sim.control.everyoneGroupId}/users?after=${members[98_500]!}&limit=1000`,
    );
    expect((res.body as Array<{ id: string }>).map((u) => u.id)).toEqual(members.slice(98_501, 99_501));
    expect(scanned() - before).toBe(1001);
  });

  it('walks all 301 apps in two pages of 200', async () => {
    const first = await c.call('GET', '/api/v1/apps?limit=200');
    const next = links(first.headers).next!;
    const second = await c.call('GET', next);
    expect((first.body as unknown[]).length + (second.body as unknown[]).length).toBe(301);
    expect(links(second.headers).next).toBeUndefined();
  });
});

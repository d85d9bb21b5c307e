import { createOktaClient, type OktaClient } from '@/lib/okta';
import { serviceApp, simOptions } from '@/lib/okta/test-support/sim-harness';
import type { Simulator } from '@/sim/okta';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEntries, type Entry } from './parse';
import { alreadyInState, resolveEntries, resolveTarget, searchBatches } from './resolve';
import { makeUsers, startSim } from './test-support/harness';

// Entries → users and "already in the target state" against the simulator through lib/okta.
let sim: Simulator;
let okta: OktaClient;

beforeAll(async () => {
  sim = await startSim();
  okta = createOktaClient(await serviceApp(sim), simOptions(sim));
});
afterAll(() => sim?.close());

const entries = (text: string): Entry[] => {
  const r = parseEntries(text);
  if (!r.ok) throw new Error(r.error);
  return r.entries;
};
const requests = (key: string) => sim.control.stats().requests[key] ?? 0;

describe('searchBatches', () => {
  it('packs `or` clauses into searches that fit the URL budget, covering every entry once, in order', () => {
    const list = entries(Array.from({ length: 500 }, (_, i) => `someone.with.a.long.name.${i}@example.com`).join('\n'));
    const batches = searchBatches(list);
    expect(batches.length).toBeGreaterThan(10);
    expect(batches.flatMap((b) => b.entries)).toEqual(list);
    for (const b of batches) expect(encodeURIComponent(b.search).length).toBeLessThanOrEqual(3_500);
    expect(batches[0]!.search).toMatch(
      /^profile\.login eq "someone\.with\.a\.long\.name\.0@example\.com" or profile\.email eq "someone/,
    );
  });
});

describe('resolveEntries', () => {
  it('finds by login, email and id; reports not found, ambiguous emails and the same user twice', async () => {
    const [a, b, c] = makeUsers(sim, 'res.', 3);
    const byEmail = sim.control.createUser({
      login: 'res.login.only',
      email: 'res.mail@example.com',
      firstName: 'Mail',
      lastName: 'Only',
    });
    sim.control.createUser({
      login: 'res.twin1@example.com',
      email: 'res.twin@example.com',
      firstName: 'T',
      lastName: '1',
    });
    sim.control.createUser({
      login: 'res.twin2@example.com',
      email: 'res.twin@example.com',
      firstName: 'T',
      lastName: '2',
    });
    const quoted = sim.control.createUser({
      login: 'o"brien\\x@example.com',
      email: 'ob@example.com',
      firstName: 'O',
      lastName: 'B',
    });
    const text = [
      a!.login.toUpperCase(),
      'res.mail@example.com',
      b!.id,
      'res.twin@example.com',
      'ghost@example.com',
      '00u00000000000000000',
      c!.login,
      c!.id,
      'o"brien\\x@example.com',
    ].join('\n');
    const { found, unresolved } = await resolveEntries(okta, entries(text));
    expect(found.map((f) => [f.entry.line, f.user.id])).toEqual([
      [1, a!.id],
      [2, byEmail.id],
      [3, b!.id],
      [7, c!.id],
      [9, quoted.id],
    ]);
    expect(unresolved.map((u) => [u.line, u.reason])).toEqual([
      [4, 'ambiguous'],
      [5, 'not_found'],
      [6, 'not_found'],
      [8, 'duplicate'],
    ]);
    expect(unresolved[0]!.candidates).toHaveLength(2);
    expect(unresolved[3]!.message).toBe(`Same user as line 7 (${c!.login}).`);
  });

  it('one odd line never fails the preview: quotes, markup, slashes, percent signs, spaces and non-ASCII', async () => {
    const logins = ['josé.müller@examplé.com', 'slash/name@example.com', 'fifty%25@example.com', '中文@example.com'];
    const odd = logins.map((login, i) =>
      sim.control.createUser({ login, email: `odd${i}@example.com`, firstName: 'O', lastName: `${i}` }),
    );
    const text = [
      ...logins,
      'two words@example.com',
      '<script>alert(1)</script>',
      'a"b\\c@example.com',
      '%00%2F..%2F',
      '../../api/v1/users',
      'nobodyé@example.com',
    ].join('\n');
    const parsed = parseEntries(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.unresolved.map((u) => [u.line, u.reason])).toEqual([[5, 'invalid']]);
    const { found, unresolved } = await resolveEntries(okta, parsed.entries);
    expect(found.map((f) => f.user.id)).toEqual(odd.map((u) => u.id));
    expect(unresolved.map((u) => [u.line, u.reason])).toEqual([
      [6, 'not_found'],
      [7, 'not_found'],
      [8, 'not_found'],
      [9, 'not_found'],
      [10, 'not_found'],
    ]);
  });

  it('asks Okta once per batch, not once per entry', async () => {
    const users = makeUsers(sim, 'res.batch', 120);
    const searchesBefore = requests('GET /api/v1/users');
    const getsBefore = requests('GET /api/v1/users/:id');
    const { found } = await resolveEntries(okta, entries(users.map((u, i) => (i % 2 ? u.id : u.login)).join('\n')));
    expect(found).toHaveLength(120);
    const searches = requests('GET /api/v1/users') - searchesBefore;
    expect(searches).toBeGreaterThan(0);
    expect(searches).toBeLessThanOrEqual(Math.ceil(120 / 20));
    expect(requests('GET /api/v1/users/:id') - getsBefore).toBe(0);
  });
});

describe('resolveTarget and alreadyInState', () => {
  it('reads a small group’s member list once rather than each user’s groups', async () => {
    const users = makeUsers(sim, 'res.small', 10);
    const group = sim.control.createGroup({ name: 'Small' }).id;
    for (const u of users.slice(0, 4)) sim.control.addMember(group, u.id);
    const before = {
      list: requests('GET /api/v1/groups/:groupId/users'),
      per: requests('GET /api/v1/users/:id/groups'),
    };
    const add = await alreadyInState(
      okta,
      'group.add_member',
      group,
      users.map((u) => u.id),
    );
    expect([...add].sort()).toEqual(
      users
        .slice(0, 4)
        .map((u) => u.id)
        .sort(),
    );
    const remove = await alreadyInState(
      okta,
      'group.remove_member',
      group,
      users.map((u) => u.id),
    );
    expect([...remove].sort()).toEqual(
      users
        .slice(4)
        .map((u) => u.id)
        .sort(),
    );
    expect(requests('GET /api/v1/groups/:groupId/users') - before.list).toBe(2);
    expect(requests('GET /api/v1/users/:id/groups') - before.per).toBe(0);
  });

  it('reads each user’s groups when the group is much larger than the list', async () => {
    const members = makeUsers(sim, 'res.big', 450);
    const group = sim.control.createGroup({ name: 'Big' }).id;
    for (const u of members) sim.control.addMember(group, u.id);
    const [outsider] = makeUsers(sim, 'res.out', 1);
    const before = requests('GET /api/v1/users/:id/groups');
    const state = await alreadyInState(okta, 'group.add_member', group, [members[7]!.id, outsider!.id]);
    expect([...state]).toEqual([members[7]!.id]);
    expect(requests('GET /api/v1/users/:id/groups') - before).toBe(2);
  });

  it('apps: direct assignments are "already assigned"; group-granted users still need a direct one', async () => {
    const [direct, viaGroup, none] = makeUsers(sim, 'res.app', 3);
    const app = sim.control.createApp({ label: 'Res app', signOnMode: 'BOOKMARK' }).id;
    const group = sim.control.createGroup({ name: 'Res app group' }).id;
    sim.control.addMember(group, viaGroup!.id);
    sim.control.assignAppToGroup(app, group);
    sim.control.assignAppToUser(app, direct!.id);
    const ids = [direct!.id, viaGroup!.id, none!.id];
    expect([...(await alreadyInState(okta, 'app.assign_user', app, ids))]).toEqual([direct!.id]);
    expect([...(await alreadyInState(okta, 'app.unassign_user', app, ids))]).toEqual([none!.id]);
  });

  it('refuses what Okta would refuse for every row', async () => {
    expect(await resolveTarget(okta, 'group.add_member', sim.control.everyoneGroupId)).toMatchObject({
      ok: false,
      reason: 'refused',
    });
    expect(await resolveTarget(okta, 'group.add_member', '00g00000000000000000')).toMatchObject({
      ok: false,
      reason: 'not_found',
    });
    const app = sim.control.createApp({ label: 'Res active', signOnMode: 'BOOKMARK' }).id;
    expect(await resolveTarget(okta, 'app.assign_user', app)).toEqual({ ok: true, id: app, label: 'Res active' });
  });
});

import { LIMITS_OUT_OF_REACH, type Simulator } from '@/sim/okta';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOktaClient, type OktaClient } from './client';
import { madeByClient, type OktaAccessChange } from './log-events';
import { RecentIds, type StreamEnd } from './system-log';
import { serviceApp, simOptions, startSim } from './test-support/sim-harness';
import { DEFAULT_SCOPES } from './types';

// The System Log reader against sim/okta: history pages per object, the polling stream's paging rules (follow
// `next` as given, drop repeats, stop when caught up) under a burst of events arriving during the read, and the
// link from an event to the write that caused it.

const SCOPES = [...DEFAULT_SCOPES, 'okta.logs.read'];
let sim: Simulator;
let okta: OktaClient;
let clientId: string;
let seq = 0;

beforeAll(async () => {
  sim = await startSim();
  // Okta's System Log bucket is small (120 a minute at most) and the client paces itself to it; these tests
  // are about paging, so the bucket is set out of reach except where a test sets its own.
  sim.control.setRateLimits(LIMITS_OUT_OF_REACH.config, LIMITS_OUT_OF_REACH.concurrencyLimit);
  const creds = await serviceApp(sim, { scopes: SCOPES });
  clientId = creds.clientId;
  okta = createOktaClient({ ...creds, scopes: SCOPES }, simOptions(sim));
});
afterAll(() => sim.close());

const newUser = () =>
  sim.control.createUser({ login: `hist.${++seq}@example.com`, firstName: 'Hist', lastName: `${seq}` }).id;
const newGroup = () => sim.control.createGroup({ name: `History ${++seq}` }).id;
const until = () => new Date(Date.now() + 1_000);

async function allPages(targetIds: string[], pageSize = 2): Promise<OktaAccessChange[]> {
  const out: OktaAccessChange[] = [];
  let next: string | undefined;
  do {
    const page = await okta.logs.accessPage({ targetIds, until: until() }, { pageSize, next });
    out.push(...page.items);
    next = page.next;
  } while (next);
  return out;
}

describe('history of one object, newest first', () => {
  it("a group's membership changes: who, what, and the request id of the console's own write", async () => {
    const [a, b] = [newUser(), newUser()];
    const groupId = newGroup();
    const added = await okta.groups.addMember(groupId, a);
    sim.control.addMember(groupId, b); // elsewhere: the Admin Console
    const removed = await okta.groups.removeMember(groupId, a);
    const history = await allPages([groupId]);
    expect(history.map((c) => [c.what, c.user?.id])).toEqual([
      ['removed', a],
      ['added', b],
      ['added', a],
    ]);
    expect(history.map((c) => madeByClient(c, clientId))).toEqual([true, false, true]);
    expect(history[0]!.requestId).toBe(removed.requestId);
    expect(history[2]!.requestId).toBe(added.requestId);
    expect(history[1]).toMatchObject({ group: { id: groupId }, actor: { type: 'User', name: 'Okta Admin' } });
    expect(history[1]!.clientId).toBeUndefined();
  });

  it("a user's app assignments: direct, through a group (via group), and a group rule's membership (via rule)", async () => {
    const userId = sim.control.createUser({ login: `hist.${++seq}@example.com`, department: `Hist${seq}` }).id;
    const app = sim.control.createApp({ label: `History app ${seq}`, signOnMode: 'BOOKMARK' }).id;
    const viaGroupApp = sim.control.createApp({ label: `History group app ${seq}`, signOnMode: 'BOOKMARK' }).id;
    const groupId = newGroup();
    await okta.apps.assignUser(app, userId);
    await okta.apps.assignGroup(viaGroupApp, groupId);
    const { id: ruleId } = sim.control.createGroupRule({
      name: `History rule ${seq}`,
      expression: `user.department=="Hist${seq - 1}"`,
      groupIds: [groupId],
      activate: true,
    });
    const history = await allPages([userId], 3);
    const apps = history.filter((c) => c.app && [app, viaGroupApp].includes(c.app.id));
    expect(apps.map((c) => [c.what, c.app?.id, c.via])).toEqual([
      ['assigned', viaGroupApp, 'group'],
      ['assigned', app, undefined],
    ]);
    const ruled = history.find((c) => c.group?.id === groupId)!;
    expect(ruled).toMatchObject({ what: 'added', via: 'rule', ruleId, actor: { type: 'SystemPrincipal' } });
    expect(ruled.requestId).toBeUndefined(); // a JOB is nobody's request
  });

  it("an app's history, with `keep` reading on until a page holds what the caller shows", async () => {
    const appId = sim.control.createApp({ label: `History kept ${++seq}`, signOnMode: 'BOOKMARK' }).id;
    const users = [newUser(), newUser(), newUser(), newUser()];
    for (const u of users) await okta.apps.assignUser(appId, u);
    sim.control.assignAppToUser(appId, newUser());
    const page = await okta.logs.accessPage(
      { targetIds: [appId], until: until() },
      { pageSize: 1, keep: (c) => !madeByClient(c, clientId), maxCalls: 10 },
    );
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.actor.type).toBe('User');
    const own = await okta.logs.accessPage({ targetIds: [appId], until: until() }, { pageSize: 1, maxCalls: 10 });
    expect(madeByClient(own.items[0]!, clientId)).toBe(false);
  });
});

describe('polling stream', () => {
  async function drain(stream: AsyncGenerator<OktaAccessChange, StreamEnd>, into: OktaAccessChange[]) {
    for (;;) {
      const r = await stream.next();
      if (r.done) return r.value;
      into.push(r.value);
    }
  }

  it('no gap and no repeat across a burst of 2,000 events arriving during the read (with retried 500s)', async () => {
    const groupId = newGroup();
    const users = Array.from({ length: 20 }, () => newUser());
    const since = new Date(Date.now() - 1_000);
    const faultsBefore = sim.control.stats().faultsInjected;
    sim.control.faults({ status: 500, ratio: 0.2, maxPerRequest: 1, method: 'GET', pathPrefix: '/api/v1/logs' });
    const expected: string[] = [];
    const seen: OktaAccessChange[] = [];
    let burstDone = false;
    // The burst writes 50 events, then waits until the reader has consumed most of what exists: so pages are
    // read while events keep arriving, whatever the machine's speed (a condition, not a sleep).
    const waitFor = async (ok: () => boolean) => {
      while (!ok()) await new Promise((r) => setImmediate(r));
    };
    const burst = (async () => {
      const member = new Set<string>();
      for (let i = 0; i < 2_000; i++) {
        const u = users[i % users.length]!;
        if (member.delete(u)) sim.control.removeMember(groupId, u);
        else {
          member.add(u);
          sim.control.addMember(groupId, u);
        }
        expected.push(`${member.has(u) ? 'added' : 'removed'}:${u}`);
        if (i % 50 === 49) await waitFor(() => seen.length >= i - 60);
      }
      burstDone = true;
    })();
    let end: StreamEnd = { complete: false };
    let reads = 0;
    for (;;) {
      const before = seen.length;
      const stream = okta.logs.accessStream(end.next ? { resume: end.next } : { targetIds: [groupId], since }, {
        pageSize: 30,
      });
      end = await drain(stream, seen);
      reads++;
      if (burstDone && seen.length === before) break;
      await new Promise((r) => setImmediate(r));
    }
    await burst;
    sim.control.clearFaults();
    expect(sim.control.stats().faultsInjected).toBeGreaterThan(faultsBefore);
    expect(seen.map((c) => `${c.what}:${c.user!.id}`)).toEqual(expected);
    expect(new Set(seen.map((c) => c.uuid)).size).toBe(2_000);
    expect(reads).toBeGreaterThan(1);
    expect(end).toMatchObject({ complete: true });
    expect(end.next).toMatch(/\/api\/v1\/logs\?.*after=/);
  });

  it('resumes from a stored cursor without rebuilding it, and drops a replayed page by uuid', async () => {
    const groupId = newGroup();
    const userId = newUser();
    sim.control.addMember(groupId, userId);
    const first: OktaAccessChange[] = [];
    const end = await drain(
      okta.logs.accessStream({ targetIds: [groupId], since: new Date(Date.now() - 1_000) }),
      first,
    );
    expect(first.map((c) => c.what)).toEqual(['added']);
    sim.control.removeMember(groupId, userId);
    const later: OktaAccessChange[] = [];
    await drain(okta.logs.accessStream({ resume: end.next }), later);
    expect(later.map((c) => c.what)).toEqual(['removed']);
    await expect(okta.logs.accessStream({ resume: '/api/v1/users?after=x' }).next()).rejects.toMatchObject({
      kind: 'config_invalid',
    });
  });

  it('keeps only a bounded window of uuids', () => {
    const ids = new RecentIds(3);
    expect(['a', 'b', 'c', 'a'].map((id) => ids.add(id))).toEqual([true, true, true, false]);
    ids.add('d'); // 'a' leaves the window
    expect(ids.add('a')).toBe(true);
    expect(ids.add('c')).toBe(false);
  });
});

describe('its own rate-limit bucket', () => {
  it('is paced apart: the System Log bucket running dry holds back log reads, not membership writes', async () => {
    const own = createOktaClient({ ...(await serviceApp(sim, { scopes: SCOPES })), scopes: SCOPES }, simOptions(sim));
    const groupId = newGroup();
    sim.control.setRateLimits({ buckets: { logs: 1 }, windowMs: 2_000 });
    try {
      await own.logs.accessPage({ targetIds: [groupId], until: until() }, { pageSize: 1 }); // the bucket's one call
      expect(own.rateLimits().find((b) => b.bucket === 'logs')).toMatchObject({ limit: 1, remaining: 0 });
      let readDone = false;
      const read = own.logs
        .accessPage({ targetIds: [groupId], until: until() }, { pageSize: 1 })
        .finally(() => (readDone = true));
      const write = await own.groups.addMember(groupId, newUser());
      expect(write.outcome).toBe('added');
      expect(readDone).toBe(false);
      await read;
    } finally {
      sim.control.setRateLimits(LIMITS_OUT_OF_REACH.config, LIMITS_OUT_OF_REACH.concurrencyLimit);
    }
  });
});

import type { Simulator } from '@/sim/okta';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOktaClient, type OktaClient } from './client';
import { serviceApp, simOptions, startSim } from './test-support/sim-harness';

// `precheck: false` (bulk mode): one write per call, no read of the current state first.
let sim: Simulator;
let okta: OktaClient;
let n = 0;

beforeAll(async () => {
  sim = await startSim();
  okta = createOktaClient(await serviceApp(sim), simOptions(sim));
});
afterAll(() => sim.close());

const user = () =>
  sim.control.createUser({
    login: `bulk.mode.${n}@example.com`,
    email: `bulk.mode.${n++}@example.com`,
    firstName: 'B',
    lastName: 'M',
  });
/** Requests other than the token endpoint made while `fn` runs. */
async function calls(fn: () => Promise<unknown>): Promise<string[]> {
  const before = { ...sim.control.stats().requests };
  await fn();
  const after = sim.control.stats().requests;
  return Object.keys(after)
    .filter((k) => k !== 'POST /oauth2/v1/token')
    .flatMap((k) => Array<string>(after[k]! - (before[k] ?? 0)).fill(k));
}

describe('membership writes without the pre-read', () => {
  it('add and remove send only the PUT / DELETE', async () => {
    const u = user();
    const g = sim.control.createGroup({ name: `Bulk mode ${n}` });
    expect(
      await calls(async () =>
        expect(await okta.groups.addMember(g.id, u.id, { precheck: false })).toMatchObject({
          outcome: 'added',
          requestId: expect.any(String) as unknown,
        }),
      ),
    ).toEqual(['PUT /api/v1/groups/:groupId/users/:userId']);
    expect(sim.control.getGroupMemberIds(g.id)).toContain(u.id);
    expect(
      await calls(async () =>
        expect(await okta.groups.removeMember(g.id, u.id, { precheck: false })).toMatchObject({ outcome: 'removed' }),
      ),
    ).toEqual(['DELETE /api/v1/groups/:groupId/users/:userId']);
    expect(sim.control.getGroupMemberIds(g.id)).not.toContain(u.id);
  });

  it('with the pre-read (default) an existing membership is reported and not written', async () => {
    const u = user();
    const g = sim.control.createGroup({ name: `Bulk mode ${n}` });
    sim.control.addMember(g.id, u.id);
    expect(
      await calls(async () =>
        expect(await okta.groups.addMember(g.id, u.id)).toMatchObject({ outcome: 'already_member' }),
      ),
    ).toEqual(['GET /api/v1/users/:id/groups']);
  });
});

describe('assignment writes without the pre-read', () => {
  it('assign sends only the POST; unassign only the DELETE; a missing assignment is not_assigned', async () => {
    const u = user();
    const app = sim.control.createApp({ label: `Bulk app ${n}`, signOnMode: 'BOOKMARK' }).id;
    expect(
      await calls(async () =>
        expect(await okta.apps.assignUser(app, u.id, { precheck: false })).toMatchObject({ outcome: 'assigned' }),
      ),
    ).toEqual(['POST /api/v1/apps/:appId/users']);
    expect(
      await calls(async () =>
        expect(await okta.apps.unassignUser(app, u.id, { precheck: false })).toMatchObject({ outcome: 'unassigned' }),
      ),
    ).toEqual(['DELETE /api/v1/apps/:appId/users/:userId']);
    expect(sim.control.getAppUser(app, u.id)).toBeNull();
    expect(await okta.apps.unassignUser(app, u.id, { precheck: false })).toMatchObject({ outcome: 'not_assigned' });
  });

  it('a group-granted user: Okta’s E0000046 is reported as granted_by_group, with its request id', async () => {
    const u = user();
    const app = sim.control.createApp({ label: `Bulk app ${n}`, signOnMode: 'BOOKMARK' }).id;
    const g = sim.control.createGroup({ name: `Bulk grant ${n}` });
    sim.control.addMember(g.id, u.id);
    sim.control.assignAppToGroup(app, g.id);
    const r = await okta.apps.unassignUser(app, u.id, { precheck: false });
    expect(r.outcome).toBe('granted_by_group');
    expect(r.requestId).toMatch(/\S/);
    expect(await okta.apps.unassignUser(app, u.id)).toMatchObject({ outcome: 'granted_by_group' });
  });
});

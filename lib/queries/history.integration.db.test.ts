import { who } from '@/test/session';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryResult, HistoryRow } from './history';

// History panels and the "outside the console" feed against our database, lib/okta and the simulator: a change
// the console made is "this console" and linked to its audit event by Okta's request id; one made in the Admin
// Console (the simulator's control plane) is "elsewhere" and is what the feed shows; the CSV holds the same.
vi.hoisted(() => {
  process.env.OKTA_ALLOWED_ORIGINS = 'http://127.0.0.1:*';
});
vi.mock('@/lib/auth/current-user', () => import('@/test/session'));
who.user = { id: 'usr_viewer0000000000000', email: 'vera@example.com', name: 'Vera', role: 'viewer' };

const { startSimulator, LIMITS_OUT_OF_REACH } = await import('@/sim/okta');
const { simIntegration } = await import('@/lib/integrations/test-support/sim-integration');
const { updateIntegration } = await import('@/lib/integrations/store');
const { changeAccess } = await import('@/lib/access/operations');
const { accessHistory, outsideChanges } = await import('./history');
const { exportOutsideChangesCsv } = await import('./changes-export');

const SCOPES = ['okta.users.manage', 'okta.groups.manage', 'okta.apps.manage', 'okta.logs.read'];
let sim: Awaited<ReturnType<typeof startSimulator>>;
let org: string;
let withoutScope: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'tiny' });
  sim.control.setRateLimits(LIMITS_OUT_OF_REACH.config, LIMITS_OUT_OF_REACH.concurrencyLimit);
  org = await simIntegration(sim, { scopes: SCOPES });
  // As a connection test records it (lib/integrations/health recordTest).
  await updateIntegration(org, { grantedScopes: [...SCOPES, 'okta.users.read'] }, 'usr_test');
  withoutScope = await simIntegration(sim);
});
afterAll(() => sim?.close());

const ACTOR = { type: 'user' as const, id: 'usr_admin00000000000000', label: 'ada@example.com' };
let n = 0;
const newUser = () =>
  sim.control.createUser({ login: `feed.${++n}@example.com`, firstName: 'Feed', lastName: `${n}` }).id;

function rows(r: HistoryResult): HistoryRow[] {
  if (r.state !== 'ok') throw new Error(`history: ${JSON.stringify(r)}`);
  return r.list.items;
}

describe('history of a group', () => {
  it('shows both sources, newest first, the console’s own change linked to its audit event', async () => {
    const groupId = sim.control.createGroup({ name: `Feed group ${++n}` }).id;
    const [mine, theirs] = [newUser(), newUser()];
    const change = await changeAccess({ integrationId: org, actor: ACTOR }, 'group.add_member', {
      resourceId: groupId,
      memberId: mine,
    });
    expect(change.ok).toBe(true);
    sim.control.addMember(groupId, theirs);
    const history = rows(await accessHistory(org, { kind: 'group', id: groupId }, undefined));
    expect(history.map((r) => [r.user?.id, r.what, r.source.kind])).toEqual([
      [theirs, 'added', 'elsewhere'],
      [mine, 'added', 'console'],
    ]);
    const own = history[1]!;
    expect(own.source).toMatchObject({ kind: 'console', auditAt: expect.any(String) as unknown });
    expect(history[0]!.actor.name).toBe('Okta Admin');
  });

  it('without okta.logs.read asks Okta nothing and says so', async () => {
    const before = sim.control.stats().requests['GET /api/v1/logs'] ?? 0;
    const r = await accessHistory(withoutScope, { kind: 'user', id: newUser() }, undefined);
    expect(r).toEqual({ state: 'no_scope' });
    expect(sim.control.stats().requests['GET /api/v1/logs'] ?? 0).toBe(before);
  });

  it('refuses a page token made for another object', async () => {
    const a = sim.control.createGroup({ name: `Feed paged ${++n}` }).id;
    for (let i = 0; i < 30; i++) sim.control.addMember(a, newUser());
    const first = await accessHistory(org, { kind: 'group', id: a }, undefined);
    if (first.state !== 'ok' || !first.list.next) throw new Error('expected a second page');
    const second = rows(await accessHistory(org, { kind: 'group', id: a }, first.list.next));
    expect(second.length).toBeGreaterThan(0);
    const other = await accessHistory(org, { kind: 'group', id: newUser() }, first.list.next);
    expect(other).toMatchObject({ state: 'failed', invalidPage: true });
  });
});

describe('changes made outside the console', () => {
  it('the feed and its CSV leave out the console’s changes and narrow by app and actor', async () => {
    const appId = sim.control.createApp({ label: `Feed app ${++n}`, signOnMode: 'BOOKMARK' }).id;
    const [mine, theirs] = [newUser(), newUser()];
    const since = new Date(Date.now() - 60_000);
    expect(
      (
        await changeAccess({ integrationId: org, actor: ACTOR }, 'app.assign_user', {
          resourceId: appId,
          memberId: mine,
        })
      ).ok,
    ).toBe(true);
    sim.control.assignAppToUser(appId, theirs);
    const feed = rows(await outsideChanges(org, { since, appId }, undefined));
    expect(feed.map((r) => [r.user?.id, r.what, r.source.kind])).toEqual([[theirs, 'assigned', 'elsewhere']]);
    const byActor = rows(await outsideChanges(org, { since, appId, actorId: '00unobody00000000000' }, undefined));
    expect(byActor).toEqual([]);

    const { stream } = await exportOutsideChangesCsv(org, { since, appId });
    const csv = await new Response(stream).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'time,what,event_type,user_id,user,group_id,group,app_id,app,via,rule_id,actor,actor_type,actor_id,client_id,okta_event_id',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 4))).toEqual([
      ['assigned', 'application.user_membership.add', theirs],
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { caller, links, type Caller } from './testing/fixture';

// The System Log (shared/okta/system-log.md): what each change emits and with which actor, target[] and
// transaction; GET /api/v1/logs's query rules, polling and bounded paging, refusals, scope, role and bucket.

interface Target {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
}
interface LogEvent {
  uuid: string;
  published: string;
  eventType: string;
  version: string;
  severity: string;
  displayMessage: string;
  actor: { id: string; type: string; alternateId: string; displayName: string };
  client: { id: string | null; ipAddress: string | null; userAgent: { rawUserAgent: string } | null };
  authenticationContext: { authenticationStep: number };
  outcome: { result: string; reason: string | null };
  debugContext: { debugData: Record<string, string> };
  transaction: { type: string; id: string; detail: Record<string, unknown> };
  target: Target[];
}

const LOG_SCOPES = ['okta.users.manage', 'okta.groups.manage', 'okta.apps.manage', 'okta.logs.read'];

let sim: Simulator;
let admin: Caller;
let seq = 0;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'tiny' });
  admin = await caller(sim, { scopes: LOG_SCOPES, dpop: false });
});
afterAll(() => sim.close());

const newUser = (first = 'Ada') =>
  sim.control.createUser({ login: `log.${++seq}@example.com`, firstName: first, lastName: `N${seq}` }).id;
const newGroup = () => sim.control.createGroup({ name: `Log group ${++seq}` }).id;
const byType = (e: LogEvent, type: string) => e.target.find((t) => t.type === type);
const filterQ = (filter: string, extra = '') => `/api/v1/logs?filter=${encodeURIComponent(filter)}${extra}`;

async function logs(path: string): Promise<{ events: LogEvent[]; next?: string; self?: string; status: number }> {
  const res = await admin.call('GET', path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const l = links(res.headers);
  return { events: res.body as LogEvent[], next: l.next, self: l.self, status: res.status };
}

/** Every event about one object, oldest first (a bounded query over the last hour). */
async function about(id: string): Promise<LogEvent[]> {
  const since = new Date(Date.now() - 3_600_000).toISOString();
  const until = new Date(Date.now() + 1_000).toISOString();
  return (await logs(filterQ(`target.id eq "${id}"`, `&since=${since}&until=${until}&limit=1000`))).events;
}

describe('events a change emits', () => {
  it('a membership added through the API: Okta shapes, the app as actor, the request id as transaction', async () => {
    const userId = newUser('Grace');
    const groupId = newGroup();
    const put = await admin.call('PUT', `/api/v1/groups/${groupId}/users/${userId}`);
    expect(put.status).toBe(204);
    const requestId = put.headers.get('x-okta-request-id')!;
    const [e, ...rest] = (await about(groupId)).filter((x) => x.eventType === 'group.user_membership.add');
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      eventType: 'group.user_membership.add',
      version: '0',
      severity: 'INFO',
      displayMessage: 'Add user to group membership',
      legacyEventType: 'core.user_group_member.user_add',
      actor: { id: admin.clientId, type: 'PublicClientApp' },
      client: { id: admin.clientId, ipAddress: '127.0.0.1' },
      authenticationContext: { authenticationStep: 0 },
      outcome: { result: 'SUCCESS', reason: null },
      transaction: { type: 'WEB', id: requestId },
      debugContext: { debugData: { requestId, requestUri: `/api/v1/groups/${groupId}/users/${userId}` } },
    });
    expect(e!.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(e!.published).toISOString()).toBe(e!.published);
    expect(byType(e!, 'User')).toMatchObject({ id: userId, alternateId: `log.${seq - 1}@example.com` });
    expect(byType(e!, 'UserGroup')).toMatchObject({ id: groupId, alternateId: 'unknown' });
  });

  it('a change in the Admin Console (control plane): an admin user as actor, no client id, its own transaction', async () => {
    const userId = newUser();
    const groupId = newGroup();
    sim.control.addMember(groupId, userId);
    sim.control.removeMember(groupId, userId);
    const events = await about(groupId);
    expect(events.map((e) => e.eventType)).toEqual(['group.user_membership.add', 'group.user_membership.remove']);
    for (const e of events) {
      expect(e.actor).toMatchObject({ type: 'User', id: '00uadmin0console0sim' });
      expect(e.client.id).toBeNull();
      expect(e.transaction.type).toBe('WEB');
    }
    expect(events[0]!.transaction.id).not.toBe(events[1]!.transaction.id);
  });

  it('app assignments: AppUser, AppInstance and User targets; a group assignment reaches members as a JOB', async () => {
    // A new app: the seed assigns its first app to Everyone, which would grant it to every new user.
    const appId = sim.control.createApp({ label: `Log app ${++seq}`, signOnMode: 'SAML_2_0' }).id;
    const direct = newUser();
    const member = newUser();
    const groupId = newGroup();
    sim.control.addMember(groupId, member);
    expect((await admin.call('POST', `/api/v1/apps/${appId}/users`, { id: direct })).status).toBe(200);
    const put = await admin.call('PUT', `/api/v1/apps/${appId}/groups/${groupId}`, {});
    expect(put.status).toBe(200);

    const [add] = (await about(direct)).filter(
      (e) => e.eventType === 'application.user_membership.add' && byType(e, 'AppInstance')!.id === appId,
    );
    expect(add!.transaction.type).toBe('WEB');
    expect(byType(add!, 'AppInstance')!.id).toBe(appId);
    expect(byType(add!, 'User')!.id).toBe(direct);
    expect(byType(add!, 'AppUser')!.id).toMatch(/^0ua/);

    const events = await about(groupId);
    const assigned = events.find((e) => e.eventType === 'group.application_assignment.add')!;
    expect(assigned.transaction).toMatchObject({ type: 'WEB', id: put.headers.get('x-okta-request-id') });
    expect(byType(assigned, 'AppInstance')!.id).toBe(appId);
    const [viaGroup] = (await about(member)).filter(
      (e) => e.eventType === 'application.user_membership.add' && byType(e, 'AppInstance')!.id === appId,
    );
    expect(viaGroup!.transaction.type).toBe('JOB');
    expect(viaGroup!.transaction.id).not.toBe(assigned.transaction.id);
    expect(viaGroup!.client.id).toBe(admin.clientId);
  });

  it('group rules act as Okta System in a JOB naming the rule; an admin removal adds an exclusion', async () => {
    const groupId = newGroup();
    const userId = sim.control.createUser({ login: `ruled.${++seq}@example.com`, department: `Dept${seq}` }).id;
    const { id: ruleId } = sim.control.createGroupRule({
      name: `Log rule ${seq}`,
      expression: `user.department=="Dept${seq}"`,
      groupIds: [groupId],
      activate: true,
    });
    sim.control.removeMember(groupId, userId);
    const events = await about(groupId);
    expect(events.map((e) => e.eventType)).toEqual([
      'group.user_membership.add',
      'group.user_membership.remove',
      'group.user_membership.rule.add_exclusion',
    ]);
    const [added, removed, excluded] = events;
    expect(added!.actor).toMatchObject({ type: 'SystemPrincipal', displayName: 'Okta System' });
    expect(added!.transaction.type).toBe('JOB');
    expect(added!.debugContext.debugData.triggeredByGroupRuleId).toBe(ruleId);
    expect(removed!.actor.type).toBe('User');
    expect(excluded!.actor.type).toBe('SystemPrincipal');
  });
});

describe('GET /api/v1/logs query rules', () => {
  let userId: string;
  let groups: string[];
  beforeAll(() => {
    userId = newUser('Keyword');
    groups = [newGroup(), newGroup(), newGroup()];
    for (const g of groups) sim.control.addMember(g, userId);
  });

  it('filter: eventType, and target.id twice means both are among the targets', async () => {
    const both = await logs(filterQ(`target.id eq "${userId}" and target.id eq "${groups[1]}"`));
    expect(both.events.map((e) => byType(e, 'UserGroup')!.id)).toEqual([groups[1]]);
    const sw = await logs(filterQ(`eventType sw "group.user_membership" and target.id eq "${userId}"`));
    expect(sw.events.length).toBeGreaterThanOrEqual(4); // Everyone + the three groups
    const ew = await logs(filterQ(`eventType ew ".add" and target.id eq "${groups[2]}"`));
    expect(ew.events).toHaveLength(1);
  });

  it('q: every keyword matches a value exactly, case-insensitively; hyphenated values split', async () => {
    const hits = await logs(`/api/v1/logs?q=${encodeURIComponent(`KEYWORD log.${seq - 3}@example.com`)}`);
    expect(hits.events.length).toBeGreaterThanOrEqual(4);
    expect((await logs('/api/v1/logs?q=Keywor')).events).toEqual([]);
    const uuid = hits.events[0]!.uuid;
    expect((await logs(`/api/v1/logs?q=${uuid.split('-')[0]}`)).events.map((e) => e.uuid)).toEqual([uuid]);
  });

  it('bounded queries are in published order either way and end without a next link', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const until = new Date(Date.now() + 1_000).toISOString();
    const f = `target.id eq "${userId}"`;
    const asc = await logs(filterQ(f, `&since=${since}&until=${until}&limit=2`));
    const desc = await logs(filterQ(f, `&since=${since}&until=${until}&sortOrder=DESCENDING&limit=2`));
    const walk = async (first: Awaited<ReturnType<typeof logs>>) => {
      const out = [...first.events];
      let next = first.next;
      while (next) {
        const page = await logs(next);
        out.push(...page.events);
        next = page.next;
      }
      return out.map((e) => e.uuid);
    };
    const up = await walk(asc);
    const down = await walk(desc);
    expect(up.length).toBeGreaterThanOrEqual(4);
    expect(down).toEqual([...up].reverse());
    expect(new Set(up).size).toBe(up.length);
    // Okta's own next link keeps the query (the documented example keeps since and until) and adds `after`.
    expect(new URL(asc.next!).searchParams.get('until')).toBe(until);
    expect(new URL(asc.next!).searchParams.get('after')).toMatch(/^\d+_\d+$/);
  });

  it('refuses what the docs show refused, in their words', async () => {
    const bad = async (query: string) => {
      const res = await admin.call('GET', `/api/v1/logs?${query}`);
      expect(res.status).toBe(400);
      return res.body as { errorCode: string; errorSummary: string };
    };
    expect(await bad(`filter=${encodeURIComponent('display_message eqq "Create okta user"')}`)).toMatchObject({
      errorCode: 'E0000053',
      errorSummary:
        "Invalid filter 'display_message eqq \"Create okta user\"': Unrecognized attribute operator 'eqq' at position 16. Expected: eq,co,sw,pr,gt,ge,lt,le",
    });
    expect(await bad(`filter=${encodeURIComponent('some_invalid_field eq "x"')}`)).toMatchObject({
      errorCode: 'E0000053',
      errorSummary: 'field is not valid: some_invalid_field',
    });
    expect((await bad(`filter=${encodeURIComponent('published gt "2024-01-01T00:00:00Z"')}`)).errorCode).toBe(
      'E0000053',
    );
    expect(await bad(`filter=${encodeURIComponent('debugContext.debugData.url co "/api"')}`)).toMatchObject({
      errorCode: 'E0000031',
      errorSummary:
        'The supplied combination of operator and field is not currently supported. Operator: co, Field: debugContext.debugData.url',
    });
    expect((await bad('until=yesterday')).errorSummary).toBe(
      "Api validation failed: 'until': The date format in your query is not recognized. Please enter dates using ISO8601 string format.. 'until': must be a valid date-time or empty.",
    );
    const old = new Date(Date.now() - 181 * 86_400_000).toISOString();
    expect(await bad(`since=${old}`)).toMatchObject({
      errorCode: 'E0000053',
      errorSummary: 'Invalid parameter: The since parameter is over 180 days prior to the current day.',
    });
    expect((await bad(`q=${'x'.repeat(41)}`)).errorSummary).toMatch(/^Api validation failed: 'q': Freeform search/);
  });

  it('limit defaults to 100 and is at most 1000', async () => {
    for (let i = 0; i < 250; i++) sim.control[i % 2 ? 'removeMember' : 'addMember'](groups[0]!, userId);
    expect((await logs('/api/v1/logs')).events).toHaveLength(100);
    const big = await logs('/api/v1/logs?limit=5000');
    expect(big.events.length).toBeGreaterThan(100);
    expect(big.events.length).toBeLessThanOrEqual(1000);
  });
});

describe('polling (ascending, no until)', () => {
  it('always links next; an empty page links the same after; events written between pages are neither missed nor repeated', async () => {
    const groupId = newGroup();
    const users = Array.from({ length: 5 }, () => newUser());
    const f = `target.id eq "${groupId}"`;
    let next = (await logs(filterQ(f, '&limit=3'))).next!;
    expect(next).toBeDefined();
    const seen: string[] = [];
    const expected: string[] = [];
    for (let round = 0; round < 4; round++) {
      for (const u of users) {
        sim.control[round % 2 ? 'removeMember' : 'addMember'](groupId, u);
        expected.push(`${round % 2 ? 'remove' : 'add'}:${u}`);
      }
      for (;;) {
        const page = await logs(next);
        expect(page.next).toBeDefined();
        if (page.events.length === 0) {
          expect(new URL(page.next!).searchParams.get('after')).toBe(new URL(next).searchParams.get('after'));
          break;
        }
        seen.push(...page.events.map((e) => `${e.eventType.split('.').at(-1)}:${byType(e, 'User')!.id}`));
        next = page.next!;
      }
    }
    expect(seen).toEqual(expected);
  });
});

describe('access and rate limits', () => {
  it('needs okta.logs.read and a role that views the System Log', async () => {
    const noScope = await caller(sim, { scopes: ['okta.users.read'], roles: ['SUPER_ADMIN'], dpop: false });
    const refused = await noScope.call('GET', '/api/v1/logs');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toContain('insufficient_scope');
    const groupAdmin = await caller(sim, { scopes: ['okta.logs.read'], roles: ['USER_ADMIN'], dpop: false });
    expect(((await groupAdmin.call('GET', '/api/v1/logs')).body as { errorCode: string }).errorCode).toBe('E0000006');
    const report = await caller(sim, { scopes: ['okta.logs.read'], roles: ['REPORT_ADMIN'], dpop: false });
    expect((await report.call('GET', '/api/v1/logs')).status).toBe(200);
  });

  it('counts in its own bucket (Workforce 120 per minute)', async () => {
    const own = await caller(sim, { scopes: LOG_SCOPES, dpop: false });
    sim.control.setRateLimits({ buckets: { logs: 2 }, windowMs: 60_000 });
    try {
      const first = await own.call('GET', '/api/v1/logs?limit=1');
      expect(first.headers.get('x-rate-limit-limit')).toBe('2');
      await own.call('GET', '/api/v1/logs?limit=1');
      expect((await own.call('GET', '/api/v1/logs?limit=1')).status).toBe(429);
      expect((await own.call('GET', '/api/v1/users?limit=1')).status).toBe(200);
    } finally {
      sim.control.setRateLimits(false);
    }
    expect((await own.call('GET', '/api/v1/logs?limit=1')).headers.get('x-rate-limit-limit')).toBe('120');
  });
});

describe('retention', () => {
  it('returns nothing older than 90 days', async () => {
    let behind = 91 * 86_400_000;
    const clocked = await startSimulator({ seed: 'tiny', clock: () => Date.now() - behind });
    try {
      const [groupId] = clocked.control.listIds('groups').slice(-1);
      const [u1, u2] = clocked.control.listIds('users');
      clocked.control.addMember(groupId!, u1!);
      behind = 0;
      clocked.control.addMember(groupId!, u2!);
      const c = await caller(clocked, { scopes: LOG_SCOPES, dpop: false });
      const since = new Date(Date.now() - 100 * 86_400_000).toISOString();
      const filter = encodeURIComponent('eventType eq "group.user_membership.add"');
      const res = await c.call('GET', `/api/v1/logs?since=${since}&filter=${filter}`);
      expect((res.body as LogEvent[]).map((e) => byType(e, 'User')!.id)).toEqual([u2]);
    } finally {
      await clocked.close();
    }
  });
});

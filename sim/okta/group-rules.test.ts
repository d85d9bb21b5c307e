import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg, startSimulator, type Simulator } from './index';
import type { ApiResult } from './testing/client';
import { caller, links, type Caller } from './testing/fixture';

// Group rules (shared/okta/group-rules.md): the rule object and its endpoints, when rules run, and what an
// admin's removal of a rule-managed member does (the user lands on the rule's exclusion list).

let sim: Simulator;
let admin: Caller;

const DENIED = 'You do not have permission to perform the requested action';
const INVALID_TEXT = 'Cannot activate or deactivate a Group Rule with the status INVALID';

beforeAll(async () => {
  sim = await startSimulator({ seed: 'tiny' });
  admin = await caller(sim, { dpop: false });
});
afterAll(() => sim.close());

interface RuleJson {
  type: string;
  id: string;
  status: string;
  name: string;
  created: string;
  lastUpdated: string;
  conditions: {
    people: { users: { exclude: string[] }; groups: { exclude: string[] } };
    expression: { value: string; type: string };
  };
  actions: { assignUserToGroups: { groupIds: string[] } };
  _embedded?: { groupIdToGroupNameMap: Record<string, string> };
}

let seq = 0;
/** A fresh OKTA_GROUP, so tests don't see each other's members. */
const newGroup = (name = 'Rules') => sim.control.createGroup({ name: `${name} ${++seq}` }).id;
const newUser = (profile: Record<string, unknown> = {}, status: 'ACTIVE' | 'STAGED' | 'SUSPENDED' = 'ACTIVE') =>
  sim.control.createUser({ login: `rules.${++seq}@example.com`, ...profile }, status).id;

function ruleBody(groupIds: string[], expression: string, extra: { name?: string; exclude?: string[] } = {}) {
  return {
    type: 'group_rule',
    name: extra.name ?? `Rule ${++seq}`,
    conditions: {
      people: { users: { exclude: extra.exclude ?? [] }, groups: { exclude: [] } },
      expression: { value: expression, type: 'urn:okta:expression:1.0' },
    },
    actions: { assignUserToGroups: { groupIds } },
  };
}

async function createRule(c: Caller, body: ReturnType<typeof ruleBody>): Promise<RuleJson> {
  const res = await c.call('POST', '/api/v1/groups/rules', body);
  expect(res.status).toBe(200);
  return res.body as RuleJson;
}

async function activate(id: string) {
  expect((await admin.call('POST', `/api/v1/groups/rules/${id}/lifecycle/activate`)).status).toBe(204);
}

const members = (groupId: string) => sim.control.getGroupMemberIds(groupId).sort();
const sorted = (...ids: string[]) => [...ids].sort();

function expectValidation(res: ApiResult, field: string, cause?: string | RegExp) {
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({
    errorCode: 'E0000001',
    errorSummary: `Api validation failed: ${field}`,
    errorLink: 'E0000001',
  });
  const causes = (res.body as { errorCauses: Array<{ errorSummary: string }> }).errorCauses;
  expect(causes.length).toBeGreaterThan(0);
  if (cause) expect(causes[0]!.errorSummary).toMatch(cause);
}

function expectDenied(res: ApiResult) {
  expect(res.status).toBe(403);
  expect(res.body).toMatchObject({ errorCode: 'E0000006', errorSummary: DENIED, errorCauses: [] });
}

describe('the rule object and its routes', () => {
  it('POST creates the rule INACTIVE, in the spec’s shape, and adds nobody yet', async () => {
    const g = newGroup();
    const u = newUser({ department: 'Shape' });
    const excluded = newUser({ department: 'Shape' });
    const body = ruleBody([g], 'user.department=="Shape"', { name: 'Shape rule', exclude: [excluded] });
    const rule = await createRule(admin, body);
    expect(rule).toEqual({
      type: 'group_rule',
      id: expect.stringMatching(/^0pr[0-9A-Za-z]{17}$/) as unknown,
      status: 'INACTIVE',
      name: 'Shape rule',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      lastUpdated: rule.created,
      conditions: {
        people: { users: { exclude: [excluded] }, groups: { exclude: [] } },
        expression: { value: 'user.department=="Shape"', type: 'urn:okta:expression:1.0' },
      },
      actions: { assignUserToGroups: { groupIds: [g] } },
    });
    expect(members(g)).toEqual([]);
    const got = await admin.call('GET', `/api/v1/groups/rules/${rule.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(rule);
    await activate(rule.id);
    expect(members(g)).toEqual([u]);
  });

  it('/api/v1/groups/rules is not read as a group id; /groups/{id} still answers', async () => {
    const list = await admin.call('GET', '/api/v1/groups/rules');
    expect(list.status).toBe(200);
    expect(Array.isArray(list.body)).toBe(true);
    const g = newGroup();
    expect(((await admin.call('GET', `/api/v1/groups/${g}`)).body as { id: string }).id).toBe(g);
    expect((await admin.call('DELETE', '/api/v1/groups/rules')).status).toBe(405);
  });

  it('an unknown rule id is 404 E0000007 (GroupRule) on every rule route', async () => {
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/groups/rules/0prNOPE'],
      ['PUT', '/api/v1/groups/rules/0prNOPE', ruleBody([newGroup()], 'user.a=="b"')],
      ['DELETE', '/api/v1/groups/rules/0prNOPE'],
      ['POST', '/api/v1/groups/rules/0prNOPE/lifecycle/activate'],
      ['POST', '/api/v1/groups/rules/0prNOPE/lifecycle/deactivate'],
    ];
    for (const [method, url, body] of routes) {
      const res = await admin.call(method, url, body);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        errorCode: 'E0000007',
        errorSummary: 'Not found: Resource not found: 0prNOPE (GroupRule)',
      });
    }
  });

  it('refuses bad bodies with 400 E0000001 naming the field, one cause per problem', async () => {
    const g = newGroup();
    const post = (body: unknown) => admin.call('POST', '/api/v1/groups/rules', body);
    expectValidation(await post({ ...ruleBody([g], 'user.a=="b"'), name: 'x'.repeat(51) }), 'name', /^name: /);
    expectValidation(await post({ ...ruleBody([g], 'user.a=="b"'), name: '' }), 'name');
    expectValidation(await post({ ...ruleBody([g], 'user.a=="b"'), type: 'other' }), 'type');
    const wrongType = ruleBody([g], 'user.a=="b"');
    wrongType.conditions.expression.type = 'urn:okta:expression:2.0';
    expectValidation(await post(wrongType), 'conditions.expression.type');
    expectValidation(await post(ruleBody([], 'user.a=="b"')), 'actions.assignUserToGroups.groupIds');
    expectValidation(
      await post(ruleBody(['00gMISSING'], 'user.a=="b"')),
      'actions.assignUserToGroups.groupIds',
      'actions.assignUserToGroups.groupIds: Group 00gMISSING does not exist.',
    );
    const appGroup = sim.control.createGroup({ name: `Imported ${++seq}`, type: 'APP_GROUP' }).id;
    expectValidation(
      await post(ruleBody([appGroup], 'user.a=="b"')),
      'actions.assignUserToGroups.groupIds',
      `actions.assignUserToGroups.groupIds: Group ${appGroup} is not an OKTA_GROUP.`,
    );
    const adminGroup = newGroup();
    sim.control.setGroupAdminRole(adminGroup);
    expectValidation(
      await post(ruleBody([adminGroup], 'user.a=="b"')),
      'actions.assignUserToGroups.groupIds',
      'actions.assignUserToGroups.groupIds: Group rules cannot assign users to admin groups.',
    );
    expectValidation(
      await post(ruleBody([g], 'user.a=="b"', { exclude: ['00uMISSING'] })),
      'conditions.people.users.exclude',
      'conditions.people.users.exclude: User 00uMISSING does not exist.',
    );
    const malformed = await fetch(`${sim.origin}/api/v1/groups/rules`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
      body: '{"type":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ errorCode: 'E0000003' });
  });

  it('accepts only the documented expression subset; anything else is 400 "validateRule"', async () => {
    const g = newGroup();
    const other = newGroup();
    const ok = [
      'user.department=="A"',
      "user.department != 'A'",
      'user.department=="A" AND user.title=="B" or user.city=="C"',
      `isMemberOfGroup("${other}")`,
      `!isMemberOfGroup('${other}') and (user.a=="1" OR user.b=="2")`,
      'String.startsWith(user.firstName,"andy")',
    ];
    for (const expression of ok) await createRule(admin, ruleBody([g], expression));
    const refused: Array<[string, string]> = [
      ['user.department="A"', "Unexpected character '=' in expression."],
      ['user.department=="A" AND', 'Expression is incomplete or not a Boolean expression.'],
      ['profile.department=="A"', 'Expected a user profile attribute (user.<name>) in expression.'],
      ['Arrays.contains(user.groups,"x")', 'Function Arrays.contains is not supported by the simulator.'],
      ['user.level > "3"', "Unexpected character '>' in expression."],
      ['isMemberOfGroup("00gMISSING")', 'isMemberOfGroup: group 00gMISSING does not exist.'],
      ['user.department=="A', 'Unterminated string in expression.'],
    ];
    for (const [expression, cause] of refused)
      expectValidation(
        await admin.call('POST', '/api/v1/groups/rules', ruleBody([g], expression)),
        'validateRule',
        cause,
      );
  });
});

describe('listing', () => {
  let rules: RuleJson[];
  let g: string;
  beforeAll(async () => {
    g = newGroup('Listed target');
    rules = [];
    for (const name of ['List alpha', 'List beta', 'List ALPHA two', 'List gamma', 'List delta'])
      rules.push(await createRule(admin, ruleBody([g], 'user.x=="y"', { name })));
  });

  it('pages with limit and after, with Link headers like the other lists', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/api/v1/groups/rules?search=List&limit=2';
    let pages = 0;
    while (url) {
      const res = await admin.call('GET', url);
      expect(res.status).toBe(200);
      const page = res.body as RuleJson[];
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page.map((r) => r.id));
      const l = links(res.headers);
      expect(l.self).toContain('/api/v1/groups/rules?search=List');
      url = l.next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(rules.map((r) => r.id));
  });

  it('search is a keyword in the name, any case', async () => {
    const res = await admin.call('GET', '/api/v1/groups/rules?search=alpha');
    expect((res.body as RuleJson[]).map((r) => r.name)).toEqual(['List alpha', 'List ALPHA two']);
  });

  it('expand=groupIdToGroupNameMap embeds target names, on the list and on one rule', async () => {
    const groupName = (await admin.call('GET', `/api/v1/groups/${g}`)).body as { profile: { name: string } };
    const list = await admin.call('GET', '/api/v1/groups/rules?search=gamma&expand=groupIdToGroupNameMap');
    expect((list.body as RuleJson[])[0]!._embedded).toEqual({
      groupIdToGroupNameMap: { [g]: groupName.profile.name },
    });
    const one = await admin.call('GET', `/api/v1/groups/rules/${rules[0]!.id}?expand=groupIdToGroupNameMap`);
    expect((one.body as RuleJson)._embedded?.groupIdToGroupNameMap).toEqual({ [g]: groupName.profile.name });
    const plain = await admin.call('GET', `/api/v1/groups/rules/${rules[0]!.id}`);
    expect((plain.body as RuleJson)._embedded).toBeUndefined();
  });

  it('limit defaults to 50 and is clamped to 200', async () => {
    const fresh = await startSimulator({ seed: 'tiny' });
    try {
      const c = await caller(fresh, { dpop: false });
      const target = fresh.control.createGroup({ name: 'Many' }).id;
      for (let i = 0; i < 205; i++)
        fresh.control.createGroupRule({ name: `Many ${i}`, expression: 'user.x=="y"', groupIds: [target] });
      const first = await c.call('GET', '/api/v1/groups/rules');
      expect((first.body as unknown[]).length).toBe(50);
      expect(links(first.headers).next).toMatch(/after=0pr[^&]+&limit=50$/);
      const big = await c.call('GET', '/api/v1/groups/rules?limit=500');
      expect((big.body as unknown[]).length).toBe(200);
      expect(links(big.headers).next).toMatch(/limit=200$/);
    } finally {
      await fresh.close();
    }
  });
});

describe('when rules run', () => {
  it('activation adds matching ACTIVE users who are not excluded; the members become rule-managed', async () => {
    const g = newGroup();
    const match = newUser({ department: 'Activate' });
    const alreadyMember = newUser({ department: 'Activate' });
    const manualOther = newUser({ department: 'Elsewhere' });
    const staged = newUser({ department: 'Activate' }, 'STAGED');
    const suspended = newUser({ department: 'Activate' }, 'SUSPENDED');
    const excluded = newUser({ department: 'Activate' });
    sim.control.addMember(g, alreadyMember);
    sim.control.addMember(g, manualOther);
    const rule = await createRule(admin, ruleBody([g], 'user.department=="Activate"', { exclude: [excluded] }));
    expect(members(g)).toEqual(sorted(alreadyMember, manualOther));
    await activate(rule.id);
    expect(members(g)).toEqual(sorted(match, alreadyMember, manualOther));
    expect(members(g)).not.toContain(staged);
    expect(members(g)).not.toContain(suspended);
    expect(sim.control.getMembershipRuleIds(g, match)).toEqual([rule.id]);
    expect(sim.control.getMembershipRuleIds(g, alreadyMember)).toEqual([rule.id]);
    expect(sim.control.getMembershipRuleIds(g, manualOther)).toEqual([]);
    // The group's member list reads the same as ever: plain users, no membership source.
    const listed = (await admin.call('GET', `/api/v1/groups/${g}/users`)).body as Array<Record<string, unknown>>;
    expect(listed.map((u) => u.id)).toEqual(sorted(match, alreadyMember, manualOther));
    expect(Object.keys(listed[0]!).sort()).toEqual(
      [
        'id',
        'status',
        'created',
        'activated',
        'statusChanged',
        'lastLogin',
        'lastUpdated',
        'passwordChanged',
        'type',
        'profile',
        'credentials',
        '_links',
      ].sort(),
    );
    const after = ((await admin.call('GET', `/api/v1/groups/rules/${rule.id}`)).body as RuleJson).status;
    expect(after).toBe('ACTIVE');
  });

  it('an ACTIVE rule follows profile changes: a user who stops matching leaves without an exclusion, and comes back', async () => {
    const g = newGroup();
    const rule = await createRule(admin, ruleBody([g], 'String.startsWith(user.title,"Zq") AND user.city!="Oslo"'));
    await activate(rule.id);
    const u = newUser({ title: 'Zq Engineer', city: 'Paris' });
    expect(members(g)).toEqual([u]); // a new ACTIVE user is evaluated
    sim.control.updateUser(u, { profile: { city: 'Oslo' } });
    expect(members(g)).toEqual([]);
    expect(sim.control.getGroupRuleExcludedUserIds(rule.id)).toEqual([]);
    sim.control.updateUser(u, { profile: { city: 'Rome' } });
    expect(members(g)).toEqual([u]);
  });

  it('a membership change runs the rules (isMemberOfGroup), through the API too', async () => {
    const source = newGroup();
    const target = newGroup();
    const rule = await createRule(admin, ruleBody([target], `isMemberOfGroup("${source}")`));
    await activate(rule.id);
    const u = newUser();
    expect(members(target)).toEqual([]);
    expect((await admin.call('PUT', `/api/v1/groups/${source}/users/${u}`)).status).toBe(204);
    expect(members(target)).toEqual([u]);
    expect((await admin.call('DELETE', `/api/v1/groups/${source}/users/${u}`)).status).toBe(204);
    expect(members(target)).toEqual([]);
    expect(sim.control.getGroupRuleExcludedUserIds(rule.id)).toEqual([]);
  });

  it('a deactivated user stays in rule groups; reactivation runs the rules again', async () => {
    const g = newGroup();
    const rule = await createRule(admin, ruleBody([g], 'user.department=="Lifecycle"'));
    await activate(rule.id);
    const u = newUser({ department: 'Lifecycle' });
    sim.control.updateUser(u, { status: 'SUSPENDED' });
    sim.control.updateUser(u, { profile: { department: 'Gone' } });
    expect(members(g)).toEqual([u]);
    sim.control.updateUser(u, { status: 'ACTIVE' });
    expect(members(g)).toEqual([]);
  });

  it('removing a rule-managed member by API: 204, the user is excluded and not re-added by later changes', async () => {
    const g = newGroup();
    const other = newGroup();
    const rule = await createRule(admin, ruleBody([g], 'user.department=="Removal"'));
    await activate(rule.id);
    const u = newUser({ department: 'Removal' });
    const stays = newUser({ department: 'Removal' });
    const before = ((await admin.call('GET', `/api/v1/groups/rules/${rule.id}`)).body as RuleJson).lastUpdated;
    const res = await admin.call('DELETE', `/api/v1/groups/${g}/users/${u}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect(members(g)).toEqual([stays]);
    expect(sim.control.getGroupRuleExcludedUserIds(rule.id)).toEqual([u]);
    const read = (await admin.call('GET', `/api/v1/groups/rules/${rule.id}`)).body as RuleJson;
    expect(read.conditions.people.users.exclude).toEqual([u]);
    expect(read.lastUpdated >= before).toBe(true);
    // Still matching, but excluded: a profile change or another membership change doesn't bring them back.
    sim.control.updateUser(u, { profile: { title: 'Promoted', department: 'Removal' } });
    expect((await admin.call('PUT', `/api/v1/groups/${other}/users/${u}`)).status).toBe(204);
    expect(members(g)).toEqual([stays]);
    // An admin may still add them by hand: a manual membership the rule leaves alone.
    expect((await admin.call('PUT', `/api/v1/groups/${g}/users/${u}`)).status).toBe(204);
    sim.control.updateUser(u, { profile: { department: 'Elsewhere' } });
    expect(members(g)).toEqual(sorted(u, stays));
    expect(sim.control.getMembershipRuleIds(g, u)).toEqual([]);
  });

  it('removing a manually managed member adds no exclusion', async () => {
    const g = newGroup();
    const rule = await createRule(admin, ruleBody([g], 'user.department=="Manual"'));
    await activate(rule.id);
    const u = newUser({ department: 'Not manual' });
    sim.control.addMember(g, u);
    sim.control.removeMember(g, u);
    expect(sim.control.getGroupRuleExcludedUserIds(rule.id)).toEqual([]);
  });

  it('deactivating keeps the memberships; an INACTIVE rule follows no change', async () => {
    const g = newGroup();
    const rule = await createRule(admin, ruleBody([g], 'user.department=="Deactivate"'));
    const a = newUser({ department: 'Deactivate' });
    const b = newUser({ department: 'Deactivate' });
    await activate(rule.id);
    expect(members(g)).toEqual(sorted(a, b));
    expect((await admin.call('POST', `/api/v1/groups/rules/${rule.id}/lifecycle/deactivate`)).status).toBe(204);
    expect(((await admin.call('GET', `/api/v1/groups/rules/${rule.id}`)).body as RuleJson).status).toBe('INACTIVE');
    expect(members(g)).toEqual(sorted(a, b));
    sim.control.updateUser(a, { profile: { department: 'Moved' } });
    const late = newUser({ department: 'Deactivate' });
    expect(members(g)).toEqual(sorted(a, b));
    expect(members(g)).not.toContain(late);
    // Re-activating runs the rule over everyone again.
    await activate(rule.id);
    expect(members(g)).toEqual(sorted(b, late));
  });

  it('DELETE answers 202; removeUsers=true removes the users the rule added, without it they stay', async () => {
    const g = newGroup();
    const keep = await createRule(admin, ruleBody([g], 'user.department=="Keep"'));
    const drop = await createRule(admin, ruleBody([g], 'user.department=="Drop"'));
    const k = newUser({ department: 'Keep' });
    const d = newUser({ department: 'Drop' });
    await activate(keep.id);
    await activate(drop.id);
    expect(members(g)).toEqual(sorted(k, d));
    const res = await admin.call('DELETE', `/api/v1/groups/rules/${keep.id}`);
    expect(res.status).toBe(202);
    expect(res.body).toBeUndefined();
    expect((await admin.call('DELETE', `/api/v1/groups/rules/${drop.id}?removeUsers=true`)).status).toBe(202);
    expect(members(g)).toEqual([k]);
    expect(sim.control.getMembershipRuleIds(g, k)).toEqual([]);
    expect((await admin.call('GET', `/api/v1/groups/rules/${keep.id}`)).status).toBe(404);
  });
});

describe('replace', () => {
  it('only an INACTIVE rule can be replaced, and never its actions', async () => {
    const g = newGroup();
    const other = newGroup();
    const rule = await createRule(admin, ruleBody([g], 'user.department=="Replace"'));
    const excluded = newUser();
    const next = {
      ...rule,
      name: 'Replaced',
      conditions: {
        ...rule.conditions,
        people: { users: { exclude: [excluded] }, groups: { exclude: [] } },
        expression: { value: 'user.department=="Replaced"', type: 'urn:okta:expression:1.0' },
      },
    };
    const put = await admin.call('PUT', `/api/v1/groups/rules/${rule.id}`, next);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      id: rule.id,
      status: 'INACTIVE',
      name: 'Replaced',
      created: rule.created,
      conditions: { people: { users: { exclude: [excluded] } }, expression: { value: 'user.department=="Replaced"' } },
    });

    expectValidation(
      await admin.call('PUT', `/api/v1/groups/rules/${rule.id}`, {
        ...next,
        actions: { assignUserToGroups: { groupIds: [g, other] } },
      }),
      'actions',
      "You currently can't update the actions section.",
    );
    expectValidation(
      await admin.call('PUT', `/api/v1/groups/rules/${rule.id}`, { ...next, status: 'ACTIVE' }),
      'status',
      "You can't update the status of a rule. Use the activate and deactivate lifecycle operations.",
    );
    await activate(rule.id);
    expectValidation(
      await admin.call('PUT', `/api/v1/groups/rules/${rule.id}`, { ...next, status: 'ACTIVE' }),
      'status',
      'You can only update rules whose status is INACTIVE; this rule is ACTIVE.',
    );
  });
});

describe('INVALID rules', () => {
  it('a rule whose target group is deleted becomes INVALID: it can only be read or deleted', async () => {
    const gone = newGroup();
    const kept = newGroup();
    const rule = await createRule(admin, ruleBody([gone, kept], 'user.department=="Invalid"'));
    await activate(rule.id);
    const u = newUser({ department: 'Invalid' });
    expect(members(kept)).toEqual([u]);
    const keptName = ((await admin.call('GET', `/api/v1/groups/${kept}`)).body as { profile: { name: string } }).profile
      .name;
    sim.control.deleteGroup(gone);
    const read = await admin.call('GET', `/api/v1/groups/rules/${rule.id}?expand=groupIdToGroupNameMap`);
    expect(read.body).toMatchObject({ status: 'INVALID', actions: { assignUserToGroups: { groupIds: [gone, kept] } } });
    expect((read.body as RuleJson)._embedded?.groupIdToGroupNameMap).toEqual({ [kept]: keptName });
    expect(members(kept)).toEqual([u]);
    for (const step of ['activate', 'deactivate']) {
      const res = await admin.call('POST', `/api/v1/groups/rules/${rule.id}/lifecycle/${step}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        errorCode: 'E0000001',
        errorSummary: `Api validation failed: ${INVALID_TEXT}`,
        errorCauses: [{ errorSummary: INVALID_TEXT }],
      });
    }
    expectValidation(
      await admin.call('PUT', `/api/v1/groups/rules/${rule.id}`, ruleBody([gone, kept], 'user.a=="b"')),
      'status',
      'You can only update rules whose status is INACTIVE; this rule is INVALID.',
    );
    // An INVALID rule runs no more: a new matching user is not added to the remaining target.
    newUser({ department: 'Invalid' });
    expect(members(kept)).toEqual([u]);
    expect((await admin.call('DELETE', `/api/v1/groups/rules/${rule.id}`)).status).toBe(202);
  });
});

describe('permissions', () => {
  it('GROUP_MEMBERSHIP_ADMIN can neither view nor edit rules', async () => {
    const rule = await createRule(admin, ruleBody([newGroup()], 'user.a=="b"'));
    const gma = await caller(sim, { roles: ['GROUP_MEMBERSHIP_ADMIN'], dpop: false });
    expectDenied(await gma.call('GET', '/api/v1/groups/rules'));
    expectDenied(await gma.call('GET', `/api/v1/groups/rules/${rule.id}`));
    expectDenied(await gma.call('POST', '/api/v1/groups/rules', ruleBody([newGroup()], 'user.a=="b"')));
    expectDenied(await gma.call('POST', `/api/v1/groups/rules/${rule.id}/lifecycle/activate`));
    expectDenied(await gma.call('DELETE', `/api/v1/groups/rules/${rule.id}`));
  });

  it('ORG_ADMIN views and edits rules', async () => {
    const org = await caller(sim, { roles: ['ORG_ADMIN'], dpop: false });
    const g = newGroup();
    const u = newUser({ department: 'Org' });
    const rule = await createRule(org, ruleBody([g], 'user.department=="Org"'));
    expect((await org.call('POST', `/api/v1/groups/rules/${rule.id}/lifecycle/activate`)).status).toBe(204);
    expect(members(g)).toEqual([u]);
    expect((await org.call('GET', `/api/v1/groups/rules?search=${encodeURIComponent(rule.name)}`)).body).toEqual([
      { ...rule, status: 'ACTIVE', lastUpdated: expect.any(String) as unknown },
    ]);
  });

  it('a Group admin of all groups views but cannot edit; one of some groups cannot view', async () => {
    const rule = await createRule(admin, ruleBody([newGroup()], 'user.a=="b"'));
    const all = await caller(sim, { roles: ['USER_ADMIN'], dpop: false });
    expect((await all.call('GET', `/api/v1/groups/rules/${rule.id}`)).status).toBe(200);
    expectDenied(await all.call('POST', '/api/v1/groups/rules', ruleBody([newGroup()], 'user.a=="b"')));
    expectDenied(await all.call('POST', `/api/v1/groups/rules/${rule.id}/lifecycle/deactivate`));
    const some = await caller(sim, { roles: [{ type: 'USER_ADMIN', targets: { groups: [newGroup()] } }], dpop: false });
    expectDenied(await some.call('GET', '/api/v1/groups/rules'));
    const readOnly = await caller(sim, { roles: ['READ_ONLY_ADMIN'], dpop: false });
    expect((await readOnly.call('GET', '/api/v1/groups/rules')).status).toBe(200);
    expectDenied(await readOnly.call('DELETE', `/api/v1/groups/rules/${rule.id}`));
  });

  it('a custom role gets no rule access, even with okta.groups.manage on every group', async () => {
    const role = sim.control.createCustomRole({ label: 'Rules custom', permissions: ['okta.groups.manage'] });
    const set = sim.control.createResourceSet({ label: 'Rules set', resources: [`${sim.origin}/api/v1/groups`] });
    const custom = await caller(sim, { roles: [{ type: 'CUSTOM', role: role.id, resourceSet: set.id }], dpop: false });
    expectDenied(await custom.call('GET', '/api/v1/groups/rules'));
  });

  it('scopes: reads need okta.groups.read, changes okta.groups.manage', async () => {
    const reader = await caller(sim, { scopes: ['okta.groups.read'], roles: ['SUPER_ADMIN'], dpop: false });
    expect((await reader.call('GET', '/api/v1/groups/rules')).status).toBe(200);
    const res = await reader.call('POST', '/api/v1/groups/rules', ruleBody([newGroup()], 'user.a=="b"'));
    expect(res.status).toBe(403);
    expect(res.body).toBeUndefined();
    expect(res.headers.get('www-authenticate')).toContain('scope="okta.groups.manage", error="insufficient_scope"');
  });
});

describe('control plane', () => {
  it('creates (and activates) a rule, reads its exclusions, changes users and deletes groups over HTTP', async () => {
    const ctl = (method: string, p: string, body?: unknown) =>
      fetch(`${sim.origin}/__sim${p}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const g = newGroup();
    const u = newUser({ department: 'Http' });
    const created = await ctl('POST', '/group-rules', {
      name: 'Over HTTP',
      expression: 'user.department=="Http"',
      groupIds: [g],
      activate: true,
    });
    expect(created.status).toBe(200);
    const { id, status } = (await created.json()) as { id: string; status: string };
    expect(status).toBe('ACTIVE');
    expect(members(g)).toEqual([u]);
    expect(await (await ctl('GET', `/groups/${g}/users/${u}/rule-ids`)).json()).toEqual([id]);
    expect((await ctl('DELETE', `/groups/${g}/users/${u}`)).status).toBe(204);
    expect(await (await ctl('GET', `/group-rules/${id}/excluded-user-ids`)).json()).toEqual([u]);
    const v = newUser({ department: 'Other' });
    expect((await ctl('PATCH', `/users/${v}`, { profile: { department: 'Http' } })).status).toBe(200);
    expect(members(g)).toEqual([v]);
    const bad = await ctl('POST', '/group-rules', { name: 'Bad', expression: 'user.x = "y"', groupIds: [g] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "Unexpected character '=' in expression." });
    expect((await ctl('DELETE', `/groups/${g}`)).status).toBe(204);
    expect(sim.control.listIds('groups')).not.toContain(g);
    expect(((await admin.call('GET', `/api/v1/groups/rules/${id}`)).body as RuleJson).status).toBe('INVALID');
    expect((await ctl('DELETE', `/groups/${sim.control.everyoneGroupId}`)).status).toBe(400);
  });
});

describe('demo org', () => {
  it('has one ACTIVE rule keeping Engineering by department, without changing any member list', async () => {
    const keyFile = path.join(await mkdtemp(path.join(tmpdir(), 'sim-rules-')), 'demo.pem');
    const demo = await startDemoOrg({ keyFile });
    const plain = await startSimulator({ seed: 'demo' });
    try {
      const c = await caller(demo, { dpop: false });
      const rules = (await c.call('GET', '/api/v1/groups/rules?expand=groupIdToGroupNameMap')).body as RuleJson[];
      const eng = demo.control.findGroupByName('Engineering')!;
      expect(rules).toMatchObject([
        {
          status: 'ACTIVE',
          name: 'Engineering by department',
          conditions: { expression: { value: 'user.department=="Engineering"' } },
          actions: { assignUserToGroups: { groupIds: [eng.id] } },
          _embedded: { groupIdToGroupNameMap: { [eng.id]: 'Engineering' } },
        },
      ]);
      expect(demo.control.listIds('groups')).toEqual(plain.control.listIds('groups'));
      for (const id of demo.control.listIds('groups'))
        expect(demo.control.getGroupMemberIds(id)).toEqual(plain.control.getGroupMemberIds(id));
      const managed = demo.control
        .getGroupMemberIds(eng.id)
        .filter((u) => demo.control.getMembershipRuleIds(eng.id, u).length > 0);
      expect(managed.length).toBeGreaterThan(0);
      // A reset re-seeds the rule (the caller's app is gone with the reset, so ask with a new one).
      await demo.control.reset();
      const after = await caller(demo, { dpop: false });
      expect((await after.call('GET', '/api/v1/groups/rules')).body).toMatchObject([{ status: 'ACTIVE' }]);
    } finally {
      await demo.close();
      await plain.close();
    }
  });
});

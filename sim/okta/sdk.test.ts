import type * as OktaSdk from '@okta/okta-sdk-nodejs';
import { createPrivateKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type ServiceAppInput, type Simulator } from './index';

// The official Node SDK as an independent client (private-key auth, with and without Require DPoP).
// Known SDK quirks (auth-and-dpop.md §8) that the simulator deliberately does not bend for:
//  - it always sends a DPoP proof, even for apps that don't require DPoP (the simulator ignores it then);
//  - it signs DPoP proofs with the assertion key and alg RS256, so only RSA keys work (pinned below);
//  - it keeps percent-encoding in htu, so only id-addressed calls are made (no logins with '@').

// The SDK is CommonJS; createRequire keeps vitest from trying to transform it.
const require = createRequire(import.meta.url);
const okta = require('@okta/okta-sdk-nodejs') as typeof OktaSdk;

const SCOPES = ['okta.users.read', 'okta.groups.manage', 'okta.apps.manage'];
const ADMIN_APP = { scopes: SCOPES, roles: ['USER_ADMIN', 'APP_ADMIN'] } satisfies ServiceAppInput;
type KeyForm = 'pkcs8' | 'pkcs1' | 'jwk';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
});
afterAll(() => sim.close());

/** A new service app (its scopes, roles, Require DPoP…), a key for it, and the SDK signing with that key in `keyForm`. */
async function sdkClient(app: ServiceAppInput & { scopes: string[] }, keyForm: KeyForm = 'pkcs8') {
  const { clientId } = sim.control.createServiceApp(app);
  const key = await sim.control.generateKey(clientId);
  const privateKey =
    keyForm === 'pkcs8'
      ? key.privateKeyPem
      : keyForm === 'pkcs1'
        ? createPrivateKey(key.privateKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString()
        : JSON.stringify(key.privateJwk);
  const client = new okta.Client({
    orgUrl: sim.origin,
    authorizationMode: 'PrivateKey',
    clientId,
    scopes: app.scopes,
    privateKey,
    ...(keyForm === 'jwk' ? {} : { keyId: key.kid }),
    // No 429 retries: a retry would reuse the old DPoP proof (another SDK quirk).
    maxRetries: 0,
    cacheMiddleware: null,
  } as ConstructorParameters<typeof okta.Client>[0]);
  return { client, clientId };
}

const cases: Array<[KeyForm, boolean]> = [
  ['pkcs8', true],
  ['pkcs1', true],
  ['jwk', true],
  ['pkcs8', false],
  ['pkcs1', false],
  ['jwk', false],
];

describe.each(cases)('SDK with a %s key, Require DPoP = %s', (keyForm, dpopRequired) => {
  let client: InstanceType<typeof okta.Client>;
  beforeAll(async () => {
    ({ client } = await sdkClient({ label: `SDK ${keyForm}`, dpopRequired, ...ADMIN_APP }, keyForm));
  });

  it('lists users, groups and apps with auto-pagination', async () => {
    const users: string[] = [];
    for await (const u of await client.userApi.listUsers({ limit: 40 })) users.push(u!.id!);
    const expectedUsers = sim.control
      .listIds('users')
      .filter((id) => sim.control.getUserStatus(id) !== 'DEPROVISIONED');
    expect(users).toEqual(expectedUsers);

    const groups: string[] = [];
    for await (const g of await client.groupApi.listGroups({ limit: 7 })) groups.push(g!.id!);
    // APP_ADMIN (read access to groups) sees Everyone; a USER_ADMIN-only client would not.
    expect(groups).toEqual(sim.control.listIds('groups'));

    const apps: string[] = [];
    for await (const a of await client.applicationApi.listApplications({ limit: 5 })) apps.push(a!.id!);
    expect(apps).toEqual(sim.control.listIds('apps'));
  });

  it('adds and removes a group member', async () => {
    const group = sim.control.createGroup({ name: `SDK group ${keyForm} ${dpopRequired}` });
    const user = sim.control.createUser({
      login: `sdk.${keyForm}.${dpopRequired}@example.com`,
      firstName: 'Sdk',
      lastName: 'User',
    });
    await client.groupApi.assignUserToGroup({ groupId: group.id, userId: user.id });
    expect(sim.control.getGroupMemberIds(group.id)).toEqual([user.id]);
    const members: string[] = [];
    for await (const m of await client.groupApi.listGroupUsers({ groupId: group.id })) members.push(m!.id!);
    expect(members).toEqual([user.id]);
    await client.groupApi.unassignUserFromGroup({ groupId: group.id, userId: user.id });
    expect(sim.control.getGroupMemberIds(group.id)).toEqual([]);
  });

  it('assigns and unassigns an app to a user and to a group', async () => {
    const app = sim.control.createApp({ label: `SDK app ${keyForm} ${dpopRequired}`, signOnMode: 'BOOKMARK' });
    const user = sim.control.createUser({ login: `sdk.app.${keyForm}.${dpopRequired}@example.com` });
    const group = sim.control.createGroup({ name: `SDK app group ${keyForm} ${dpopRequired}` });
    const appUser = await client.applicationApi.assignUserToApplication({ appId: app.id, appUser: { id: user.id } });
    expect(appUser.scope).toBe('USER');
    expect(sim.control.getAppUser(app.id, user.id)).toEqual({ scope: 'USER' });
    await client.applicationApi.unassignUserFromApplication({ appId: app.id, userId: user.id });
    expect(sim.control.getAppUser(app.id, user.id)).toBeNull();

    const assignment = await client.applicationApi.assignGroupToApplication({
      appId: app.id,
      groupId: group.id,
      applicationGroupAssignment: { priority: 0 },
    });
    expect(assignment.id).toBe(group.id);
    expect(sim.control.getAppGroupIds(app.id)).toEqual([group.id]);
    await client.applicationApi.unassignApplicationFromGroup({ appId: app.id, groupId: group.id });
    expect(sim.control.getAppGroupIds(app.id)).toEqual([]);
  });
});

describe('SDK: a custom role with okta.iam.read reads its own roles', () => {
  it('lists its role assignment, the role, its permissions, the resource set and its resources', async () => {
    const group = sim.control.createGroup({ name: 'SDK managed' });
    const role = sim.control.createCustomRole({
      label: 'SDK console',
      permissions: ['okta.groups.read', 'okta.groups.members.manage', 'okta.iam.read'],
    });
    const set = sim.control.createResourceSet({
      label: 'SDK set',
      resources: [`${sim.origin}/api/v1/groups/${group.id}`],
    });
    const scopes = [...SCOPES, 'okta.roles.read'];
    const { client, clientId } = await sdkClient({
      dpopRequired: false,
      scopes,
      roles: [{ type: 'CUSTOM', role: role.id, resourceSet: set.id }],
    });

    const assignments: Array<{ id?: string; type?: string; role?: string }> = [];
    for await (const r of await client.roleAssignmentApi.listRolesForClient({ clientId }))
      assignments.push(r as { id?: string; type?: string; role?: string });
    expect(assignments).toMatchObject([{ type: 'CUSTOM', role: role.id }]);
    const targets: unknown[] = [];
    const roleAssignmentId = assignments[0]!.id!;
    for await (const g of await client.roleTargetApi.listGroupTargetRoleForClient({ clientId, roleAssignmentId }))
      targets.push(g);
    expect(targets).toEqual([]);
    expect((await client.customRoleApi.getRole({ roleIdOrLabel: role.id })).label).toBe('SDK console');
    const permissions = await client.customRoleApi.listRolePermissions({ roleIdOrLabel: role.id });
    expect(permissions.permissions?.map((p) => p.label)).toEqual([
      'okta.groups.read',
      'okta.groups.members.manage',
      'okta.iam.read',
    ]);
    expect((await client.resourceSetApi.getResourceSet({ resourceSetId: set.id })).label).toBe('SDK set');
    const resources = await client.resourceSetApi.listResourceSetResources({ resourceSetId: set.id });
    expect(resources.resources?.map((r) => r.orn)).toEqual([`orn:okta:directory:sim:groups:${group.id}`]);
  });
});

describe('SDK: group rules', () => {
  it('creates a rule INACTIVE, activates it, pages the list with the map expanded, and deletes it', async () => {
    const scopes = ['okta.groups.manage'];
    const { client } = await sdkClient({ dpopRequired: false, scopes, roles: ['ORG_ADMIN'] });
    const group = sim.control.createGroup({ name: 'SDK rule target' });
    const user = sim.control.createUser({ login: 'sdk.rule@example.com', department: 'SDK rules' });

    const ids: string[] = [];
    for (const name of ['SDK rule one', 'SDK rule two', 'SDK rule three']) {
      const rule = await client.groupApi.createGroupRule({
        groupRule: {
          type: 'group_rule',
          name,
          conditions: {
            people: { users: { exclude: [] } },
            expression: { value: 'user.department=="SDK rules"', type: 'urn:okta:expression:1.0' },
          },
          actions: { assignUserToGroups: { groupIds: [group.id] } },
        },
      });
      expect(rule.status).toBe('INACTIVE');
      ids.push(rule.id!);
    }
    await client.groupApi.activateGroupRule({ ruleId: ids[0]! });
    expect(sim.control.getGroupMemberIds(group.id)).toEqual([user.id]);
    expect((await client.groupApi.getGroupRule({ ruleId: ids[0]! })).status).toBe('ACTIVE');

    // The SDK's GroupRule model (8.1) has no `_embedded`, so it drops groupIdToGroupNameMap when it
    // deserializes; the expand is still sent and answered (group-rules.test.ts checks the map).
    const listed: Array<{ id?: string; groupIds?: string[] }> = [];
    for await (const r of await client.groupApi.listGroupRules({
      limit: 2,
      search: 'SDK rule',
      expand: 'groupIdToGroupNameMap',
    }))
      listed.push({ id: r!.id, groupIds: r!.actions?.assignUserToGroups?.groupIds });
    expect(listed).toEqual(ids.map((id) => ({ id, groupIds: [group.id] })));

    await client.groupApi.deleteGroupRule({ ruleId: ids[1]! });
    const error = await client.groupApi.getGroupRule({ ruleId: ids[1]! }).then(
      () => undefined,
      (e: unknown) => e as { status?: number; errorCode?: string },
    );
    expect(error).toMatchObject({ status: 404, errorCode: 'E0000007' });
  });
});

describe('SDK: System Log', () => {
  it('reads the events of changes made through it, paging a bounded query to its end', async () => {
    const scopes = ['okta.groups.manage', 'okta.logs.read'];
    const { client, clientId } = await sdkClient({ dpopRequired: false, scopes, roles: ['ORG_ADMIN'] });
    const group = sim.control.createGroup({ name: 'SDK log group' });
    const users = [1, 2, 3].map((n) => sim.control.createUser({ login: `sdk.log.${n}@example.com` }).id);
    for (const userId of users) await client.groupApi.assignUserToGroup({ groupId: group.id, userId });
    await client.groupApi.unassignUserFromGroup({ groupId: group.id, userId: users[0]! });

    const since = new Date(Date.now() - 60_000).toISOString();
    const until = new Date(Date.now() + 1_000).toISOString();
    const seen: Array<{ type?: string; user?: string; actor?: string }> = [];
    const events = await client.systemLogApi.listLogEvents({
      since,
      until,
      filter: `target.id eq "${group.id}"`,
      limit: 2,
    });
    for await (const e of events)
      seen.push({
        type: e!.eventType,
        user: e!.target?.find((t) => t.type === 'User')?.id,
        actor: e!.actor?.id,
      });
    expect(seen).toEqual([
      ...users.map((user) => ({ type: 'group.user_membership.add', user, actor: clientId })),
      { type: 'group.user_membership.remove', user: users[0], actor: clientId },
    ]);
  });
});

describe('SDK quirks, pinned', () => {
  it('does not throw token errors: an unknown client ends as a 401 from the API, not from /token', async () => {
    const { clientId } = sim.control.createServiceApp({ dpopRequired: false, scopes: SCOPES, roles: ['USER_ADMIN'] });
    const key = await sim.control.generateKey(clientId);
    sim.control.deleteKey(clientId, key.kid);
    const client = new okta.Client({
      orgUrl: sim.origin,
      authorizationMode: 'PrivateKey',
      clientId,
      scopes: SCOPES,
      privateKey: key.privateKeyPem,
      keyId: key.kid,
      maxRetries: 0,
    } as ConstructorParameters<typeof okta.Client>[0]);
    const before = sim.control.stats();
    const error = await client.userApi.getUser({ userId: sim.control.listIds('users')[0]! }).then(
      () => undefined,
      (e: unknown) => e as { status?: number; errorCode?: string },
    );
    expect(error?.status).toBe(401);
    expect(error?.errorCode).toBe('E0000011');
    // One token fetch, a 401, the SDK's single clear-cache-and-retry, another 401.
    const after = sim.control.stats();
    expect(after.tokenRequests - before.tokenRequests).toBe(2);
    expect((after.requests['GET /api/v1/users/:id'] ?? 0) - (before.requests['GET /api/v1/users/:id'] ?? 0)).toBe(2);
  });

  it('cannot use an EC key at all: it signs every DPoP proof with RS256 and fails before sending anything', async () => {
    const { clientId } = sim.control.createServiceApp({ dpopRequired: false, scopes: SCOPES, roles: ['USER_ADMIN'] });
    const key = await sim.control.generateKey(clientId, { alg: 'ES256' });
    const client = new okta.Client({
      orgUrl: sim.origin,
      authorizationMode: 'PrivateKey',
      clientId,
      scopes: SCOPES,
      privateKey: JSON.stringify(key.privateJwk),
      maxRetries: 0,
    } as ConstructorParameters<typeof okta.Client>[0]);
    const before = sim.control.stats().tokenRequests;
    await expect(client.userApi.getUser({ userId: sim.control.listIds('users')[0]! })).rejects.toThrow(
      /unsupported algorithm/,
    );
    expect(sim.control.stats().tokenRequests).toBe(before);
  });

  it('keeps percent-encoding in htu, so a DPoP call by login with "@" is refused (okta-sdk-nodejs#521)', async () => {
    const { client } = await sdkClient({ label: 'SDK pkcs8', dpopRequired: true, ...ADMIN_APP });
    sim.control.createUser({ login: 'sdk.htu@example.com' });
    const error = await client.userApi.getUser({ userId: 'sdk.htu@example.com' }).then(
      () => undefined,
      (e: unknown) => e as { status?: number; headers?: { get(name: string): string | null } },
    );
    expect(error?.status).toBe(400);
    expect(error?.headers?.get('www-authenticate')).toContain(`'htu' claim in the DPoP proof JWT is invalid.`);
  });
});

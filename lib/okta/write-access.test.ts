import { describe, expect, it } from 'vitest';
import { assessRoles, CUSTOM_ROLE_PERMISSIONS, resourceReach, type RoleFacts } from './write-access';

const standard = (type: string, targets: { groups?: string[]; apps?: string[] } = {}): RoleFacts => ({
  kind: 'standard',
  type,
  label: type,
  groups: targets.groups ?? [],
  apps: targets.apps ?? [],
});
const custom = (permissions: readonly string[], resources: string[]): RoleFacts => ({
  kind: 'custom',
  label: 'Custom role “Access console”',
  permissions: [...permissions],
  resources,
});
const org = 'https://acme.okta.com';

describe('assessRoles', () => {
  it('a Read-Only Administrator reads everything and may change nothing', () => {
    const a = assessRoles([standard('READ_ONLY_ADMIN')]);
    expect(a.memberships.state).toBe('no');
    expect(a.appAssignments.state).toBe('no');
    expect(a.memberships.detail).toMatch(/Group Membership Administrator/);
    expect(a.roles).toEqual([
      { type: 'READ_ONLY_ADMIN', label: 'READ_ONLY_ADMIN', allows: 'no changes to memberships or app assignments' },
    ]);
  });

  it('Group Administrator plus Application Administrator cover both, and targets are named', () => {
    const a = assessRoles([standard('USER_ADMIN', { groups: ['Sales'] }), standard('APP_ADMIN', { apps: ['Slack'] })]);
    expect(a.memberships).toMatchObject({ state: 'yes' });
    expect(a.memberships.detail).toMatch(/groups Sales, for users already in one of them/);
    expect(a.appAssignments).toEqual({ state: 'yes', detail: 'APP_ADMIN: apps Slack' });
  });

  it('Super and Org Administrators differ on groups that hold admin roles', () => {
    expect(assessRoles([standard('SUPER_ADMIN')]).memberships.detail).toMatch(/including groups that hold admin roles/);
    expect(assessRoles([standard('ORG_ADMIN')]).memberships.detail).toMatch(/except groups that hold admin roles/);
  });

  it('the least-privilege custom role on one group and one app allows both there', () => {
    const a = assessRoles([
      custom(CUSTOM_ROLE_PERMISSIONS, [`${org}/api/v1/users`, `${org}/api/v1/groups/00g1`, `${org}/api/v1/apps/0oa1`]),
    ]);
    expect(a.memberships).toMatchObject({ state: 'yes', detail: expect.stringContaining('groups 00g1') as unknown });
    expect(a.appAssignments).toMatchObject({ state: 'yes', detail: expect.stringContaining('apps 0oa1') as unknown });
  });

  it('a custom role missing half of a pair, or a resource set without users, is named as the gap', () => {
    const half = assessRoles([custom(['okta.groups.members.manage'], [`${org}/api/v1/groups`, `${org}/api/v1/users`])]);
    expect(half.memberships.state).toBe('no');
    expect(half.memberships.detail).toMatch(/lacks okta\.users\.groupMembership\.manage/);
    const noUsers = assessRoles([custom(CUSTOM_ROLE_PERMISSIONS, [`${org}/api/v1/groups`, `${org}/api/v1/apps`])]);
    expect(noUsers.memberships.detail).toMatch(/resource set holds no users/);
  });

  it('no roles at all is a no for both', () => {
    const a = assessRoles([]);
    expect([a.memberships.state, a.appAssignments.state]).toEqual(['no', 'no']);
  });
});

describe('resourceReach', () => {
  it('reads REST URLs and ORNs', () => {
    expect(
      resourceReach([
        'orn:okta:directory:00o1:groups:00g1:contained_resources',
        'orn:okta:directory:00o1:groups:00g2',
        'orn:okta:idp:00o1:apps:salesforce:0oa9',
      ]),
    ).toEqual({ users: true, groups: ['00g2'], apps: ['0oa9'] });
    expect(resourceReach([`${org}/api/v1/groups`, `${org}/api/v1/apps?filter=name+eq+%22slack%22`])).toEqual({
      users: false,
      groups: 'all',
      apps: ['type:slack'],
    });
    expect(resourceReach(['orn:okta:idp:00o1:apps', `${org}/api/v1/apps/0oa2`])).toEqual({
      users: false,
      groups: [],
      apps: 'all',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { parseRoleGroups, roleFromGroups } from './okta-role-groups';

const parsed = (text: string) => {
  const r = parseRoleGroups(text);
  if (!r.ok) throw new Error(r.error);
  return r.mapping;
};

describe('OKTA_SIGNIN_ROLE_GROUPS', () => {
  it('reads role:group entries separated by semicolons, group names with spaces and colons', () => {
    expect(parsed(' admin:Console Admins ; operator:Access Ops;viewer:Team: Read only;')).toEqual([
      { role: 'admin', group: 'Console Admins' },
      { role: 'operator', group: 'Access Ops' },
      { role: 'viewer', group: 'Team: Read only' },
    ]);
  });

  it.each([
    ['', 'name at least one group'],
    ['owner:Console Admins', 'start each entry with admin:, operator: or viewer:'],
    ['Console Admins', 'start each entry with admin:'],
    ['admin:', 'name the Okta group after the colon'],
    ['admin:Ops;viewer:Ops', '"Ops" is named twice'],
  ])('refuses %j', (text, message) => {
    const r = parseRoleGroups(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toContain(message);
  });
});

describe('the role from the groups claim', () => {
  const mapping = parsed('admin:Console Admins;operator:Access Ops;operator:On-call;viewer:Everyone');

  it('gives the highest role of the mapped groups', () => {
    expect(roleFromGroups(['Everyone', 'Access Ops', 'Console Admins'], mapping)).toBe('admin');
    expect(roleFromGroups(['Everyone', 'On-call'], mapping)).toBe('operator');
    expect(roleFromGroups(['Everyone', 'Engineering'], mapping)).toBe('viewer');
  });

  it('gives no role when no group is mapped; names compare exactly', () => {
    expect(roleFromGroups([], mapping)).toBeNull();
    expect(roleFromGroups(['console admins', 'Engineering'], mapping)).toBeNull();
  });
});

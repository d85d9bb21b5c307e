import type { OktaGroup } from '@/lib/okta';
import { defineKind, type Relation } from './types';

// A user's membership of a group: PUT / DELETE /api/v1/groups/{groupId}/users/{userId} (okta.groups.manage).

export const membership: Relation = {
  id: 'membership',
  resource: 'group',
  bucket: 'groups',
  member: 'user',
  memberFirst: true,
  // Okta lets the API change the members of OKTA_GROUP groups only, and of a group that holds an admin role only
  // as a Super Administrator (E0000006 otherwise: admin-roles-and-permissions.md §1).
  refusal: (resource, facts) => {
    const group = resource as OktaGroup;
    if (group.type === 'APP_GROUP')
      return `${group.name} is imported from an app (APP_GROUP): change its members in the source app or directory, not in Okta.`;
    if (group.type === 'BUILT_IN')
      return `${group.name} is managed by Okta (BUILT_IN): every user is in it automatically.`;
    if (facts?.holdsAdminRole && !facts.superAdmin)
      return `${group.name} holds an admin role: Okta lets only a Super Administrator change its members, and this integration’s app is not known to be one (its connection test read no Super Administrator role).`;
    return null;
  },
  holders: {
    pageSize: 200,
    async *list(okta, groupId, page) {
      for await (const user of okta.groups.members(groupId, page)) yield { id: user.id, holding: 'direct' as const };
    },
    read: async (okta, groupId, userId) =>
      (await okta.users.groups(userId)).some((g) => g.id === groupId) ? 'direct' : 'none',
  },
};

export const addMember = defineKind({
  id: 'group.add_member',
  relation: membership,
  grants: true,
  reverse: 'group.remove_member',
  bulk: true,
  label: 'Add to group',
  changed: 'added',
  already: 'already_member',
  say: {
    added: (user, group) => `${user} added to ${group}.`,
    already_member: (user, group) => `${user} is already a member of ${group}.`,
  },
  skipped: { message: 'Already a member: nothing to do.', heading: 'Already members' },
  job: (users, group) => `Add ${users} to ${group}`,
  title: (group) => `Add users to ${group}`,
  timeBound: {
    what: (user, group) => `${user} in ${group}`,
    kept: (user, group) => `${user} was already a member of ${group} before the grant: nothing removed.`,
  },
  write: (okta, { resourceId, memberId }, { precheck }) => okta.groups.addMember(resourceId, memberId, { precheck }),
});

export const removeMember = defineKind({
  id: 'group.remove_member',
  relation: membership,
  grants: false,
  reverse: 'group.add_member',
  bulk: true,
  label: 'Remove from group',
  changed: 'removed',
  already: 'not_member',
  say: {
    removed: (user, group) => `${user} removed from ${group}.`,
    not_member: (user, group) => `${user} was not a member of ${group}.`,
  },
  skipped: { message: 'Not a member: nothing to do.', heading: 'Not members' },
  job: (users, group) => `Remove ${users} from ${group}`,
  title: (group) => `Remove users from ${group}`,
  write: (okta, { resourceId, memberId }, { precheck }) => okta.groups.removeMember(resourceId, memberId, { precheck }),
});

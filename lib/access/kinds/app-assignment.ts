import type { OktaApp } from '@/lib/okta';
import { defineKind, type Relation } from './types';

// App assignments: to a user directly (/api/v1/apps/{appId}/users) and to a group (/api/v1/apps/{appId}/groups),
// both okta.apps.manage. A user can also hold an app through a group; Okta refuses to unassign that (E0000046).

/** Okta changes the assignments of ACTIVE apps only. */
const activeOnly = (resource: unknown) => {
  const app = resource as OktaApp;
  return app.status === 'ACTIVE'
    ? null
    : `${app.label} is ${app.status.toLowerCase()}: activate it in Okta before changing assignments.`;
};

export const appUser: Relation = {
  id: 'app_user',
  resource: 'app',
  bucket: 'apps',
  member: 'user',
  memberFirst: false,
  refusal: activeOnly,
  holders: {
    pageSize: 500,
    async *list(okta, appId, page) {
      for await (const a of okta.apps.users(appId, page))
        yield { id: a.userId, holding: a.scope === 'USER' ? ('direct' as const) : ('indirect' as const) };
    },
    read: async (okta, appId, userId) => {
      const scope = (await okta.apps.getUser(appId, userId))?.scope;
      return scope === undefined ? 'none' : scope === 'USER' ? 'direct' : 'indirect';
    },
  },
};

export const appGroup: Relation = {
  id: 'app_group',
  resource: 'app',
  bucket: 'apps',
  member: 'group',
  memberFirst: false,
  refusal: activeOnly,
  holders: {
    pageSize: 200,
    async *list(okta, appId, page) {
      for await (const a of okta.apps.groups(appId, page)) yield { id: a.groupId, holding: 'direct' as const };
    },
    read: async (okta, appId, groupId) => ((await okta.apps.getGroup(appId, groupId)) ? 'direct' : 'none'),
  },
};

export const assignUser = defineKind({
  id: 'app.assign_user',
  relation: appUser,
  grants: true,
  reverse: 'app.unassign_user',
  bulk: true,
  label: 'Assign app',
  changed: 'assigned',
  already: 'already_assigned',
  say: {
    assigned: (user, app) => `${app} assigned to ${user}.`,
    already_assigned: (user, app) => `${user} already has ${app} assigned directly.`,
  },
  skipped: { message: 'Already assigned directly: nothing to do.', heading: 'Already assigned' },
  job: (users, app) => `Assign ${app} to ${users}`,
  title: (app) => `Assign ${app} to users`,
  timeBound: {
    what: (user, app) => `${app} for ${user}`,
    kept: (user, app) => `${user} already had ${app} assigned directly before the grant: nothing unassigned.`,
  },
  write: (okta, { resourceId, memberId }, { precheck }) => okta.apps.assignUser(resourceId, memberId, { precheck }),
});

export const unassignUser = defineKind({
  id: 'app.unassign_user',
  relation: appUser,
  grants: false,
  reverse: 'app.assign_user',
  bulk: true,
  label: 'Unassign app',
  changed: 'unassigned',
  already: 'not_assigned',
  say: {
    unassigned: (user, app) => `${app} unassigned from ${user}.`,
    not_assigned: (user, app) => `${user} did not have ${app}.`,
    granted_by_group: (user, app, { via }) =>
      `${user} gets ${app} through ${via ?? 'a group'}. Remove them from that group, or unassign the app from the group, instead (Okta E0000046).`,
  },
  skipped: { message: 'Does not have the app: nothing to do.', heading: 'Not assigned' },
  job: (users, app) => `Unassign ${app} from ${users}`,
  title: (app) => `Unassign ${app} from users`,
  write: (okta, { resourceId, memberId }, { precheck }) => okta.apps.unassignUser(resourceId, memberId, { precheck }),
});

const priority = (p?: number) => (p === undefined ? '' : ` (priority ${p})`);

export const assignGroup = defineKind({
  id: 'app.assign_group',
  relation: appGroup,
  grants: true,
  reverse: 'app.unassign_group',
  bulk: false,
  label: 'Assign app to group',
  changed: 'assigned',
  already: 'already_assigned',
  say: {
    assigned: (group, app, x) => `${app} assigned to ${group}${priority(x.priority)}.`,
    updated: (group, app, x) => `${app} priority updated for ${group}${priority(x.priority)}.`,
    already_assigned: (group, app, x) => `${app} was already assigned to ${group}${priority(x.priority)}.`,
  },
  skipped: { message: 'Already assigned: nothing to do.', heading: 'Already assigned' },
  job: (groups, app) => `Assign ${app} to ${groups}`,
  title: (app) => `Assign ${app} to groups`,
  timeBound: {
    what: (group, app) => `${app} for ${group}`,
    kept: (group, app) => `${app} was already assigned to ${group} before the grant: nothing unassigned.`,
  },
  // Okta's PUT always sends a priority it picks when none is given; the pre-read tells a new assignment apart.
  write: (okta, { resourceId, memberId, priority }) => okta.apps.assignGroup(resourceId, memberId, { priority }),
});

export const unassignGroup = defineKind({
  id: 'app.unassign_group',
  relation: appGroup,
  grants: false,
  reverse: 'app.assign_group',
  bulk: false,
  label: 'Unassign app from group',
  changed: 'unassigned',
  already: 'not_assigned',
  say: {
    unassigned: (group, app) => `${app} unassigned from ${group}.`,
    not_assigned: (group, app) => `${group} did not have ${app}.`,
  },
  skipped: { message: 'Not assigned: nothing to do.', heading: 'Not assigned' },
  job: (groups, app) => `Unassign ${app} from ${groups}`,
  title: (app) => `Unassign ${app} from groups`,
  write: (okta, { resourceId, memberId }) => okta.apps.unassignGroup(resourceId, memberId),
});

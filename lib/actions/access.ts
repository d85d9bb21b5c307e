'use server';

import { checkAppAccess, checkMembership } from '@/lib/access/checks';
import {
  addUserToGroup,
  assignAppToGroup,
  assignAppToUser,
  removeUserFromGroup,
  unassignAppFromGroup,
  unassignAppFromUser,
  type AccessResult,
  type OpContext,
} from '@/lib/access/operations';
import { appGroupRefSchema, appGroupSchema, appUserSchema, membershipSchema } from '@/lib/validations/access';
import { revalidatePath } from 'next/cache';
import { defineAction, type ActionContext } from './action';
import { fail, ok, type ActionResult } from './result';

// Access operations for operators and admins; the work and the audit are in lib/access.
const opContext = (integrationId: string, { user, ip }: ActionContext): OpContext => ({
  integrationId,
  actor: { type: 'user', id: user.id, label: user.email },
  ip,
});

function toResult(r: AccessResult, integrationId: string): ActionResult<AccessResult> {
  revalidatePath(`/directory/${integrationId}`, 'layout');
  return r.ok
    ? ok(r, r.message)
    : fail(r.reason === 'not_found' ? 'not_found' : r.reason === 'refused' ? 'conflict' : 'upstream', r.message);
}

/** Adds a user to an OKTA_GROUP group. */
export const addUserToGroupAction = defineAction(
  { name: 'group.add_member', role: 'operator', input: membershipSchema },
  async (i, ctx) =>
    toResult(await addUserToGroup(opContext(i.integrationId, ctx), i.userId, i.groupId), i.integrationId),
);

/** Removes a user from an OKTA_GROUP group. */
export const removeUserFromGroupAction = defineAction(
  { name: 'group.remove_member', role: 'operator', input: membershipSchema },
  async (i, ctx) =>
    toResult(await removeUserFromGroup(opContext(i.integrationId, ctx), i.userId, i.groupId), i.integrationId),
);

/** Assigns an app to a user directly. */
export const assignAppToUserAction = defineAction(
  { name: 'app.assign_user', role: 'operator', input: appUserSchema },
  async (i, ctx) =>
    toResult(await assignAppToUser(opContext(i.integrationId, ctx), i.appId, i.userId), i.integrationId),
);

/** Unassigns an app from a user; refused with the granting groups when the access comes from a group. */
export const unassignAppFromUserAction = defineAction(
  { name: 'app.unassign_user', role: 'operator', input: appUserSchema },
  async (i, ctx) =>
    toResult(await unassignAppFromUser(opContext(i.integrationId, ctx), i.appId, i.userId), i.integrationId),
);

/** Assigns an app to a group, with an optional priority. */
export const assignAppToGroupAction = defineAction(
  { name: 'app.assign_group', role: 'operator', input: appGroupSchema },
  async (i, ctx) =>
    toResult(await assignAppToGroup(opContext(i.integrationId, ctx), i.appId, i.groupId, i.priority), i.integrationId),
);

/** Unassigns an app from a group. */
export const unassignAppFromGroupAction = defineAction(
  { name: 'app.unassign_group', role: 'operator', input: appGroupRefSchema },
  async (i, ctx) =>
    toResult(await unassignAppFromGroup(opContext(i.integrationId, ctx), i.appId, i.groupId), i.integrationId),
);

/** Is this user in this group? */
export const checkMembershipAction = defineAction(
  { name: 'group.check_member', role: 'operator', input: membershipSchema },
  async (i, ctx) => {
    const r = await checkMembership(opContext(i.integrationId, ctx), i.userId, i.groupId);
    return r.ok ? ok(r, r.message) : fail('not_found', r.message);
  },
);

/** Does this user have this app, directly or through which groups? */
export const checkAppAccessAction = defineAction(
  { name: 'app.check_user', role: 'operator', input: appUserSchema },
  async (i, ctx) => {
    const r = await checkAppAccess(opContext(i.integrationId, ctx), i.userId, i.appId);
    return r.ok ? ok(r, r.message) : fail('not_found', r.message);
  },
);

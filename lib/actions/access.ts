'use server';

import { checkAppAccess, checkMembership } from '@/lib/access/checks';
import { changeInput, type EndIds, type GrantKindId, type KindId } from '@/lib/access/kinds';
import { changeAccess, type AccessResult, type OpContext } from '@/lib/access/operations';
import { userActor } from '@/lib/audit';
import { grantAccess, type GrantResult } from '@/lib/grants/service';
import {
  appGroupRefSchema,
  appUserSchema,
  grantAppGroupSchema,
  grantAppUserSchema,
  grantMembershipSchema,
  membershipSchema,
} from '@/lib/validations/access';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { defineAction, type ActionContext } from './action';
import { fail, ok, type ActionResult } from './result';

// Access operations for operators and admins; the work and the audit are in lib/access.
const opContext = (integrationId: string, { user, ip }: ActionContext): OpContext => ({
  integrationId,
  actor: userActor(user),
  ip,
});

function toResult<R extends AccessResult>(r: R, integrationId: string): ActionResult<R> {
  revalidatePath(`/directory/${integrationId}`, 'layout');
  return r.ok
    ? ok(r, r.message)
    : fail(r.reason === 'not_found' ? 'not_found' : r.reason === 'refused' ? 'conflict' : 'upstream', r.message);
}

/** One access change of `kind`, its input named as the kind's ends are (userId, groupId, appId). */
const changeAction = <S extends z.ZodType<{ integrationId: string } & EndIds>>(kind: KindId, input: S) =>
  defineAction({ name: kind, role: 'operator', input }, async (i, ctx) =>
    toResult(await changeAccess(opContext(i.integrationId, ctx), kind, changeInput(kind, i)), i.integrationId),
  );

/**
 * A change that gives access: permanent, or with `expiresAt` and a reason a time-bound grant (lib/grants); an end
 * the rules refuse is a field error on `expiresAt`, and nothing changes.
 */
const grantAction = <S extends z.ZodType<{ integrationId: string; expiresAt?: Date; reason?: string } & EndIds>>(
  kind: GrantKindId,
  input: S,
) =>
  defineAction(
    { name: kind, role: 'operator', input },
    async (i, ctx): Promise<ActionResult<AccessResult | GrantResult>> => {
      if (!i.expiresAt)
        return toResult(
          await changeAccess(opContext(i.integrationId, ctx), kind, changeInput(kind, i)),
          i.integrationId,
        );
      const actor = { type: 'user' as const, id: ctx.user.id, label: ctx.user.email };
      const r = await grantAccess({ integrationId: i.integrationId, actor, ip: ctx.ip }, kind, changeInput(kind, i), {
        endsAt: i.expiresAt,
        reason: i.reason ?? '',
      });
      if (!r.ok && r.reason === 'invalid') return fail('invalid_input', r.message, { [r.field]: [r.message] });
      return toResult(r, i.integrationId);
    },
  );

/** Adds a user to an OKTA_GROUP group, permanently or until a time. */
export const addUserToGroupAction = grantAction('group.add_member', grantMembershipSchema);

/** Removes a user from an OKTA_GROUP group. */
export const removeUserFromGroupAction = changeAction('group.remove_member', membershipSchema);

/** Assigns an app to a user directly, permanently or until a time. */
export const assignAppToUserAction = grantAction('app.assign_user', grantAppUserSchema);

/** Unassigns an app from a user; refused with the granting groups when the access comes from a group. */
export const unassignAppFromUserAction = changeAction('app.unassign_user', appUserSchema);

/** Assigns an app to a group, with an optional priority, permanently or until a time. */
export const assignAppToGroupAction = grantAction('app.assign_group', grantAppGroupSchema);

/** Unassigns an app from a group. */
export const unassignAppFromGroupAction = changeAction('app.unassign_group', appGroupRefSchema);

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

'use server';

import { recordAudit, userActor } from '@/lib/audit';
import {
  countActiveAdmins,
  createConsoleUser,
  EmailTakenError,
  findUserById,
  updateConsoleUser,
} from '@/lib/auth/users';
import { changeRoleSchema, createConsoleUserSchema, setDisabledSchema } from '@/lib/validations/console-users';
import { revalidatePath } from 'next/cache';
import { defineAction } from './action';
import { fail, ok } from './result';

/** Adds a console user (admin only). */
export const createConsoleUserAction = defineAction(
  { name: 'console_user.create', role: 'admin', input: createConsoleUserSchema },
  async (input, { user, ip }) => {
    try {
      const created = await createConsoleUser({ ...input, createdBy: user.id });
      await recordAudit({
        actor: userActor(user),
        action: 'console_user.create',
        outcome: 'success',
        target: { type: 'console_user', id: created.id, label: created.email },
        detail: { role: created.role },
        ip,
      });
      revalidatePath('/settings');
      return ok({ id: created.id }, `${created.email} can now sign in as ${created.role}.`);
    } catch (err) {
      if (err instanceof EmailTakenError)
        return fail('conflict', 'A console user with this email already exists.', { email: ['Already in use'] });
      throw err;
    }
  },
);

/** Changes a console user's role; their open sessions end (admin only). */
export const changeConsoleUserRoleAction = defineAction(
  { name: 'console_user.change_role', role: 'admin', input: changeRoleSchema },
  async (input, { user, ip }) => {
    const target = await findUserById(input.userId);
    if (!target) return fail('not_found', 'That console user no longer exists.');
    if (target.oktaSub)
      return fail(
        'conflict',
        `${target.email} signs in with Okta: their role follows their Okta groups (OKTA_SIGNIN_ROLE_GROUPS). Change their groups in Okta.`,
      );
    if (target.role === 'admin' && input.role !== 'admin' && !target.disabled && (await countActiveAdmins()) <= 1)
      return fail('conflict', 'This is the last active admin. Make someone else an admin first.');
    await updateConsoleUser(target.id, { role: input.role });
    await recordAudit({
      actor: userActor(user),
      action: 'console_user.change_role',
      outcome: 'success',
      target: { type: 'console_user', id: target.id, label: target.email },
      detail: { from: target.role, to: input.role },
      ip,
    });
    revalidatePath('/settings');
    return ok(undefined, `${target.email} is now ${input.role}.`);
  },
);

/** Disables or re-enables a console user; disabling ends their sessions on the next request (admin only). */
export const setConsoleUserDisabledAction = defineAction(
  { name: 'console_user.set_disabled', role: 'admin', input: setDisabledSchema },
  async (input, { user, ip }) => {
    const target = await findUserById(input.userId);
    if (!target) return fail('not_found', 'That console user no longer exists.');
    if (input.disabled && target.id === user.id) return fail('conflict', 'You cannot disable your own account.');
    if (input.disabled && target.role === 'admin' && (await countActiveAdmins()) <= 1)
      return fail('conflict', 'This is the last active admin. Make someone else an admin first.');
    await updateConsoleUser(target.id, { disabled: input.disabled });
    const action = input.disabled ? 'console_user.disable' : 'console_user.enable';
    await recordAudit({
      actor: userActor(user),
      action,
      outcome: 'success',
      target: { type: 'console_user', id: target.id, label: target.email },
      ip,
    });
    revalidatePath('/settings');
    return ok(undefined, `${target.email} is ${input.disabled ? 'disabled' : 'enabled'}.`);
  },
);

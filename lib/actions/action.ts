import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit';
import { currentClientIp } from '@/lib/auth/client-ip';
import { getCurrentUser, type SessionUser } from '@/lib/auth/current-user';
import { hasRole, ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { log } from '@/lib/log';
import { formDataToObject } from './form-data';
import { fail, type ActionResult } from './result';

export interface ActionContext {
  user: SessionUser;
  ip: string;
}

export interface ActionMeta {
  name: string;
  role: Role;
  input: z.ZodType;
}

/**
 * The one gate every server action goes through: session → role → zod parse → handler. It accepts a
 * typed object, FormData, or useActionState's (previousState, FormData) pair. Unexpected errors are
 * logged with a reference and answered with that reference only, never with a message or stack.
 */
export function defineAction<S extends z.ZodType, T>(
  meta: { name: string; role: Role; input: S },
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<ActionResult<T>>,
) {
  const action = async (...args: unknown[]): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    if (!user) return fail('unauthenticated', 'Your session has ended. Sign in again.');
    const ip = await currentClientIp();
    if (!hasRole(user.role, meta.role)) {
      await recordAudit({ actor: { type: 'user', id: user.id, label: user.email }, action: meta.name, outcome: 'denied', detail: { reason: 'role', required: meta.role }, ip });
      return fail('forbidden', `This needs the ${ROLE_LABELS[meta.role]} role; you are ${ROLE_LABELS[user.role]}.`);
    }
    const raw = args.length >= 2 ? args[1] : args[0];
    const parsed = meta.input.safeParse(raw instanceof FormData ? formDataToObject(raw) : (raw ?? {}));
    if (!parsed.success) {
      const { fieldErrors, formErrors } = z.flattenError(parsed.error as z.ZodError<Record<string, unknown>>);
      return fail('invalid_input', formErrors[0] ?? 'Check the highlighted fields.', fieldErrors as Record<string, string[]>);
    }
    try {
      return await handler(parsed.data, { user, ip });
    } catch (err) {
      const ref = randomUUID().slice(0, 8);
      log.error('action_failed', { action: meta.name, ref, user: user.id, err });
      return fail('internal', `Something went wrong on the server (reference ${ref}). Try again, or check the server log.`);
    }
  };
  return Object.assign(action, { meta: { name: meta.name, role: meta.role, input: meta.input } satisfies ActionMeta });
}

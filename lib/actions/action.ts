import 'server-only';

import { describeFailure } from '@/lib/access/messages';
import { recordAudit, userActor } from '@/lib/audit';
import { currentClientIp } from '@/lib/auth/client-ip';
import { getCurrentUser, type SessionUser } from '@/lib/auth/current-user';
import { hasRole, ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { log } from '@/lib/log';
import { servedAction } from '@/lib/request-log';
import { unstable_rethrow } from 'next/navigation';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { formDataToObject } from './form-data';
import { fail, type ActionResult } from './result';

export interface ActionContext {
  user: SessionUser;
  ip: string;
}

export interface ActionMeta {
  name: string;
  /** 'public' only for actions gated by something else than a session (the first-run link). */
  role: Role | 'public';
  input: z.ZodType;
}

const parseInput = <S extends z.ZodType>(schema: S, args: unknown[]) => {
  const raw = args.length >= 2 ? args[1] : args[0];
  return schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : (raw ?? {}));
};

const invalid = (error: z.ZodError) => {
  const { fieldErrors, formErrors } = z.flattenError(error as z.ZodError<Record<string, unknown>>);
  return fail('invalid_input', formErrors[0] ?? 'Check the highlighted fields.', fieldErrors);
};

function internalError(name: string, err: unknown, user?: string) {
  unstable_rethrow(err); // redirect() and notFound() are control flow, not failures
  // Okta's refusal or failure of a read or change, and a deleted integration, are answers, not bugs: the same
  // words as every other path (lib/access/messages), with Okta's request id.
  const known = describeFailure(err);
  if (known)
    return fail(
      known.reason === 'okta' ? 'upstream' : 'not_found',
      known.requestId ? `${known.message} (Okta request id ${known.requestId})` : known.message,
    );
  const ref = randomUUID().slice(0, 8);
  log.error('action_failed', { action: name, ref, user, err });
  return fail('internal', `Something went wrong on the server (reference ${ref}). Try again, or check the server log.`);
}

/**
 * The one gate every server action goes through: session → role → zod parse → handler. It accepts a
 * typed object, FormData, or useActionState's (previousState, FormData) pair. Okta's failures are answered
 * with Okta's reason; unexpected errors are logged with a reference and answered with that reference only.
 */
export function defineAction<S extends z.ZodType, T>(
  meta: { name: string; role: Role; input: S },
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<ActionResult<T>>,
) {
  const action = (...args: unknown[]): Promise<ActionResult<T>> => servedAction(meta.name, () => run(...args));
  const run = async (...args: unknown[]): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    if (!user) return fail('unauthenticated', 'Your session has ended. Sign in again.');
    const ip = await currentClientIp();
    if (!hasRole(user.role, meta.role)) {
      await recordAudit({
        actor: userActor(user),
        action: meta.name,
        outcome: 'denied',
        detail: { reason: 'role', required: meta.role },
        ip,
      });
      return fail('forbidden', `This needs the ${ROLE_LABELS[meta.role]} role; you are ${ROLE_LABELS[user.role]}.`);
    }
    const parsed = parseInput(meta.input, args);
    if (!parsed.success) return invalid(parsed.error);
    try {
      return await handler(parsed.data, { user, ip });
    } catch (err) {
      return internalError(meta.name, err, user.id);
    }
  };
  return Object.assign(action, { meta: { name: meta.name, role: meta.role, input: meta.input } satisfies ActionMeta });
}

/** For the rare action a signed-out visitor may call; its input must carry its own proof (a token). */
export function definePublicAction<S extends z.ZodType, T>(
  meta: { name: string; input: S },
  handler: (input: z.output<S>, ctx: { ip: string }) => Promise<ActionResult<T>>,
) {
  const action = (...args: unknown[]): Promise<ActionResult<T>> => servedAction(meta.name, () => run(...args));
  const run = async (...args: unknown[]): Promise<ActionResult<T>> => {
    const parsed = parseInput(meta.input, args);
    if (!parsed.success) return invalid(parsed.error);
    try {
      return await handler(parsed.data, { ip: await currentClientIp() });
    } catch (err) {
      return internalError(meta.name, err);
    }
  };
  return Object.assign(action, { meta: { name: meta.name, role: 'public', input: meta.input } satisfies ActionMeta });
}

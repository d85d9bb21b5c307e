import 'server-only';

import { recordAudit, userActor } from '@/lib/audit';
import { burnPasswordCheck, NO_PASSWORD, verifyPassword } from './password';
import { accountKey, addressKey, clearAttempts, countAttempts, refundAttempt } from './throttle';
import { findUserByEmail, normalizeEmail, recordSignIn, type ConsoleUser } from './users';

export class SignInError extends Error {
  constructor(readonly code: 'Throttled' | 'Disabled') {
    super(code);
  }
}

/** Returns the user, null for wrong credentials, or throws SignInError (throttled, disabled). */
export async function signInWithPassword(email: string, password: string, ip: string): Promise<ConsoleUser | null> {
  const keys = [accountKey(email), addressKey(ip)];
  const actorLabel = normalizeEmail(email).slice(0, 200);
  if (!(await countAttempts(keys))) {
    await recordAudit({
      actor: { type: 'anonymous', label: actorLabel },
      action: 'auth.sign_in',
      outcome: 'denied',
      detail: { reason: 'throttled' },
      ip,
    });
    throw new SignInError('Throttled');
  }
  const user = await findUserByEmail(email);
  // An account that signs in with Okta has no password: it is checked as slowly as an unknown one.
  const ok =
    user && user.passwordHash !== NO_PASSWORD
      ? await verifyPassword(password, user.passwordHash)
      : (await burnPasswordCheck(password), false);
  if (!user || !ok) {
    await recordAudit({
      actor: { type: 'anonymous', label: actorLabel },
      action: 'auth.sign_in',
      outcome: 'failure',
      detail: { reason: 'wrong_credentials' },
      ip,
    });
    return null;
  }
  // The right password: the account starts afresh (a disabled one too, as before it was disabled).
  await clearAttempts(accountKey(email));
  await refundAttempt(addressKey(ip));
  if (user.disabled) {
    await recordAudit({
      actor: userActor(user),
      action: 'auth.sign_in',
      outcome: 'denied',
      detail: { reason: 'disabled' },
      ip,
    });
    throw new SignInError('Disabled');
  }
  await recordSignIn(user.id);
  await recordAudit({
    actor: userActor(user),
    action: 'auth.sign_in',
    outcome: 'success',
    ip,
  });
  return user;
}

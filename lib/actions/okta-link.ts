'use server';

import { recordAudit, userActor } from '@/lib/audit';
import { startOktaLink } from '@/lib/auth/okta-link';
import { NO_PASSWORD, verifyPassword } from '@/lib/auth/password';
import { findUserById } from '@/lib/auth/users';
import { env } from '@/lib/env';
import { linkOktaSchema } from '@/lib/validations/console-users';
import { defineAction } from './action';
import { fail, ok } from './result';

/** Starts linking the signed-in password account to the Okta account that signs in next (confirmed by password). */
export const linkOktaAccountAction = defineAction(
  { name: 'console_user.link_okta', role: 'viewer', input: linkOktaSchema },
  async (input, { user, ip }) => {
    if (!env.oktaSignIn) return fail('conflict', 'Sign-in with Okta is not configured on this console.');
    const me = await findUserById(user.id);
    if (!me) return fail('not_found', 'Your account no longer exists.');
    if (me.oktaSub) return fail('conflict', 'Your account is already linked to Okta.');
    if (me.passwordHash === NO_PASSWORD || !(await verifyPassword(input.password, me.passwordHash))) {
      await recordAudit({
        actor: userActor(me),
        action: 'console_user.link_okta',
        outcome: 'denied',
        detail: { reason: 'wrong_password' },
        ip,
      });
      return fail('invalid_input', 'Check your password.', { password: ['Wrong password'] });
    }
    await startOktaLink(me.id);
    return ok(undefined, 'Now sign in with Okta as yourself to finish linking.');
  },
);

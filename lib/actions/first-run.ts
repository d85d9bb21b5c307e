'use server';

import { completeFirstRun, FirstRunClosedError } from '@/lib/auth/first-run';
import { EmailTakenError } from '@/lib/auth/users';
import { firstRunSchema } from '@/lib/validations/console-users';
import { definePublicAction } from './action';
import { fail, ok } from './result';

/** Creates the first admin; the one-time token from the server log is the only credential. */
export const createFirstAdminAction = definePublicAction(
  { name: 'console_user.create_first_admin', input: firstRunSchema },
  async (input) => {
    try {
      const user = await completeFirstRun(input.token, {
        email: input.email,
        name: input.name,
        password: input.password,
      });
      return ok({ email: user.email }, 'Admin created. Sign in with your new account.');
    } catch (err) {
      if (err instanceof FirstRunClosedError)
        return fail(
          'forbidden',
          err.reason === 'admin_exists'
            ? 'An admin already exists, so this setup link is no longer needed. Sign in instead.'
            : 'This setup link has expired. Restart the console for a new one (it is printed in the server log).',
        );
      if (err instanceof EmailTakenError)
        return fail('conflict', 'That email is already in use.', { email: ['Already in use'] });
      throw err;
    }
  },
);

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
          'This setup link is no longer valid: it was used, it expired, or an admin already exists. Sign in instead.',
        );
      if (err instanceof EmailTakenError)
        return fail('conflict', 'That email is already in use.', { email: ['Already in use'] });
      throw err;
    }
  },
);

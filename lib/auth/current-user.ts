import 'server-only';

import { dbReady } from '@/db';
import { getServerSession } from 'next-auth';
import { connection } from 'next/server';
import { cache } from 'react';
import { recheckOktaRole } from './okta-recheck';
import { authOptions } from './options';
import type { Role } from './roles';
import { findUserById } from './users';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Signed in with Okta: signing out also ends the Okta session. */
  okta?: boolean;
}

/** The signed-in console user, re-read from the database on every request; null when signed out. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  await connection(); // per request: never prerendered at build time
  const session = await getServerSession<ReturnType<typeof authOptions>, { uid?: unknown; sv?: unknown }>(
    authOptions(),
  );
  if (!session || typeof session.uid !== 'string') return null;
  await dbReady();
  const found = await findUserById(session.uid);
  if (!found || found.disabled || found.sessionVersion !== session.sv) return null;
  // An Okta user's role follows their Okta groups, re-read every OKTA_SIGNIN_ROLE_RECHECK_SECONDS.
  const user = found.oktaSub ? await recheckOktaRole(found) : found;
  if (!user) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, okta: user.oktaSub !== null };
});

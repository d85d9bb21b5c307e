import 'server-only';

import { dbReady } from '@/db';
import { getServerSession } from 'next-auth';
import { connection } from 'next/server';
import { cache } from 'react';
import { authOptions } from './options';
import type { Role } from './roles';
import { findUserById } from './users';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The signed-in console user, re-read from the database on every request; null when signed out. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  await connection(); // per request: never prerendered at build time
  const session = await getServerSession<ReturnType<typeof authOptions>, { uid?: unknown; sv?: unknown }>(
    authOptions(),
  );
  if (!session || typeof session.uid !== 'string') return null;
  await dbReady();
  const user = await findUserById(session.uid);
  if (!user || user.disabled || user.sessionVersion !== session.sv) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

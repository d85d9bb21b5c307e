import 'server-only';

import { db, schema } from '@/db';
import { newId } from '@/lib/ids';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { hashPassword, NO_PASSWORD } from './password';
import type { Role } from './roles';

// Console users: the people who sign in to this console (not Okta users).
export type ConsoleUser = typeof schema.consoleUsers.$inferSelect;
export type PublicConsoleUser = Omit<ConsoleUser, 'passwordHash' | 'oktaRefreshToken' | 'oktaIdToken'>;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function toPublic(u: ConsoleUser): PublicConsoleUser {
  const { passwordHash: _hash, oktaRefreshToken: _refresh, oktaIdToken: _id, ...rest } = u;
  return rest;
}

export async function countConsoleUsers(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(schema.consoleUsers);
  return row?.n ?? 0;
}

export async function findUserByEmail(email: string): Promise<ConsoleUser | undefined> {
  const [u] = await db
    .select()
    .from(schema.consoleUsers)
    .where(eq(schema.consoleUsers.email, normalizeEmail(email)));
  return u;
}

export async function findUserById(id: string): Promise<ConsoleUser | undefined> {
  const [u] = await db.select().from(schema.consoleUsers).where(eq(schema.consoleUsers.id, id));
  return u;
}

/** The console user linked to an Okta account (issuer + Okta's `sub`). */
export async function findUserByOkta(issuer: string, sub: string): Promise<ConsoleUser | undefined> {
  const [u] = await db
    .select()
    .from(schema.consoleUsers)
    .where(and(eq(schema.consoleUsers.oktaIssuer, issuer), eq(schema.consoleUsers.oktaSub, sub)));
  return u;
}

export async function listConsoleUsers(): Promise<PublicConsoleUser[]> {
  const rows = await db.select().from(schema.consoleUsers).orderBy(asc(schema.consoleUsers.email));
  return rows.map(toPublic);
}

export class EmailTakenError extends Error {}

export async function createConsoleUser(input: {
  email: string;
  name: string;
  /** null for an account that signs in with Okta (`okta`) and has no password. */
  password: string | null;
  role: Role;
  createdBy: string | null;
  okta?: { issuer: string; sub: string };
}): Promise<PublicConsoleUser> {
  const now = new Date();
  const [row] = await db
    .insert(schema.consoleUsers)
    .values({
      id: newId('usr'),
      email: normalizeEmail(input.email),
      name: input.name.trim(),
      passwordHash: input.password === null ? NO_PASSWORD : await hashPassword(input.password),
      oktaIssuer: input.okta?.issuer ?? null,
      oktaSub: input.okta?.sub ?? null,
      role: input.role,
      disabled: false,
      sessionVersion: 1,
      createdBy: input.createdBy,
      createdAt: now,
      updatedAt: now,
    })
    // One statement decides, so two requests (or two consoles seeding ADMIN_EMAIL) racing for one email
    // create one user and the other gets EmailTakenError, never a unique-key failure.
    .onConflictDoNothing({ target: schema.consoleUsers.email })
    .returning();
  if (!row) throw new EmailTakenError();
  return toPublic(row);
}

/** Changing the role or disabling bumps the session version, which ends the user's existing sessions. */
export async function updateConsoleUser(
  id: string,
  change: { role?: Role; disabled?: boolean },
): Promise<PublicConsoleUser | undefined> {
  const [row] = await db
    .update(schema.consoleUsers)
    .set({ ...change, sessionVersion: sql`${schema.consoleUsers.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(schema.consoleUsers.id, id))
    .returning();
  return row ? toPublic(row) : undefined;
}

export async function endSessions(id: string): Promise<void> {
  await db
    .update(schema.consoleUsers)
    .set({ sessionVersion: sql`${schema.consoleUsers.sessionVersion} + 1` })
    .where(eq(schema.consoleUsers.id, id));
}

export async function recordSignIn(id: string): Promise<void> {
  await db.update(schema.consoleUsers).set({ lastSignInAt: new Date() }).where(eq(schema.consoleUsers.id, id));
}

export async function countActiveAdmins(): Promise<number> {
  const rows = await listConsoleUsers();
  return rows.filter((u) => u.role === 'admin' && !u.disabled).length;
}

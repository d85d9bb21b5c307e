import 'server-only';

import { db, schema } from '@/db';
import { recordAudit, userActor } from '@/lib/audit';
import { sealSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { OktaRefusal } from './okta-refusals';
import { roleFromGroups } from './okta-role-groups';
import {
  createConsoleUser,
  EmailTakenError,
  findUserByEmail,
  findUserById,
  findUserByOkta,
  type ConsoleUser,
} from './users';

// The console's side of an Okta sign-in, after next-auth and openid-client have checked state, PKCE, the code
// and the ID token (signature, iss, aud, exp, nonce): who the person is here and with which role.

/** The ID token claims the console reads (org AS, scopes openid profile email groups). */
export const idTokenClaims = z.object({
  iss: z.string(),
  sub: z.string().min(1).max(100),
  email: z.string().optional(),
  name: z.string().max(200).optional(),
  preferred_username: z.string().max(200).optional(),
  groups: z.array(z.string()).max(100).optional(),
});
export type OktaClaims = z.output<typeof idTokenClaims>;

export const sealAad = (userId: string, what: 'refresh_token' | 'id_token') => `console_user:${userId}:okta_${what}`;

export type OktaSignInResult = { ok: true; user: ConsoleUser } | { ok: false; reason: OktaRefusal };

/** The groups claim's role, or why there is none (no claim at all is a configuration problem of the Okta app). */
export function roleOf(claims: OktaClaims) {
  const config = env.oktaSignIn!;
  if (!claims.groups) return { role: null, reason: 'no_groups_claim' as const };
  const role = roleFromGroups(claims.groups, config.roleGroups);
  return role ? { role, reason: null } : { role: null, reason: 'no_group' as const };
}

/** Stores what a later role check and the sign-out need: the sealed refresh and ID tokens, the check's time. */
export async function storeOktaTokens(
  user: Pick<ConsoleUser, 'id'>,
  tokens: { refreshToken?: string | null; idToken?: string | null },
  change: Partial<Pick<ConsoleUser, 'role' | 'name' | 'lastSignInAt'>> & { bumpSessions?: boolean } = {},
) {
  const { bumpSessions, ...rest } = change;
  const [row] = await db
    .update(schema.consoleUsers)
    .set({
      ...rest,
      ...(tokens.refreshToken
        ? { oktaRefreshToken: sealSecret(tokens.refreshToken, sealAad(user.id, 'refresh_token')) }
        : {}),
      ...(tokens.idToken ? { oktaIdToken: sealSecret(tokens.idToken, sealAad(user.id, 'id_token')) } : {}),
      oktaCheckedAt: new Date(),
      ...(bumpSessions ? { sessionVersion: sql`${schema.consoleUsers.sessionVersion} + 1` } : {}),
      updatedAt: new Date(),
    })
    .where(eq(schema.consoleUsers.id, user.id))
    .returning();
  return row!;
}

async function refuse(reason: OktaRefusal, claims: Partial<OktaClaims>, ip: string, user?: ConsoleUser) {
  await recordAudit({
    actor: user
      ? userActor(user)
      : { type: 'anonymous', label: (claims.email ?? claims.sub ?? 'unknown').slice(0, 200) },
    action: 'auth.sign_in',
    outcome: 'denied',
    detail: { method: 'okta', reason, issuer: claims.iss, sub: claims.sub, groups: claims.groups?.slice(0, 100) },
    ip,
  });
  return { ok: false as const, reason };
}

/** Links a password account to the Okta user, because its owner asked for it (okta-link.ts); null when it can't be. */
async function linkOnPurpose(userId: string, claims: OktaClaims, ip: string): Promise<ConsoleUser | null> {
  const target = await findUserById(userId);
  if (!target || target.disabled || target.oktaSub) return null;
  const [linked] = await db
    .update(schema.consoleUsers)
    .set({ oktaIssuer: claims.iss, oktaSub: claims.sub, updatedAt: new Date() })
    .where(and(eq(schema.consoleUsers.id, target.id), isNull(schema.consoleUsers.oktaSub)))
    .returning();
  if (!linked) return null;
  await recordAudit({
    actor: userActor(linked),
    action: 'console_user.link_okta',
    outcome: 'success',
    target: { type: 'console_user', id: linked.id, label: linked.email },
    detail: { issuer: claims.iss, sub: claims.sub, oktaEmail: claims.email },
    ip,
  });
  return linked;
}

/**
 * Signs in the Okta user of a verified ID token: the account linked to (issuer, sub), the account whose owner asked
 * to link it (`linkUserId`, from okta-link.ts), or a new one. An existing console account with the same email is
 * never linked by email: that is refused.
 */
export async function completeOktaSignIn(
  rawClaims: unknown,
  tokens: { refreshToken?: string | null; idToken?: string | null },
  ip: string,
  linkUserId: string | null = null,
): Promise<OktaSignInResult> {
  const parsed = idTokenClaims.safeParse(rawClaims);
  if (!parsed.success) return refuse('bad_claims', {}, ip);
  const claims = parsed.data;
  const { role, reason } = roleOf(claims);
  let user = await findUserByOkta(claims.iss, claims.sub);
  if (user?.disabled) return refuse('disabled', claims, ip, user);
  if (!role) return refuse(reason, claims, ip, user);
  if (!user && linkUserId) {
    user = (await linkOnPurpose(linkUserId, claims, ip)) ?? undefined;
    if (!user) return refuse('link_failed', claims, ip);
  }
  const name = (claims.name ?? claims.preferred_username ?? claims.email ?? claims.sub).trim().slice(0, 200);
  if (!user) {
    const email = z.email().safeParse(claims.email?.trim().toLowerCase());
    if (!email.success) return refuse('no_email', claims, ip);
    if (await findUserByEmail(email.data)) return refuse('email_in_use', claims, ip);
    try {
      const created = await createConsoleUser({
        email: email.data,
        name,
        password: null,
        role,
        createdBy: null,
        okta: { issuer: claims.iss, sub: claims.sub },
      });
      await recordAudit({
        actor: { type: 'system', label: 'Okta sign-in' },
        action: 'console_user.create',
        outcome: 'success',
        target: { type: 'console_user', id: created.id, label: created.email },
        detail: { method: 'okta', issuer: claims.iss, sub: claims.sub, role },
        ip,
      });
      user = (await findUserByOkta(claims.iss, claims.sub))!;
    } catch (err) {
      if (err instanceof EmailTakenError) return refuse('email_in_use', claims, ip);
      throw err;
    }
  }
  const updated = await storeOktaTokens(user, tokens, {
    role,
    name,
    lastSignInAt: new Date(),
    bumpSessions: role !== user.role,
  });
  await recordAudit({
    actor: userActor(updated),
    action: 'auth.sign_in',
    outcome: 'success',
    detail: {
      method: 'okta',
      issuer: claims.iss,
      sub: claims.sub,
      role,
      ...(role !== user.role ? { previousRole: user.role } : {}),
    },
    ip,
  });
  return { ok: true, user: updated };
}

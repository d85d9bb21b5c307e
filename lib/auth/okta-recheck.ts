import 'server-only';

import { db, schema } from '@/db';
import { recordAudit } from '@/lib/audit';
import { unsealSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { and, eq, isNull } from 'drizzle-orm';
import { errors } from 'openid-client';
import { oktaClient } from './okta-client';
import type { OktaRefusal } from './okta-refusals';
import { idTokenClaims, roleOf, sealAad, storeOktaTokens, type OktaClaims } from './okta-sign-in';
import { endSessions, type ConsoleUser } from './users';

// Roles follow Okta: every OKTA_SIGNIN_ROLE_RECHECK_SECONDS (default 300) a request of an Okta user re-reads their
// groups with the refresh token (the org AS puts groups in the ID token only, and a refresh returns a new one).
// Okta refusing the refresh (user deactivated, unassigned, token revoked), no mapped group left, or Okta not
// answering ends the user's sessions; a changed role applies to every session at once (current-user re-reads it).

const u = schema.consoleUsers;

/** One request per user does the check: the one whose conditional update moves okta_checked_at. */
async function claimCheck(user: ConsoleUser, now: Date): Promise<boolean> {
  const last = user.oktaCheckedAt;
  const rows = await db
    .update(u)
    .set({ oktaCheckedAt: now })
    .where(and(eq(u.id, user.id), last ? eq(u.oktaCheckedAt, last) : isNull(u.oktaCheckedAt)))
    .returning({ id: u.id });
  return rows.length === 1;
}

async function signOut(user: ConsoleUser, reason: OktaRefusal | 'refresh_refused' | 'okta_off', detail = {}) {
  await endSessions(user.id);
  await recordAudit({
    actor: { type: 'system', label: 'Okta role check' },
    action: 'auth.okta_role_check',
    outcome: 'denied',
    target: { type: 'console_user', id: user.id, label: user.email },
    detail: { reason, issuer: user.oktaIssuer, sub: user.oktaSub, ...detail },
  });
  return null;
}

/** The user with the role Okta gives now, or null when their sessions have ended. Not due yet: the user as is. */
export async function recheckOktaRole(user: ConsoleUser): Promise<ConsoleUser | null> {
  const cfg = env.oktaSignIn;
  if (!cfg || user.oktaIssuer !== cfg.issuer || !user.oktaRefreshToken) return signOut(user, 'okta_off');
  const now = new Date();
  if (user.oktaCheckedAt && now.getTime() - user.oktaCheckedAt.getTime() < cfg.recheckMs) return user;
  if (!(await claimCheck(user, now))) return user; // another request of this user is checking right now
  let claims: OktaClaims;
  let tokens: { refreshToken?: string; idToken?: string };
  try {
    const client = await oktaClient();
    const set = await client.refresh(unsealSecret(user.oktaRefreshToken, sealAad(user.id, 'refresh_token')));
    const parsed = idTokenClaims.safeParse(set.claims());
    if (!parsed.success) return signOut(user, 'bad_claims');
    claims = parsed.data;
    tokens = { refreshToken: set.refresh_token, idToken: set.id_token };
  } catch (err) {
    if (err instanceof errors.OPError)
      return signOut(user, 'refresh_refused', { oktaError: err.error, oktaText: err.error_description });
    log.warn('okta_role_check_failed', { user: user.id, err });
    return signOut(user, 'unavailable');
  }
  if (claims.sub !== user.oktaSub) return signOut(user, 'id_token');
  const { role, reason } = roleOf(claims);
  if (!role) return signOut(user, reason, { groups: claims.groups?.slice(0, 100) });
  const updated = await storeOktaTokens(user, tokens, { role });
  if (role !== user.role)
    await recordAudit({
      actor: { type: 'system', label: 'Okta role check' },
      action: 'auth.okta_role_check',
      outcome: 'success',
      target: { type: 'console_user', id: user.id, label: user.email },
      detail: { from: user.role, to: role, issuer: user.oktaIssuer, sub: user.oktaSub },
    });
  return updated;
}

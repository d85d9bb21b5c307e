import { createHash, timingSafeEqual } from 'node:crypto';
import { randomId } from '../core/ids';
import type { UserRecord } from '../core/types';
import type { SimState } from '../state';

export const ID_TOKEN_TTL = 3600; // org AS: ID and access tokens live 60 minutes, fixed [OLD-OIDC]
const ORG_ID = '00osimulatedorg00000';

/** at_hash: the left half of the SHA-256 of the access token, base64url (OIDC Core §3.1.3.6, RS256). */
const atHash = (accessToken: string) =>
  createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');

/** The names of the user's groups that match the app's ID token group filter. */
export function groupsClaim(state: SimState, user: UserRecord, filter: RegExp): string[] {
  const ids = state.dir.userGroups.get(user.id) ?? new Set<string>();
  return [...ids]
    .map((id) => state.dir.groups.get(id)?.profile.name)
    .filter((name): name is string => !!name && filter.test(name))
    .sort();
}

/** The profile and email claims of `scopes` (used by the ID token and /userinfo). */
export function userClaims(user: UserRecord, scopes: string[]): Record<string, unknown> {
  const p = user.profile;
  const claims: Record<string, unknown> = {};
  if (scopes.includes('profile')) {
    Object.assign(claims, {
      name: [p.firstName, p.lastName].filter(Boolean).join(' ') || p.login,
      preferred_username: p.login,
      given_name: p.firstName,
      family_name: p.lastName,
      locale: 'en_US',
      zoneinfo: 'America/Los_Angeles',
      updated_at: Math.floor(user.lastUpdated / 1000),
    });
  }
  if (scopes.includes('email')) Object.assign(claims, { email: p.email, email_verified: true });
  return claims;
}

/** The token response of the code and refresh grants: a user access token, the ID token, the refresh token. */
export async function tokenResponse(
  ctx: { state: SimState; origin: string },
  grant: { clientId: string; user: UserRecord; scopes: string[]; authTime: number; nonce?: string },
  refreshToken: string | undefined,
) {
  const { state, origin } = ctx;
  const client = state.dir.webClients.get(grant.clientId)!;
  const iat = Math.floor(state.now() / 1000);
  const accessToken = await state.issuer.sign(
    { ver: 1, jti: randomId('AT.', 43), cid: grant.clientId, uid: grant.user.id, scp: grant.scopes },
    { issuer: origin, audience: origin, subject: grant.user.profile.login, iat, ttl: ID_TOKEN_TTL },
  );
  const idToken = await state.issuer.sign(
    {
      ver: 1,
      jti: randomId('ID.', 20),
      amr: ['pwd'],
      idp: ORG_ID,
      auth_time: Math.floor(grant.authTime / 1000),
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
      at_hash: atHash(accessToken),
      ...userClaims(grant.user, grant.scopes),
      ...(grant.scopes.includes('groups') ? { groups: groupsClaim(state, grant.user, client.groupsFilter) } : {}),
    },
    {
      issuer: client.idTokenFault?.iss ?? origin,
      audience: client.idTokenFault?.aud ?? grant.clientId,
      subject: grant.user.id,
      iat,
      ttl: ID_TOKEN_TTL,
    },
  );
  state.stats.tokensIssued++;
  return {
    token_type: 'Bearer',
    expires_in: ID_TOKEN_TTL,
    access_token: accessToken,
    scope: grant.scopes.join(' '),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    id_token: idToken,
  };
}

/** Constant-time comparison of a presented client secret. */
export function secretMatches(presented: string, actual: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}

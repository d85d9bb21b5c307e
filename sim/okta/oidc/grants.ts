import { createHash } from 'node:crypto';
import { oauthError } from '../core/errors';
import type { Reply, RequestContext } from '../http/types';
import type { WebClient } from './store';
import { secretMatches, tokenResponse } from './tokens';

const NO_STORE = { 'Cache-Control': 'no-cache, no-store', Pragma: 'no-cache' };
const invalidClient = () =>
  oauthError(
    401,
    'invalid_client',
    'Client authentication failed. Either the client or the client credentials are invalid.',
    NO_STORE,
  );

/** client_secret_basic (RFC 6749 §2.3.1: id and secret form-urlencoded, then Basic) or client_secret_post. */
function authenticateClient(ctx: RequestContext, form: URLSearchParams): WebClient {
  const basic = /^Basic\s+(.+)$/i.exec(ctx.headers.authorization ?? '');
  let id: string | null = null;
  let secret: string | null = null;
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1)
      throw oauthError(
        401,
        'invalid_client',
        'Found Authentication header but was not valid client credentials.',
        NO_STORE,
      );
    try {
      id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
      secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
    } catch {
      throw invalidClient();
    }
    if (form.has('client_secret'))
      throw oauthError(
        401,
        'invalid_request',
        'Cannot supply multiple client credentials. Use one of the following: credentials in the Authorization header, credentials in the post body, or a client_assertion in the post body.',
        NO_STORE,
      );
  } else {
    id = form.get('client_id');
    secret = form.get('client_secret');
  }
  if (!id || secret === null) throw oauthError(401, 'invalid_client', 'No client credentials found.', NO_STORE);
  const client = ctx.state.dir.webClients.get(id);
  if (!client || ctx.state.dir.apps.get(id)?.status !== 'ACTIVE') throw invalidClient();
  if (!secretMatches(secret, client.clientSecret))
    throw oauthError(
      401,
      'invalid_client',
      'The client secret supplied for a confidential client is invalid.',
      NO_STORE,
    );
  return client;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** POST /oauth2/v1/token with grant_type authorization_code or refresh_token (OIDC Web apps). */
export async function webTokenGrant(ctx: RequestContext, form: URLSearchParams, grantType: string): Promise<Reply> {
  const client = authenticateClient(ctx, form);
  const { state } = ctx;
  const now = state.now();
  if (grantType === 'refresh_token') {
    const token = form.get('refresh_token') ?? '';
    const grant = state.oidc.refreshGrant(token, now);
    const user = grant && state.dir.users.get(grant.userId);
    // A deactivated or unassigned user, or a revoked or unknown token: Okta refuses the refresh alike.
    if (
      !grant ||
      grant.clientId !== client.clientId ||
      !user ||
      user.status !== 'ACTIVE' ||
      !state.dir.appUserScope(client.clientId, user.id)
    ) {
      if (grant && (!user || user.status !== 'ACTIVE')) state.oidc.revokeRefreshToken(token);
      throw oauthError(400, 'invalid_grant', 'The refresh token is invalid or expired.', NO_STORE);
    }
    const body = await tokenResponse(ctx, { ...grant, user }, token);
    return { status: 200, headers: NO_STORE, body };
  }

  const code = form.get('code') ?? '';
  const grant = state.oidc.redeemCode(code, now);
  if (grant === 'invalid' || grant === 'replayed')
    throw oauthError(400, 'invalid_grant', 'The authorization code is invalid or has expired.', NO_STORE);
  if (grant.clientId !== client.clientId)
    throw oauthError(
      400,
      'invalid_grant',
      "The grant was issued to another client. Please make sure the 'client_id' matches the one used at the authorize request.",
      NO_STORE,
    );
  if (form.get('redirect_uri') !== grant.redirectUri)
    throw oauthError(
      400,
      'invalid_grant',
      "The 'redirect_uri' does not match the redirection URI used in the authorization request.",
      NO_STORE,
    );
  const verifier = form.get('code_verifier');
  if (grant.codeChallenge && !verifier)
    throw oauthError(400, 'invalid_request', 'PKCE code verifier is required by the application.', NO_STORE);
  if (!grant.codeChallenge && verifier)
    throw oauthError(
      400,
      'invalid_request',
      'PKCE code challenge should be specified in the authorize request for code verification.',
      NO_STORE,
    );
  if (grant.codeChallenge && s256(verifier!) !== grant.codeChallenge)
    throw oauthError(400, 'invalid_grant', 'PKCE verification failed.', NO_STORE);
  const user = state.dir.users.get(grant.userId);
  if (!user || user.status !== 'ACTIVE')
    throw oauthError(400, 'invalid_grant', 'The authorization code is invalid or has expired.', NO_STORE);
  const refresh = grant.scopes.includes('offline_access')
    ? state.oidc.issueRefreshToken(
        { clientId: client.clientId, userId: user.id, scopes: grant.scopes, authTime: grant.authTime },
        now,
        code,
      )
    : undefined;
  const body = await tokenResponse(ctx, { ...grant, user }, refresh);
  return { status: 200, headers: NO_STORE, body };
}

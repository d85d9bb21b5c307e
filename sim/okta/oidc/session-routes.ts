import type { Reply, RequestContext, Route } from '../http/types';
import { cookieValue, SESSION_COOKIE } from './authorize';
import { errorPage, redirectTo, signedOutPage } from './page';
import { userClaims } from './tokens';

const bearerChallenge = (status: number, error: string, description: string): Reply => ({
  status,
  headers: { 'WWW-Authenticate': `Bearer error="${error}", error_description="${description}"` },
});

/** GET /oauth2/v1/userinfo: the claims of the access token's scopes. No groups: on the org AS they are ID-token only. */
async function userinfo(ctx: RequestContext): Promise<Reply> {
  const m = /^Bearer\s+(.+)$/i.exec(ctx.headers.authorization ?? '');
  const claims = m ? await ctx.state.issuer.verify(m[1]!, ctx.origin, ctx.state.now()) : 'invalid';
  const uid = typeof claims === 'object' ? (claims as { uid?: unknown }).uid : undefined;
  const user = typeof uid === 'string' ? ctx.state.dir.users.get(uid) : undefined;
  if (typeof claims !== 'object' || !user || user.status !== 'ACTIVE')
    return bearerChallenge(401, 'invalid_token', 'The access token is invalid');
  const scopes = claims.scp;
  if (!['profile', 'email', 'address', 'phone'].some((s) => scopes.includes(s)))
    return bearerChallenge(
      403,
      'insufficient_scope',
      'The access token must provide access to at least one of these scopes - profile, email, address or phone',
    );
  return { status: 200, body: { sub: user.id, ...userClaims(user, scopes) } };
}

/** GET /oauth2/v1/logout: ends the Okta session of the ID token's user and returns to a registered URI. */
async function logout(ctx: RequestContext): Promise<Reply> {
  const q = ctx.query;
  const hint = q.get('id_token_hint');
  const bad = (text: string) => errorPage(400, 'invalid_request', text);
  if (!hint) return bad('The id_token_hint cannot be parsed.');
  const claims = await ctx.state.issuer.verifySignature(hint);
  if (claims === 'unparsable') return bad('The id_token_hint cannot be parsed.');
  if (claims === 'bad_signature') return bad('The id_token_hint signature is invalid.');
  if (claims.iss !== ctx.origin) return bad('The issuer of the id_token_hint is invalid.');
  const client = typeof claims.aud === 'string' ? ctx.state.dir.webClients.get(claims.aud) : undefined;
  if (!client) return bad('The audience of the id_token_hint is invalid.');
  const target = q.get('post_logout_redirect_uri');
  if (target && !client.postLogoutRedirectUris.includes(target))
    return bad("The 'post_logout_redirect_uri' parameter must be a Logout redirect URI in the client app settings.");
  const sid = cookieValue(ctx, SESSION_COOKIE);
  const session = ctx.state.oidc.session(sid);
  if (sid && session?.userId === claims.sub) ctx.state.oidc.closeSession(sid);
  const clear = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
  if (!target) return { ...signedOutPage(), headers: { 'Set-Cookie': clear } };
  return redirectTo(target, { state: q.get('state') ?? undefined }, clear);
}

export const sessionRoutes: Route[] = [
  { method: 'GET', template: '/oauth2/v1/userinfo', op: 'userinfo', handler: userinfo },
  { method: 'GET', template: '/oauth2/v1/logout', op: 'logout', handler: logout },
];

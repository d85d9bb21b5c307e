import type { Reply, RequestContext, Route } from '../http/types';
import { errorPage, redirectTo, signInPage } from './page';
import type { AuthorizeRequest, WebClient } from './store';

/** Scopes the org authorization server knows for sign-in (oauth.yaml OrgASOidcMetadata scopes_supported). */
export const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'address', 'phone', 'offline_access', 'groups']);
const STATE_CHARS = /^[A-Za-z0-9,._-]+$/; // "alphanumerics, comma, period, underscore, hyphen" [SPEC-O]
const PKCE_CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/;
export const SESSION_COOKIE = 'sid';

export const cookieValue = (ctx: RequestContext, name: string) =>
  (ctx.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === name)?.[1];

const sessionCookie = (id: string) => `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`;

/** GET /oauth2/v1/authorize: the code flow only (response_type=code), PKCE with S256. */
function authorize(ctx: RequestContext): Reply {
  const q = ctx.query;
  const { dir, oidc } = ctx.state;
  const clientId = q.get('client_id') ?? '';
  const client = dir.webClients.get(clientId);
  // Nothing can be sent back to an unknown client or redirect_uri: Okta shows its own error page.
  if (!client || dir.apps.get(clientId)?.status !== 'ACTIVE')
    return errorPage(400, 'invalid_client', "Invalid value for 'client_id' parameter.");
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri))
    return errorPage(
      400,
      'invalid_request',
      "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings.",
    );
  const state = q.get('state') ?? undefined;
  const fail = (error: string, description: string) =>
    redirectTo(redirectUri, { error, error_description: description, state });
  if (!state || !STATE_CHARS.test(state))
    return redirectTo(redirectUri, {
      error: 'invalid_request',
      error_description: "The authentication request has an invalid 'state' parameter.",
    });
  if (q.get('response_type') !== 'code')
    return fail(
      'unsupported_response_type',
      'The response type is not supported by the authorization server. Configured response types: [code].',
    );
  const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
  if (scopes.length === 0) return fail('invalid_scope', 'No scopes were requested.');
  if (!scopes.includes('openid'))
    return fail(
      'invalid_scope',
      "Requests for ID tokens or access tokens with OpenID scopes require the 'openid' scope.",
    );
  if (scopes.some((s) => !OIDC_SCOPES.has(s)))
    return fail('invalid_scope', 'One or more scopes are not configured for the authorization server resource.');
  const challenge = q.get('code_challenge') ?? undefined;
  if (challenge !== undefined) {
    const method = q.get('code_challenge_method');
    if (method !== 'S256')
      return fail('invalid_request', 'PKCE code challenge method is not supported. Valid values: [S256]');
    if (!PKCE_CHALLENGE.test(challenge))
      return fail('invalid_request', 'PKCE code challenge contains illegal characters.');
  } else if (client.pkceRequired) return fail('invalid_request', 'PKCE code challenge is required by the application.');

  const req: AuthorizeRequest = {
    clientId,
    redirectUri,
    scopes,
    state,
    ...(q.get('nonce') ? { nonce: q.get('nonce')! } : {}),
    ...(challenge ? { codeChallenge: challenge } : {}),
  };
  const prompt = q.get('prompt') ?? '';
  const session = prompt.split(' ').includes('login') ? undefined : oidc.session(cookieValue(ctx, SESSION_COOKIE));
  if (session) return complete(ctx, client, req, session.userId, session.authTime);
  if (prompt === 'none')
    return fail('login_required', 'The client specified not to prompt, but the user is not logged in.');
  return page(ctx, client, oidc.startTransaction(req, ctx.state.now()));
}

function page(ctx: RequestContext, client: WebClient, tx: string, error?: string): Reply {
  const { dir } = ctx.state;
  const assigned = dir.assignments.get(client.clientId)?.effective.values() ?? [];
  const users = [...assigned]
    .map((id) => dir.users.get(id)!)
    .filter((u) => u.status === 'ACTIVE')
    .map((u) => ({
      login: u.profile.login,
      name: [u.profile.firstName, u.profile.lastName].filter(Boolean).join(' '),
    }));
  return signInPage({ tx, appLabel: dir.apps.get(client.clientId)?.label ?? client.clientId, users, error });
}

/** After authentication: only users assigned to the app (directly or through a group) get a code. */
function complete(
  ctx: RequestContext,
  client: WebClient,
  req: AuthorizeRequest,
  userId: string,
  authTime: number,
  cookie?: string,
): Reply {
  const { dir, oidc } = ctx.state;
  if (!dir.appUserScope(client.clientId, userId))
    return redirectTo(
      req.redirectUri,
      {
        error: 'access_denied',
        error_description: 'User is not assigned to the client application.',
        state: req.state,
      },
      cookie,
    );
  const code = oidc.issueCode(req, userId, authTime, ctx.state.now());
  return redirectTo(req.redirectUri, { code, state: req.state }, cookie);
}

/** POST /login/sim-sign-in: the simulator's sign-in form (Okta's widget is not an API; this path is the sim's). */
function signIn(ctx: RequestContext): Reply {
  const { dir, oidc } = ctx.state;
  const form = new URLSearchParams(ctx.body.toString('utf8'));
  const now = ctx.state.now();
  const req = oidc.takeTransaction(form.get('tx') ?? '', now);
  const client = req && dir.webClients.get(req.clientId);
  if (!req || !client) return errorPage(400, 'login_required', 'Request expired, please start over and try again.');
  const user = dir.findUser((form.get('username') ?? '').trim());
  // Okta's widget answers a deactivated, suspended or unknown user alike, without saying which.
  if (!user || user.status !== 'ACTIVE') return page(ctx, client, oidc.startTransaction(req, now), 'Unable to sign in');
  user.lastLogin = now;
  const sid = oidc.openSession(user.id, now);
  return complete(ctx, client, req, user.id, now, sessionCookie(sid));
}

export const authorizeRoutes: Route[] = [
  { method: 'GET', template: '/oauth2/v1/authorize', op: 'authorize', handler: authorize },
  { method: 'POST', template: '/login/sim-sign-in', op: 'simSignIn', handler: signIn },
];

import { oauthError } from '../core/errors';
import type { Reply, RequestContext } from '../http/types';
import { webTokenGrant } from '../oidc/grants';
import { CHOICES } from '../unconfirmed';
import { ACCESS_TOKEN_TTL } from './access-tokens';
import { authenticateAssertion } from './assertion';
import { DpopError, verifyProof } from './dpop';
import { OKTA_SCOPES } from './scopes';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const NO_STORE = { 'Cache-Control': 'no-cache, no-store', Pragma: 'no-cache' };

/**
 * POST /oauth2/v1/token on the org authorization server: client_credentials + private_key_jwt for service apps;
 * authorization_code and refresh_token for OIDC Web apps (oidc/grants.ts).
 */
export async function tokenEndpoint(ctx: RequestContext): Promise<Reply> {
  const { state } = ctx;
  state.stats.tokenRequests++;
  const form = new URLSearchParams(ctx.body.toString('utf8'));
  const names = [...form.keys()];
  if (new Set(names).size !== names.length) {
    throw oauthError(400, 'invalid_request', 'The request contained multiple parameters with the same name.', NO_STORE);
  }
  const grantType = form.get('grant_type');
  if (!grantType)
    throw oauthError(
      400,
      'invalid_request',
      "The token request must specify a 'grant_type'. Valid values: [client_credentials]",
      NO_STORE,
    );
  if (grantType === 'authorization_code' || grantType === 'refresh_token') return webTokenGrant(ctx, form, grantType);

  const assertion = form.get('client_assertion');
  if (ctx.headers.authorization && assertion) {
    throw oauthError(
      401,
      'invalid_request',
      'Cannot supply multiple client credentials. Use one of the following: credentials in the Authorization header, credentials in the post body, or a client_assertion in the post body.',
      NO_STORE,
    );
  }
  if ((assertion || form.has('client_assertion_type')) && form.get('client_assertion_type') !== JWT_BEARER) {
    throw oauthError(400, 'invalid_request', 'The client_assertion_type is invalid.', NO_STORE);
  }
  if (!assertion) {
    // A known service app trying client_secret_basic/post gets Okta's "must use private_key_jwt" text.
    const clientId = form.get('client_id') ?? basicClientId(ctx.headers.authorization);
    if (clientId && state.dir.clients.has(clientId)) {
      throw oauthError(
        401,
        'invalid_client',
        'Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method.',
        NO_STORE,
      );
    }
    throw oauthError(
      401,
      'invalid_client',
      'Client authentication failed. Either the client or the client credentials are invalid.',
      NO_STORE,
    );
  }

  const now = state.now();
  const tokenUrl = `${ctx.origin}/oauth2/v1/token`;
  const client = await authenticateAssertion(state.dir, assertion, tokenUrl, now, state.assertionReplay).catch(
    (e: unknown) => {
      throw withNoStore(e);
    },
  );
  if (grantType !== 'client_credentials') {
    throw oauthError(
      400,
      'unsupported_grant_type',
      'The authorization grant type is not supported by the authorization server. Configured grant types: [client_credentials].',
      NO_STORE,
    );
  }

  const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
  if (requested.length === 0) throw oauthError(400, 'invalid_scope', 'No scopes were requested.', NO_STORE);
  if (requested.some((s) => s.endsWith('.self'))) {
    throw oauthError(
      400,
      'client_credentials_self_scope_requested',
      "The 'client_credentials' grant type may not request .self scopes.",
      NO_STORE,
    );
  }
  if (requested.some((s) => !s.startsWith('okta.')))
    throw oauthError(400, 'invalid_scope', CHOICES.customScopeText, NO_STORE);
  if (requested.some((s) => !OKTA_SCOPES.has(s)))
    throw oauthError(400, 'invalid_scope', CHOICES.unknownOktaScopeText, NO_STORE);

  let jkt: string | undefined;
  if (client.dpopRequired || !CHOICES.ignoreDpopWhenNotRequired) {
    try {
      jkt = (
        await verifyProof(
          {
            headers: headerValues(ctx.rawHeaders, 'dpop'),
            htm: 'POST',
            htu: tokenUrl,
            nowMs: now,
            nonces: state.nonces.valid(now),
            missingError: new DpopError('invalid_dpop_proof', 'The DPoP proof JWT header is missing.'),
          },
          state.dpopReplay,
        )
      ).jkt;
    } catch (e) {
      if (!(e instanceof DpopError)) throw e;
      const headers: Record<string, string> = { ...NO_STORE };
      if (e.error === 'use_dpop_nonce') headers['dpop-nonce'] = state.nonces.current(now);
      throw oauthError(400, e.error, e.description, headers);
    }
  }

  // Partial grants: the token carries only the granted scopes; none granted is consent_required.
  const granted = [...new Set(requested)].filter((s) => client.scopes.has(s));
  if (granted.length === 0)
    throw oauthError(400, 'consent_required', 'You are not allowed any of the requested scopes.', NO_STORE);

  const accessToken = await state.issuer.issue(ctx.origin, client.clientId, granted, now, jkt);
  state.stats.tokensIssued++;
  return {
    status: 200,
    headers: NO_STORE,
    body: {
      token_type: jkt ? 'DPoP' : 'Bearer',
      expires_in: ACCESS_TOKEN_TTL,
      access_token: accessToken,
      scope: granted.join(' '),
    },
  };
}

/** Node joins repeated headers; DPoP needs to see each one to refuse duplicates. */
export function headerValues(rawHeaders: string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2)
    if (rawHeaders[i]!.toLowerCase() === name) out.push(rawHeaders[i + 1] ?? '');
  return out;
}

function basicClientId(authorization: string | undefined): string | undefined {
  const m = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (!m) return undefined;
  return Buffer.from(m[1]!, 'base64').toString('utf8').split(':')[0];
}

function withNoStore(e: unknown): unknown {
  if (e && typeof e === 'object' && 'headers' in e)
    Object.assign((e as { headers: Record<string, string> }).headers, NO_STORE);
  return e;
}

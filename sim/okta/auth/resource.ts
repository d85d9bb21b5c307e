import { HttpError, oktaError } from '../core/errors';
import type { ServiceClient } from '../core/types';
import type { RequestContext } from '../http/types';
import { CHOICES } from '../unconfirmed';
import { DpopError, verifyProof } from './dpop';
import { scopeSatisfied } from './scopes';
import { headerValues } from './token-endpoint';

export interface AuthInfo {
  client: ServiceClient;
  scopes: string[];
  dpop: boolean;
}

const DPOP_ALGS = 'DPoP algs="RS256 RS384 RS512 ES256 ES384 ES512", ';

/** Okta's resource-server challenge (KB "insufficient scope"; terraform-provider-okta #2375/#2392). */
function challenge(ctx: RequestContext, dpop: boolean, error: string, description: string): string {
  const params = [
    `authorization_uri="${ctx.origin}/oauth2/v1/authorize"`,
    `realm="${ctx.origin}"`,
    ...(ctx.requiredScope ? [`scope="${ctx.requiredScope}"`] : []),
    `error="${error}"`,
    `error_description="${description}"`,
    `resource="${ctx.decodedPath}"`,
  ].join(', ');
  return dpop ? DPOP_ALGS + params : `Bearer ${params}`;
}

function invalidToken(ctx: RequestContext, dpop: boolean, description: string): HttpError {
  const header = { 'WWW-Authenticate': challenge(ctx, dpop, 'invalid_token', description) };
  return CHOICES.invalidTokenIsE0000011
    ? oktaError('E0000011', undefined, undefined, header)
    : new HttpError(401, undefined, header);
}

function dpopFailure(ctx: RequestContext, error: string, description: string): HttpError {
  const body = CHOICES.resourceDpopErrorBodyEmpty ? undefined : { error, error_description: description };
  return new HttpError(400, body, { 'WWW-Authenticate': challenge(ctx, true, error, description) });
}

/** Authenticates a Management API call: token, DPoP binding, then the operation's scope. */
export async function authenticateResource(ctx: RequestContext): Promise<AuthInfo> {
  const { state } = ctx;
  const m = /^(\S+)\s+(\S+)$/.exec(ctx.headers.authorization ?? '');
  const scheme = m?.[1]?.toLowerCase();
  const token = m?.[2];
  if (!token || (scheme !== 'bearer' && scheme !== 'dpop')) throw invalidToken(ctx, false, 'The token is invalid.');

  const now = state.now();
  const claims = await state.issuer.verify(token, ctx.origin, now);
  if (claims === 'expired') throw invalidToken(ctx, scheme === 'dpop', 'The token has expired.');
  const client = claims === 'invalid' ? undefined : state.dir.clients.get(claims.cid);
  const clientActive =
    client !== undefined &&
    (!CHOICES.inactiveClientTokensRejected || state.dir.apps.get(client.clientId)?.status === 'ACTIVE');
  if (claims === 'invalid' || !client || !clientActive)
    throw invalidToken(ctx, scheme === 'dpop', 'The token is invalid.');

  const jkt = claims.cnf?.jkt;
  if (jkt) {
    if (scheme !== 'dpop') {
      throw dpopFailure(
        ctx,
        'invalid_request',
        'The resource request must use the DPoP authentication scheme when using a DPoP bound token.',
      );
    }
    try {
      const proof = await verifyProof(
        {
          headers: headerValues(ctx.rawHeaders, 'dpop'),
          htm: ctx.method,
          htu: ctx.origin + ctx.decodedPath,
          nowMs: now,
          accessToken: token,
          missingError: new DpopError('invalid_request', 'The resource request requires a DPoP proof.'),
        },
        state.dpopReplay,
      );
      if (proof.jkt !== jkt)
        throw new DpopError('invalid_dpop_proof', 'The access_token is not bound to the provided DPoP proof.');
    } catch (e) {
      if (e instanceof DpopError) throw dpopFailure(ctx, e.error, e.description);
      throw e;
    }
  } else if (scheme === 'dpop') {
    throw invalidToken(ctx, true, 'The presented access_token is not DPoP bound.');
  }

  if (ctx.requiredScope && !scopeSatisfied(claims.scp, ctx.requiredScope)) {
    const description = 'The access token provided does not contain the required scopes.';
    const body = CHOICES.insufficientScopeBodyEmpty
      ? undefined
      : { error: 'insufficient_scope', error_description: description };
    throw new HttpError(403, body, {
      'WWW-Authenticate': challenge(ctx, Boolean(jkt), 'insufficient_scope', description),
    });
  }
  return { client, scopes: claims.scp, dpop: Boolean(jkt) };
}

import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { Directory } from '../core/directory';
import { oauthError } from '../core/errors';
import type { ClientKey, ServiceClient } from '../core/types';
import { CHOICES } from '../unconfirmed';
import { SIGNING_ALGS } from './keys';
import type { ReplayCache } from './replay';

const ONE_HOUR = 3600;
const invalidClient = (description: string) => oauthError(401, 'invalid_client', description);

/**
 * Verifies a private_key_jwt client assertion the way Okta's org authorization server does (claims per
 * the build-self-signed-jwt guide, texts from the OAuth error catalogue). Returns the authenticated client.
 */
export async function authenticateAssertion(
  dir: Directory,
  assertion: string,
  audience: string,
  nowMs: number,
  replay: ReplayCache,
): Promise<ServiceClient> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(assertion);
    claims = decodeJwt(assertion);
  } catch {
    throw invalidClient('The parsing of the client_assertion failed.');
  }
  const alg = header.alg ?? '';
  if (!(SIGNING_ALGS as readonly string[]).includes(alg))
    throw invalidClient('The client_assertion JWT signature algorithm is invalid.');

  const iss = typeof claims.iss === 'string' ? claims.iss : '';
  const client = dir.clients.get(iss);
  if (!client) throw invalidClient('The issuer claim for client_assertion is not a valid client_id.');
  if (claims.sub !== iss) throw invalidClient('The subject claim for client_assertion is not a valid client_id.');
  if (dir.apps.get(client.clientId)?.status !== 'ACTIVE') throw invalidClient(CHOICES.inactiveClientText);

  const key = pickKey(client, header.kid);
  if (key.publicJwk.use !== undefined && key.publicJwk.use !== 'sig') {
    throw invalidClient(
      "The public key being used for client assertion has an invalid 'use' parameter. Valid values for the 'use' parameter are sig.",
    );
  }
  try {
    const publicKey = await importJWK(key.publicJwk as JWK, alg);
    await compactVerify(assertion, publicKey, { algorithms: [alg] });
  } catch {
    throw invalidClient('The client_assertion signature is invalid.');
  }

  const nowSec = Math.floor(nowMs / 1000);
  if (typeof claims.exp !== 'number')
    throw invalidClient("The client_assertion must contain the 'exp' claim as seconds since epoch.");
  if (claims.exp <= nowSec) throw invalidClient('The client_assertion token is expired.');
  if (claims.exp > nowSec + ONE_HOUR)
    throw invalidClient('The client_assertion token has an expiration too far into the future.');
  if (typeof claims.iat === 'number' && claims.iat > nowSec + CHOICES.futureIatLeewaySeconds) {
    throw invalidClient('The client_assertion token must be issued before the current time.');
  }
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(audience))
    throw invalidClient('The audience claim for client_assertion must be the endpoint invoked for the request.');
  if (typeof claims.jti === 'string' && !replay.use(`${iss}:${claims.jti}`, claims.exp * 1000 + 1000, nowMs)) {
    throw invalidClient('The client_assertion token has already been used.');
  }
  return client;
}

/** Kid rules: optional with one active key, required with several; unknown or inactive kid refused. */
function pickKey(client: ServiceClient, kid: string | undefined): ClientKey {
  const active = client.keys.filter((k) => k.status === 'ACTIVE');
  if (client.keys.length === 0) {
    throw invalidClient('The client does not have a JWKSet configured, but the client_assertion requires one.');
  }
  if (kid !== undefined) {
    const key = active.find((k) => k.kid === kid);
    if (!key) throw invalidClient('The client_assertion JWT kid is invalid.');
    return key;
  }
  if (active.length === 1) return active[0]!;
  if (active.length === 0) throw invalidClient('The client_assertion signature is invalid.');
  throw invalidClient(CHOICES.missingKidWithSeveralKeysText);
}

import 'server-only';

import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair as joseGenerateKeyPair } from 'jose';
import type { PublicJwk } from './jwk';

export type GeneratedKeyPair = { privateKeyPem: string; publicJwk: PublicJwk; kid: string };

/** The "console generates the key" path: a fresh pair whose public JWK the admin pastes into Okta. */
export async function generateKeyPair(alg: 'RS256' | 'ES256' = 'RS256'): Promise<GeneratedKeyPair> {
  const { privateKey, publicKey } = await joseGenerateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(publicKey);
  // The thumbprint makes a stable, unique KID without another id scheme to keep.
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  const publicJwk: PublicJwk =
    alg === 'RS256'
      ? { kty: 'RSA', n: jwk.n, e: jwk.e, kid, use: 'sig', alg }
      : { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y, kid, use: 'sig', alg };
  return { privateKeyPem: await exportPKCS8(privateKey), publicJwk, kid };
}

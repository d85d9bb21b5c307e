import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';
import { CHOICES } from '../unconfirmed';

export const SIGNING_ALGS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];

export interface GeneratedKey {
  kid: string;
  /** PKCS#8 (`-----BEGIN PRIVATE KEY-----`), the flavour Okta's Admin Console shows. */
  privateKeyPem: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

const PUBLIC_MEMBERS: Record<string, readonly string[]> = {
  RSA: ['kty', 'n', 'e'],
  EC: ['kty', 'crv', 'x', 'y'],
};

/** Strips private members; returns undefined for anything that is not an RSA or EC public key. */
export function toPublicJwk(jwk: Record<string, unknown>): JWK | undefined {
  const kty = typeof jwk.kty === 'string' ? jwk.kty : '';
  const members = PUBLIC_MEMBERS[kty];
  if (!members) return undefined;
  const out: Record<string, unknown> = {};
  for (const m of members) {
    if (typeof jwk[m] !== 'string') return undefined;
    out[m] = jwk[m];
  }
  for (const m of ['kid', 'use', 'alg']) if (typeof jwk[m] === 'string') out[m] = jwk[m];
  return out;
}

export function thumbprint(jwk: JWK): Promise<string> {
  return calculateJwkThumbprint(jwk, 'sha256');
}

/** Like the Admin Console's "Generate new key": 2048-bit RSA unless an EC alg is asked for. */
export async function generateClientKey(alg: SigningAlg = 'RS256'): Promise<GeneratedKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  const pub = await exportJWK(publicKey);
  const kid = CHOICES.consoleKidIsThumbprint ? await thumbprint(pub) : crypto.randomUUID();
  const publicJwk: JWK = { ...pub, kid, use: 'sig', alg };
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, use: 'sig', alg };
  return { kid, privateKeyPem: await exportPKCS8(privateKey), privateJwk, publicJwk };
}

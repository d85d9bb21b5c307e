import { createHash } from 'node:crypto';

/** The public members of an RSA or EC JWK, plus the optional metadata Okta stores. */
export type PublicJwk = {
  kty: 'RSA' | 'EC';
  n?: string;
  e?: string;
  crv?: string;
  x?: string;
  y?: string;
  kid?: string;
  use?: 'sig';
  alg?: string;
};

/** RFC 7638 thumbprint (SHA-256, base64url); synchronous so key parsing can stay synchronous. */
export function jwkThumbprint(jwk: PublicJwk): string {
  // Required members only, in lexicographic order, no whitespace: that is the whole canonical form.
  const canonical =
    jwk.kty === 'RSA'
      ? JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n })
      : JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

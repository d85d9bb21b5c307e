import 'server-only';

import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import type { ServerClock } from './clock';

type ProofKey = { privateKey: CryptoKey; jwk: JWK };

/**
 * RFC 9449 proofs for one integration. The proof key is its own ES256 pair, never the client-assertion key
 * (Okta's DPoP guide keeps them separate), and lives only in memory: a restart simply binds new tokens.
 */
export class DpopSigner {
  private key?: Promise<ProofKey>;
  private readonly nonces = new Map<'token' | 'api', string>();

  constructor(private readonly clock: ServerClock) {}

  /** A fresh proof for one request; never reuse one (Okta rejects a replayed jti). */
  async proof(input: {
    method: string;
    url: string;
    accessToken?: string;
    nonceFor: 'token' | 'api';
  }): Promise<string> {
    const { privateKey, jwk } = await this.proofKey();
    const nonce = this.nonces.get(input.nonceFor);
    const claims: Record<string, string | number> = {
      htm: input.method.toUpperCase(),
      htu: htuOf(input.url),
      // Backdated a little: Okta refuses an iat in the future, and Date-based skew is only known to ±1 s.
      iat: Math.floor(this.clock.now() / 1000) - 2,
      jti: randomUUID(),
    };
    if (input.accessToken) claims.ath = createHash('sha256').update(input.accessToken).digest('base64url');
    if (nonce) claims.nonce = nonce;
    return new SignJWT(claims).setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk }).sign(privateKey);
  }

  /** Remember a `DPoP-Nonce` the server handed out (Okta keeps old nonces valid for days). */
  rememberNonce(nonceFor: 'token' | 'api', nonce: string | undefined): boolean {
    if (!nonce || this.nonces.get(nonceFor) === nonce) return false;
    this.nonces.set(nonceFor, nonce);
    return true;
  }

  hasNonce(nonceFor: 'token' | 'api'): boolean {
    return this.nonces.has(nonceFor);
  }

  /** Public JWK of the proof key (what `cnf.jkt` of a bound token is the thumbprint of). */
  async publicJwk(): Promise<JWK> {
    return (await this.proofKey()).jwk;
  }

  private proofKey(): Promise<ProofKey> {
    this.key ??= (async () => {
      const pair = await generateKeyPair('ES256');
      const full = await exportJWK(pair.publicKey);
      return { privateKey: pair.privateKey, jwk: { kty: full.kty, crv: full.crv, x: full.x, y: full.y } };
    })();
    return this.key;
  }
}

/** `htu`: the request URL as sent, minus query and fragment (RFC 9449 §4.2). */
export function htuOf(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}

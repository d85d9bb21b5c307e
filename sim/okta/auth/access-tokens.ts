import {
  compactVerify,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { randomId } from '../core/ids';
import { thumbprint } from './keys';

export const ACCESS_TOKEN_TTL = 3600;

export interface AccessTokenClaims {
  sub: string;
  cid: string;
  scp: string[];
  exp: number;
  iat: number;
  cnf?: { jkt: string };
}

/** The org authorization server's signing key and the tokens it mints (fixed one-hour lifetime). */
export class TokenIssuer {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly publicJwk: JWK,
  ) {}

  static async create(): Promise<TokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = await thumbprint(jwk);
    return new TokenIssuer(privateKey, publicKey, { ...jwk, kid, alg: 'RS256', use: 'sig' });
  }

  async issue(origin: string, clientId: string, scopes: string[], nowMs: number, jkt?: string): Promise<string> {
    const iat = Math.floor(nowMs / 1000);
    return new SignJWT({
      ver: 1,
      jti: randomId('AT.', 43),
      cid: clientId,
      scp: scopes,
      ...(jkt ? { cnf: { jkt } } : {}),
    })
      .setProtectedHeader({ kid: this.publicJwk.kid!, alg: 'RS256' })
      .setIssuer(origin)
      .setAudience(origin)
      .setSubject(clientId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ACCESS_TOKEN_TTL)
      .sign(this.privateKey);
  }

  /** Signs any token of the org AS (ID tokens, user access tokens) with its key: RS256, `kid` in the header. */
  async sign(
    claims: JWTPayload,
    opts: { issuer: string; audience: string; subject: string; iat: number; ttl: number },
  ) {
    return new SignJWT(claims)
      .setProtectedHeader({ kid: this.publicJwk.kid!, alg: 'RS256' })
      .setIssuer(opts.issuer)
      .setAudience(opts.audience)
      .setSubject(opts.subject)
      .setIssuedAt(opts.iat)
      .setExpirationTime(opts.iat + opts.ttl)
      .sign(this.privateKey);
  }

  /** The claims of a token this server signed, expired or not (an id_token_hint may be expired); else null. */
  async verifySignature(token: string): Promise<JWTPayload | 'unparsable' | 'bad_signature'> {
    try {
      decodeJwt(token);
    } catch {
      return 'unparsable';
    }
    try {
      await compactVerify(token, this.publicKey, { algorithms: ['RS256'] });
    } catch {
      return 'bad_signature';
    }
    return decodeJwt(token);
  }

  /** Returns the claims, 'expired' or 'invalid'. */
  async verify(token: string, origin: string, nowMs: number): Promise<AccessTokenClaims | 'expired' | 'invalid'> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer: origin,
        audience: origin,
        algorithms: ['RS256'],
        currentDate: new Date(nowMs),
      });
      return payload as unknown as AccessTokenClaims;
    } catch (e) {
      return (e as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid';
    }
  }
}

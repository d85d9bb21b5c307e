import { base64url, compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { createHash } from 'node:crypto';
import { CHOICES } from '../unconfirmed';
import { SIGNING_ALGS, thumbprint, toPublicJwk } from './keys';
import type { ReplayCache } from './replay';

/** A failed proof check: `error` and `error_description` exactly as in Okta's OAuth error catalogue. */
export class DpopError extends Error {
  constructor(
    readonly error: 'invalid_dpop_proof' | 'invalid_request' | 'use_dpop_nonce',
    readonly description: string,
  ) {
    super(description);
  }
}

export interface ProofExpectation {
  /** Raw `DPoP` header values (Node joins duplicates, so the caller passes them from rawHeaders). */
  headers: string[];
  htm: string;
  /** The URL the request was actually sent to: origin + path as the server decoded it, no query. */
  htu: string;
  nowMs: number;
  /** Resource requests: the presented access token (for `ath`). */
  accessToken?: string;
  /** Token requests: the currently valid nonces; a proof without one of them gets use_dpop_nonce. */
  nonces?: ReadonlySet<string>;
  missingError: DpopError;
}

const FIVE_MINUTES = 300;
const bad = (description: string) => new DpopError('invalid_dpop_proof', description);

/** Validates a DPoP proof per RFC 9449 §4.3 in Okta's order of checks; returns the key's thumbprint. */
export async function verifyProof(x: ProofExpectation, replay: ReplayCache): Promise<{ jkt: string }> {
  if (x.headers.length > 1) throw bad('Multiple DPoP proof JWT headers are not allowed.');
  const proof = x.headers[0];
  if (!proof) throw x.missingError;

  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(proof);
    if (proof.split('.').length !== 3) throw new Error('not a JWS');
  } catch {
    throw bad('The DPoP proof JWT cannot be parsed.');
  }
  if (header.typ !== 'dpop+jwt') throw bad("'typ' must be 'dpop+jwt' in the DPoP proof JWT.");
  const alg = header.alg ?? '';
  if (!(SIGNING_ALGS as readonly string[]).includes(alg))
    throw bad('The DPoP proof JWT signature algorithm is invalid.');
  const jwk = header.jwk as Record<string, unknown> | undefined;
  // A private key in the header, or no usable public key, makes the signature unverifiable.
  const publicJwk = jwk && !('d' in jwk) ? toPublicJwk(jwk) : undefined;
  if (!publicJwk) throw bad('The DPoP proof JWT signature is invalid.');

  let payloadBytes: Uint8Array;
  try {
    const key = await importJWK(publicJwk, alg);
    payloadBytes = (await compactVerify(proof, key, { algorithms: [alg] })).payload;
  } catch {
    throw bad('The DPoP proof JWT signature is invalid.');
  }
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(new TextDecoder().decode(payloadBytes)) as Record<string, unknown>;
  } catch {
    throw bad('The DPoP proof JWT cannot be parsed.');
  }

  if (claims.htm !== x.htm) throw bad("'htm' claim in the DPoP proof JWT is invalid.");
  if (typeof claims.htu !== 'string' || !sameHtu(claims.htu, x.htu))
    throw bad("'htu' claim in the DPoP proof JWT is invalid.");
  const nowSec = Math.floor(x.nowMs / 1000);
  if (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat))
    throw bad("'iat' claim in the DPoP proof JWT is invalid.");
  if (claims.iat > nowSec + CHOICES.futureIatLeewaySeconds) throw bad('The DPoP proof JWT is issued in the future.');
  if (claims.iat < nowSec - FIVE_MINUTES) throw bad('The DPoP proof JWT is issued more than five minutes in the past.');
  if (typeof claims.exp === 'number' && claims.exp < nowSec) throw bad('The DPoP proof JWT is expired.');
  if (typeof claims.jti !== 'string' || claims.jti.length === 0)
    throw bad("'jti' claim in the DPoP proof JWT is invalid.");
  const jkt = await thumbprint(publicJwk);
  const replayKey = `${jkt}:${claims.jti}`;
  if (replay.has(replayKey)) throw bad('The DPoP proof JWT has already been used.');

  if (x.nonces && (typeof claims.nonce !== 'string' || !x.nonces.has(claims.nonce))) {
    if (!CHOICES.recordDpopJtiOnlyWhenAccepted) replay.use(replayKey, x.nowMs + 2 * FIVE_MINUTES * 1000, x.nowMs);
    throw new DpopError('use_dpop_nonce', 'Authorization server requires nonce in DPoP proof.');
  }
  if (x.accessToken !== undefined && claims.ath !== accessTokenHash(x.accessToken)) {
    throw bad("'ath' claim in the DPoP proof does not match the presented access_token.");
  }
  replay.use(replayKey, x.nowMs + 2 * FIVE_MINUTES * 1000, x.nowMs);
  return { jkt };
}

export function accessTokenHash(token: string): string {
  return base64url.encode(createHash('sha256').update(token).digest());
}

/**
 * RFC 9449: compare ignoring query and fragment, with scheme/host normalised. The path is compared as sent,
 * not percent-decoded: Okta refused `%40` for a path segment holding `@` (okta-sdk-nodejs#521).
 */
function sameHtu(claim: string, expected: string): boolean {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/.exec(claim);
  if (!m) return false;
  const [, scheme = '', authority = '', path = ''] = m;
  const e = /^([a-z]+):\/\/([^/?#]*)(.*)$/.exec(expected);
  if (!e) return false;
  const defaultPort = scheme.toLowerCase() === 'https' ? ':443' : ':80';
  const lower = authority.toLowerCase();
  const host = lower.endsWith(defaultPort) ? lower.slice(0, -defaultPort.length) : lower;
  return scheme.toLowerCase() === e[1] && host === e[2]!.toLowerCase() && (path || '/') === (e[3] || '/');
}

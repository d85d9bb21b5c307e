import 'server-only';

import { SignJWT } from 'jose';
import { randomUUID, type KeyObject } from 'node:crypto';
import type { ServerClock } from './clock';
import type { KeyAlg } from './key-parse';

/** private_key_jwt client assertion for Okta's org token endpoint; a new one (new jti) per token request. */
export async function signClientAssertion(input: {
  keyObject: KeyObject;
  alg: KeyAlg;
  kid?: string;
  clientId: string;
  tokenUrl: string;
  clock: ServerClock;
}): Promise<string> {
  const now = Math.floor(input.clock.now() / 1000);
  // Okta rejects an iat in the future, so backdate it slightly; exp stays short (Okta allows up to 1 h).
  return new SignJWT({ jti: randomUUID() })
    .setProtectedHeader(input.kid ? { alg: input.alg, kid: input.kid, typ: 'JWT' } : { alg: input.alg, typ: 'JWT' })
    .setIssuer(input.clientId)
    .setSubject(input.clientId)
    .setAudience(input.tokenUrl)
    .setIssuedAt(now - 5)
    .setExpirationTime(now + 300)
    .sign(input.keyObject);
}

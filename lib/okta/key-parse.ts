import 'server-only';

import { createPrivateKey, createPublicKey, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { jwkThumbprint, type PublicJwk } from './jwk';

/** Why a pasted private key was refused. */
export type KeyProblem =
  | 'empty'
  | 'public_key'
  | 'certificate'
  | 'encrypted'
  | 'jwk_no_private'
  | 'rsa_too_small'
  | 'missing_markers'
  | 'truncated_or_altered'
  | 'unsupported'
  | 'garbage';

export type KeyAlg = 'RS256' | 'RS384' | 'RS512' | 'ES256' | 'ES384' | 'ES512';

export type ParsedKey = {
  kty: 'RSA' | 'EC';
  /** RSA modulus size. */
  bits?: number;
  /** EC curve (P-256, P-384, P-521). */
  curve?: string;
  alg: KeyAlg;
  format: 'pkcs8' | 'pkcs1' | 'sec1' | 'jwk';
  publicJwk: PublicJwk;
  /** RFC 7638 SHA-256 thumbprint of the public key. */
  thumbprint: string;
  /** `kid` found inside a pasted JWK. */
  jwkKid?: string;
  /** True when the JWK's own `kid` differs from the KID typed by the admin. */
  kidMismatch: boolean;
};

export type KeyParseFailure = { ok: false; code: KeyProblem; message: string };
export type KeyParseResult = { ok: true; key: ParsedKey } | KeyParseFailure;
type Loaded = { ok: true; key: ParsedKey; keyObject: KeyObject } | KeyParseFailure;

const CURVES: Record<string, { crv: string; alg: KeyAlg }> = {
  prime256v1: { crv: 'P-256', alg: 'ES256' },
  secp384r1: { crv: 'P-384', alg: 'ES384' },
  secp521r1: { crv: 'P-521', alg: 'ES512' },
};
const PEM_FORMATS: Record<string, 'pkcs8' | 'pkcs1' | 'sec1'> = {
  'PRIVATE KEY': 'pkcs8',
  'RSA PRIVATE KEY': 'pkcs1',
  'EC PRIVATE KEY': 'sec1',
};

const fail = (code: KeyProblem, message: string): KeyParseFailure => ({ ok: false, code, message });

/** Parse a private key as pasted (PEM or JWK JSON) and say exactly what is wrong with it. */
export function parsePrivateKey(text: string, opts: { kid?: string } = {}): KeyParseResult {
  const loaded = loadPrivateKey(text, opts);
  return loaded.ok ? { ok: true, key: loaded.key } : loaded;
}

/** Like parsePrivateKey, plus the KeyObject that signs; stays inside lib/okta. */
export function loadPrivateKey(text: string, opts: { kid?: string } = {}): Loaded {
  // Env files and JSON fields often carry a PEM with literal "\n"; CRLF comes from Windows clipboards.
  const input = text.replace(/\\n/g, '\n').replace(/\r\n?/g, '\n').trim();
  if (input === '') return fail('empty', 'No private key was pasted.');
  if (input.startsWith('{')) return loadJwk(input, opts.kid);
  return loadPem(input, opts.kid);
}

function loadPem(input: string, kid: string | undefined): Loaded {
  const labels = [...input.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((m) => m[1] ?? '');
  if (labels.length === 0) {
    const compact = input.replace(/\s+/g, '');
    if (compact.length >= 100 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
      return fail(
        'missing_markers',
        'The key has no -----BEGIN PRIVATE KEY----- / -----END PRIVATE KEY----- lines. Paste the whole PEM, markers included.',
      );
    }
    return fail('garbage', 'This is not a PEM private key or a JWK.');
  }
  if (labels.includes('ENCRYPTED PRIVATE KEY')) {
    return fail(
      'encrypted',
      'The key is encrypted with a passphrase. Export it unencrypted (PKCS#8, "BEGIN PRIVATE KEY").',
    );
  }
  const label = labels.find((l) => l in PEM_FORMATS);
  if (!label) {
    if (labels.includes('CERTIFICATE'))
      return fail('certificate', 'This is a certificate, not a private key. Paste the private key.');
    if (labels.some((l) => l.includes('PUBLIC KEY'))) {
      return fail(
        'public_key',
        'This is a public key. Paste the private key (BEGIN PRIVATE KEY); Okta keeps the public half.',
      );
    }
    return fail(
      'unsupported',
      `A "${labels[0] ?? ''}" block isn't supported. Use an RSA or EC key in PKCS#8 PEM ("BEGIN PRIVATE KEY").`,
    );
  }
  const start = input.indexOf(`-----BEGIN ${label}-----`) + `-----BEGIN ${label}-----`.length;
  const end = input.indexOf(`-----END ${label}-----`, start);
  if (end < 0)
    return fail('truncated_or_altered', `The "-----END ${label}-----" line is missing; the key looks cut off.`);
  const bodyLines = input
    .slice(start, end)
    .split('\n')
    .map((l) => l.trim());
  if (bodyLines.some((l) => /^Proc-Type:.*ENCRYPTED/i.test(l))) {
    return fail(
      'encrypted',
      'The key is encrypted with a passphrase. Export it unencrypted (PKCS#8, "BEGIN PRIVATE KEY").',
    );
  }
  const body = bodyLines.join('').replace(/\s+/g, '');
  if (body === '' || body.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    return fail(
      'truncated_or_altered',
      'The key body between the markers is not intact base64; it looks truncated or altered.',
    );
  }
  const format = PEM_FORMATS[label] ?? 'pkcs8';
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey({ key: Buffer.from(body, 'base64'), format: 'der', type: format });
  } catch {
    return fail('truncated_or_altered', 'The key body could not be decoded; it looks truncated or altered.');
  }
  return describe(keyObject, format, undefined, undefined, kid);
}

function loadJwk(input: string, kid: string | undefined): Loaded {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    return fail('truncated_or_altered', 'The JWK is not valid JSON; it looks cut off or altered.');
  }
  let jwk = parsed as Record<string, unknown>;
  if (Array.isArray(jwk.keys)) {
    const keys = jwk.keys as unknown[];
    if (keys.length !== 1)
      return fail('unsupported', `This is a JWK set with ${keys.length} keys. Paste the one private key.`);
    jwk = keys[0] as Record<string, unknown>;
  }
  if (typeof jwk !== 'object' || jwk === null || typeof jwk.kty !== 'string')
    return fail('garbage', 'This JSON is not a JWK (no "kty").');
  if (jwk.kty !== 'RSA' && jwk.kty !== 'EC')
    return fail('unsupported', `JWK type "${jwk.kty}" isn't supported. Use an RSA or EC key.`);
  if (typeof jwk.d !== 'string') {
    return fail(
      'jwk_no_private',
      'This JWK has no private part ("d"). It is the public key; paste the private JWK or the PEM.',
    );
  }
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch {
    return fail('truncated_or_altered', 'The JWK values could not be decoded; some are missing, truncated or altered.');
  }
  const jwkKid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
  const jwkAlg = typeof jwk.alg === 'string' ? jwk.alg : undefined;
  return describe(keyObject, 'jwk', jwkKid, jwkAlg, kid);
}

function describe(
  keyObject: KeyObject,
  format: ParsedKey['format'],
  jwkKid: string | undefined,
  jwkAlg: string | undefined,
  typedKid: string | undefined,
): Loaded {
  const details = keyObject.asymmetricKeyDetails ?? {};
  let base: Pick<ParsedKey, 'kty' | 'bits' | 'curve' | 'alg'>;
  if (keyObject.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0;
    if (bits < 2048) return fail('rsa_too_small', `The RSA key is ${bits} bits; Okta needs at least 2048.`);
    base = { kty: 'RSA', bits, alg: 'RS256' };
  } else if (keyObject.asymmetricKeyType === 'ec') {
    const curve = CURVES[details.namedCurve ?? ''];
    if (!curve)
      return fail('unsupported', `EC curve ${details.namedCurve ?? '?'} isn't supported. Use P-256, P-384 or P-521.`);
    base = { kty: 'EC', curve: curve.crv, alg: curve.alg };
  } else {
    return fail(
      'unsupported',
      `${keyObject.asymmetricKeyType ?? 'This'} key type isn't supported. Use an RSA (2048+ bits) or EC key.`,
    );
  }
  if (jwkAlg) {
    const compatible = base.kty === 'RSA' ? /^RS(256|384|512)$/.test(jwkAlg) : jwkAlg === base.alg;
    if (!compatible)
      return fail('unsupported', `The JWK says alg "${jwkAlg}", which Okta doesn't accept for this key.`);
    base.alg = jwkAlg as KeyAlg;
  }
  if (!selfCheck(keyObject))
    return fail('truncated_or_altered', 'The key fails a sign-and-verify check; its contents were altered.');
  const exported = createPublicKey(keyObject).export({ format: 'jwk' });
  const core: PublicJwk =
    base.kty === 'RSA'
      ? { kty: 'RSA', n: String(exported.n), e: String(exported.e) }
      : { kty: 'EC', crv: String(exported.crv), x: String(exported.x), y: String(exported.y) };
  const thumbprint = jwkThumbprint(core);
  const kid = typedKid?.trim() || jwkKid;
  const publicJwk: PublicJwk = { ...core, use: 'sig', alg: base.alg, ...(kid ? { kid } : {}) };
  const kidMismatch = Boolean(jwkKid && typedKid?.trim() && jwkKid !== typedKid.trim());
  return { ok: true, keyObject, key: { ...base, format, publicJwk, thumbprint, jwkKid, kidMismatch } };
}

// DER that still parses can carry altered numbers. OpenSSL signs RSA with the CRT values and silently falls
// back to d when they disagree, so a sign/verify round trip alone misses an altered d, dp or dq: check the
// RSA algebra too. For EC, signing with d and verifying against the stored point catches either change.
function selfCheck(keyObject: KeyObject): boolean {
  try {
    if (keyObject.asymmetricKeyType === 'rsa' && !rsaConsistent(keyObject.export({ format: 'jwk' }))) return false;
    const data = Buffer.from('okta-access-console key check');
    const signature = sign('sha256', data, keyObject);
    return verify('sha256', data, createPublicKey(keyObject), signature);
  } catch {
    return false;
  }
}

function rsaConsistent(jwk: JsonWebKey): boolean {
  const big = (v: unknown) =>
    typeof v === 'string' && v !== '' ? BigInt(`0x${Buffer.from(v, 'base64url').toString('hex') || '0'}`) : 0n;
  const [n, e, d, p, q, dp, dq, qi] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi].map(big) as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  if (p <= 1n || q <= 1n) return false;
  return (
    n === p * q &&
    dp === d % (p - 1n) &&
    dq === d % (q - 1n) &&
    (qi * q) % p === 1n &&
    (e * d) % (p - 1n) === 1n &&
    (e * d) % (q - 1n) === 1n
  );
}

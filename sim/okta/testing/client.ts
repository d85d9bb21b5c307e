import { base64url, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createHash, randomUUID } from 'node:crypto';

// A deliberately small, independent test client written from Okta's docs (not lib/okta): it builds
// client assertions and DPoP proofs by hand so tests can also build wrong ones.

export interface AssertionOptions {
  alg?: string;
  kid?: string | null;
  claims?: Record<string, unknown>;
  omit?: string[];
}

export async function signAssertion(
  origin: string,
  clientId: string,
  privateJwk: JWK,
  o: AssertionOptions = {},
): Promise<string> {
  const alg = o.alg ?? privateJwk.alg ?? 'RS256';
  const key = await importJWK(privateJwk, alg);
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: clientId,
    sub: clientId,
    aud: `${origin}/oauth2/v1/token`,
    iat: now,
    exp: now + 300,
    jti: randomUUID(),
    ...o.claims,
  };
  for (const k of o.omit ?? []) delete claims[k];
  const kid = o.kid === null ? undefined : (o.kid ?? privateJwk.kid);
  return new SignJWT(claims).setProtectedHeader({ alg, ...(kid ? { kid } : {}) }).sign(key);
}

export interface DpopKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
  alg: string;
}

export async function dpopKey(alg = 'ES256'): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, publicJwk: await exportJWK(publicKey), alg };
}

export interface ProofOptions {
  htm: string;
  htu: string;
  nonce?: string;
  accessToken?: string;
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  omit?: string[];
}

export function ath(token: string): string {
  return base64url.encode(createHash('sha256').update(token).digest());
}

export async function signProof(k: DpopKey, o: ProofOptions): Promise<string> {
  const claims: Record<string, unknown> = {
    htm: o.htm,
    htu: o.htu,
    iat: Math.floor(Date.now() / 1000),
    jti: randomUUID(),
    ...(o.nonce ? { nonce: o.nonce } : {}),
    ...(o.accessToken ? { ath: ath(o.accessToken) } : {}),
    ...o.claims,
  };
  for (const c of o.omit ?? []) delete claims[c];
  return new SignJWT(claims)
    .setProtectedHeader({ typ: 'dpop+jwt', alg: k.alg, jwk: k.publicJwk, ...o.header })
    .sign(k.privateKey);
}

export interface TokenResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function postToken(
  origin: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<TokenResult> {
  const res = await fetch(`${origin}/oauth2/v1/token`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

export function tokenForm(assertion: string, scope: string): Record<string, string> {
  return {
    grant_type: 'client_credentials',
    scope,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  };
}

/** Full client-credentials flow, including the DPoP nonce round trip when `dpop` is given. */
export async function getToken(
  origin: string,
  clientId: string,
  privateJwk: JWK,
  scope: string,
  dpop?: DpopKey,
): Promise<TokenResult> {
  const htu = `${origin}/oauth2/v1/token`;
  const first = await postToken(
    origin,
    tokenForm(await signAssertion(origin, clientId, privateJwk), scope),
    dpop ? { DPoP: await signProof(dpop, { htm: 'POST', htu }) } : {},
  );
  if (!dpop || first.body.error !== 'use_dpop_nonce') return first;
  const nonce = first.headers.get('dpop-nonce') ?? '';
  return postToken(origin, tokenForm(await signAssertion(origin, clientId, privateJwk), scope), {
    DPoP: await signProof(dpop, { htm: 'POST', htu, nonce }),
  });
}

export interface ApiResult {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Calls the Management API with a Bearer or DPoP-bound token (fresh proof per call, htu without query). */
export async function api(
  origin: string,
  method: string,
  pathAndQuery: string,
  token: string,
  dpop?: DpopKey,
  body?: unknown,
): Promise<ApiResult> {
  const url = pathAndQuery.startsWith('http') ? pathAndQuery : `${origin}${pathAndQuery}`;
  const htu = decodeURIComponent(url.split('?')[0]!);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (dpop) {
    headers.Authorization = `DPoP ${token}`;
    headers.DPoP = await signProof(dpop, { htm: method, htu, accessToken: token });
  } else headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? (method === 'PUT' || method === 'POST' ? '' : undefined) : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

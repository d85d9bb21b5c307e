import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { ath, dpopKey, getToken, postToken, signAssertion, signProof, tokenForm, type DpopKey } from './testing/client';

// DPoP (RFC 9449) as Okta applies it: auth-and-dpop.md §2 (token endpoint table) and §3 (resource side).

let sim: Simulator;
let clientId: string;
let jwk: JWK;
let dk: DpopKey;
let tokenUrl: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'tiny' });
  ({ clientId } = sim.control.createServiceApp({
    dpopRequired: true,
    scopes: ['okta.users.read', 'okta.groups.read'],
    roles: ['READ_ONLY_ADMIN'],
  }));
  jwk = (await sim.control.generateKey(clientId)).privateJwk;
  dk = await dpopKey();
  tokenUrl = `${sim.origin}/oauth2/v1/token`;
});
afterAll(() => sim.close());

async function nonce(): Promise<string> {
  const res = await postToken(
    sim.origin,
    tokenForm(await signAssertion(sim.origin, clientId, jwk), 'okta.users.read'),
    { DPoP: await signProof(dk, { htm: 'POST', htu: tokenUrl }) },
  );
  return res.headers.get('dpop-nonce')!;
}

async function tokenWithProof(proof: string | string[]) {
  const headers = new Headers({ Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' });
  for (const p of Array.isArray(proof) ? proof : [proof]) headers.append('DPoP', p);
  const body = new URLSearchParams(
    tokenForm(await signAssertion(sim.origin, clientId, jwk), 'okta.users.read'),
  ).toString();
  // fetch would merge repeated headers into one; send raw lines through node:http for the duplicate case.
  if (Array.isArray(proof)) {
    const http = await import('node:http');
    return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      // An array value goes out as one header line per element.
      const req = http.request(tokenUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': String(Buffer.byteLength(body)),
          DPoP: proof,
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) as Record<string, unknown> }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  const res = await fetch(tokenUrl, { method: 'POST', headers, body });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const bad = (description: string) => ({
  status: 400,
  body: { error: 'invalid_dpop_proof', error_description: description },
});

describe('token endpoint proof checks', () => {
  it('answers a nonce-less proof with 400 use_dpop_nonce and a dpop-nonce header', async () => {
    const res = await postToken(
      sim.origin,
      tokenForm(await signAssertion(sim.origin, clientId, jwk), 'okta.users.read'),
      { DPoP: await signProof(dk, { htm: 'POST', htu: tokenUrl }) },
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'use_dpop_nonce',
      error_description: 'Authorization server requires nonce in DPoP proof.',
    });
    expect(res.headers.get('dpop-nonce')).toMatch(/^\S{16,}$/);
  });

  it('answers an unknown nonce with use_dpop_nonce too', async () => {
    const res = await tokenWithProof(await signProof(dk, { htm: 'POST', htu: tokenUrl, nonce: 'stale' }));
    expect(res.body.error).toBe('use_dpop_nonce');
  });

  it('cases from the error catalogue', async () => {
    const n = await nonce();
    const now = Math.floor(Date.now() / 1000);
    const p = (o: Partial<Parameters<typeof signProof>[1]>) =>
      signProof(dk, { htm: 'POST', htu: tokenUrl, nonce: n, ...o });
    const cases: Array<[string | string[], ReturnType<typeof bad>]> = [
      ['garbage', bad('The DPoP proof JWT cannot be parsed.')],
      [await p({ header: { typ: 'JWT' } }), bad("'typ' must be 'dpop+jwt' in the DPoP proof JWT.")],
      [await p({ htm: 'GET' }), bad("'htm' claim in the DPoP proof JWT is invalid.")],
      [await p({ htu: `${sim.origin}/oauth2/default/v1/token` }), bad("'htu' claim in the DPoP proof JWT is invalid.")],
      [await p({ claims: { iat: 'yesterday' } }), bad("'iat' claim in the DPoP proof JWT is invalid.")],
      [await p({ claims: { iat: now + 120 } }), bad('The DPoP proof JWT is issued in the future.')],
      [
        await p({ claims: { iat: now - 301 } }),
        bad('The DPoP proof JWT is issued more than five minutes in the past.'),
      ],
      [await p({ claims: { exp: now - 1 } }), bad('The DPoP proof JWT is expired.')],
      [await p({ omit: ['jti'] }), bad("'jti' claim in the DPoP proof JWT is invalid.")],
      [[await p({}), await p({})], bad('Multiple DPoP proof JWT headers are not allowed.')],
    ];
    for (const [proof, expected] of cases) {
      const res = await tokenWithProof(proof);
      expect({ status: res.status, body: res.body }, JSON.stringify(expected.body)).toEqual(expected);
    }
  });

  it('refuses a proof whose signature does not match the embedded jwk', async () => {
    const other = await dpopKey();
    const forged = await signProof(
      { ...dk, privateKey: other.privateKey },
      { htm: 'POST', htu: tokenUrl, nonce: await nonce() },
    );
    expect(await tokenWithProof(forged)).toMatchObject(bad('The DPoP proof JWT signature is invalid.'));
  });

  it('refuses a proof that embeds a private key', async () => {
    const { exportJWK } = await import('jose');
    const priv = await exportJWK(dk.privateKey);
    const proof = await signProof({ ...dk, publicJwk: priv }, { htm: 'POST', htu: tokenUrl, nonce: await nonce() });
    expect(await tokenWithProof(proof)).toMatchObject(bad('The DPoP proof JWT signature is invalid.'));
  });

  it('refuses a replayed proof (same jti)', async () => {
    const proof = await signProof(dk, { htm: 'POST', htu: tokenUrl, nonce: await nonce() });
    expect((await tokenWithProof(proof)).status).toBe(200);
    expect(await tokenWithProof(proof)).toMatchObject(bad('The DPoP proof JWT has already been used.'));
  });

  it('compares htu ignoring the query string', async () => {
    const res = await tokenWithProof(
      await signProof(dk, { htm: 'POST', htu: `${tokenUrl}?x=1`, nonce: await nonce() }),
    );
    expect(res.status).toBe(200);
  });
});

describe('resource server', () => {
  let token: string;
  beforeAll(async () => {
    token = (await getToken(sim.origin, clientId, jwk, 'okta.users.read', dk)).body.access_token as string;
  });

  async function call(headers: Record<string, string>, path = '/api/v1/users') {
    const res = await fetch(`${sim.origin}${path}`, { headers });
    return { status: res.status, www: res.headers.get('www-authenticate') ?? '', text: await res.text() };
  }
  const proof = (o: Partial<Parameters<typeof signProof>[1]> = {}) =>
    signProof(dk, { htm: 'GET', htu: `${sim.origin}/api/v1/users`, accessToken: token, ...o });

  it('accepts DPoP scheme + fresh proof with ath', async () => {
    expect((await call({ Authorization: `DPoP ${token}`, DPoP: await proof() })).status).toBe(200);
  });

  it('refuses the Bearer scheme for a DPoP-bound token (400 invalid_request)', async () => {
    const res = await call({ Authorization: `Bearer ${token}` });
    expect(res.status).toBe(400);
    expect(res.www).toContain(
      'error="invalid_request", error_description="The resource request must use the DPoP authentication scheme when using a DPoP bound token."',
    );
    expect(res.www.startsWith('DPoP algs="RS256 RS384 RS512 ES256 ES384 ES512", ')).toBe(true);
  });

  it('refuses a missing proof (400 invalid_request)', async () => {
    const res = await call({ Authorization: `DPoP ${token}` });
    expect(res.status).toBe(400);
    expect(res.www).toContain('error_description="The resource request requires a DPoP proof."');
  });

  it('refuses a wrong ath', async () => {
    const res = await call({
      Authorization: `DPoP ${token}`,
      DPoP: await proof({ accessToken: undefined, claims: { ath: ath('other') } }),
    });
    expect(res.status).toBe(400);
    expect(res.www).toContain(
      `error="invalid_dpop_proof", error_description="'ath' claim in the DPoP proof does not match the presented access_token."`,
    );
  });

  it('refuses a proof from a key the token is not bound to', async () => {
    const other = await dpopKey();
    const res = await call({
      Authorization: `DPoP ${token}`,
      DPoP: await signProof(other, { htm: 'GET', htu: `${sim.origin}/api/v1/users`, accessToken: token }),
    });
    expect(res.www).toContain('error_description="The access_token is not bound to the provided DPoP proof."');
  });

  it('refuses a replayed proof, e.g. a retry that reuses the old DPoP header', async () => {
    const p = await proof();
    expect((await call({ Authorization: `DPoP ${token}`, DPoP: p })).status).toBe(200);
    const res = await call({ Authorization: `DPoP ${token}`, DPoP: p });
    expect(res.status).toBe(400);
    expect(res.www).toContain('error_description="The DPoP proof JWT has already been used."');
    expect(res.www).toContain('resource="/api/v1/users"');
  });

  it('refuses htm/htu for another request', async () => {
    expect((await call({ Authorization: `DPoP ${token}`, DPoP: await proof({ htm: 'POST' }) })).www).toContain(
      `'htm' claim in the DPoP proof JWT is invalid.`,
    );
    expect(
      (await call({ Authorization: `DPoP ${token}`, DPoP: await proof({ htu: `${sim.origin}/api/v1/groups` }) })).www,
    ).toContain(`'htu' claim in the DPoP proof JWT is invalid.`);
  });

  it('compares htu with the percent-decoded path (keeping %40 in htu fails, as okta-sdk-nodejs#521 saw)', async () => {
    sim.control.createUser({ login: 'pat.doe@example.com', firstName: 'Pat', lastName: 'Doe' });
    const path = '/api/v1/users/pat.doe%40example.com';
    const encoded = await call(
      { Authorization: `DPoP ${token}`, DPoP: await proof({ htu: `${sim.origin}${path}` }) },
      path,
    );
    expect(encoded.www).toContain(`'htu' claim in the DPoP proof JWT is invalid.`);
    const decoded = await call(
      { Authorization: `DPoP ${token}`, DPoP: await proof({ htu: `${sim.origin}/api/v1/users/pat.doe@example.com` }) },
      path,
    );
    expect(decoded.status).toBe(200);
  });

  it('refuses the DPoP scheme with a Bearer token (401 invalid_token)', async () => {
    const app = sim.control.createServiceApp({
      dpopRequired: false,
      scopes: ['okta.users.read'],
      roles: ['READ_ONLY_ADMIN'],
    });
    const k = await sim.control.generateKey(app.clientId);
    const bearer = (await getToken(sim.origin, app.clientId, k.privateJwk, 'okta.users.read')).body
      .access_token as string;
    const res = await call({ Authorization: `DPoP ${bearer}`, DPoP: await proof({ accessToken: bearer }) });
    expect(res.status).toBe(401);
    expect(res.www).toContain(
      'error="invalid_token", error_description="The presented access_token is not DPoP bound."',
    );
    expect((await call({ Authorization: `Bearer ${bearer}` })).status).toBe(200);
  });
});

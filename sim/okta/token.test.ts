import { decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { dpopKey, getToken, postToken, signAssertion, tokenForm } from './testing/client';

// Token endpoint conformance, written from shared/okta/auth-and-dpop.md §1–§2 (texts from Okta's OAuth
// error catalogue). Apps here don't require DPoP unless a test says so, to isolate client authentication.

let sim: Simulator;
let clientId: string;
let jwk: JWK;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'tiny' });
  ({ clientId } = sim.control.createServiceApp({
    dpopRequired: false,
    scopes: ['okta.users.read', 'okta.groups.read'],
  }));
  jwk = (await sim.control.generateKey(clientId)).privateJwk;
});
afterAll(() => sim.close());

async function token(assertion: string, scope = 'okta.users.read') {
  return postToken(sim.origin, tokenForm(assertion, scope));
}

function expectRefusal(
  res: { status: number; body: Record<string, unknown> },
  status: number,
  error: string,
  description: string,
) {
  expect({ status: res.status, ...res.body }).toEqual({ status, error, error_description: description });
}

describe('success', () => {
  it('issues a one-hour Bearer token with scp, cid and sub = client id', async () => {
    const res = await token(await signAssertion(sim.origin, clientId, jwk));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'okta.users.read' });
    const claims = decodeJwt(res.body.access_token as string);
    expect(claims).toMatchObject({
      ver: 1,
      cid: clientId,
      sub: clientId,
      scp: ['okta.users.read'],
      iss: sim.origin,
      aud: sim.origin,
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.cnf).toBeUndefined();
    expect(decodeProtectedHeader(res.body.access_token as string).alg).toBe('RS256');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-store');
  });

  it('grants only the granted subset of the requested scopes (partial grant)', async () => {
    const res = await token(
      await signAssertion(sim.origin, clientId, jwk),
      'okta.users.read okta.apps.manage okta.groups.read',
    );
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('okta.users.read okta.groups.read');
    expect(decodeJwt(res.body.access_token as string).scp).toEqual(['okta.users.read', 'okta.groups.read']);
  });

  it('accepts an assertion without kid when the app has exactly one active key', async () => {
    expect((await token(await signAssertion(sim.origin, clientId, jwk, { kid: null }))).status).toBe(200);
  });

  it('accepts an assertion without iat and without jti', async () => {
    expect((await token(await signAssertion(sim.origin, clientId, jwk, { omit: ['iat', 'jti'] }))).status).toBe(200);
  });

  it.each(['ES256', 'ES384', 'ES512', 'RS384', 'RS512'] as const)('verifies %s assertions', async (alg) => {
    const app = sim.control.createServiceApp({ dpopRequired: false, scopes: ['okta.users.read'] });
    const key = await sim.control.generateKey(app.clientId, { alg });
    expect((await token(await signAssertion(sim.origin, app.clientId, key.privateJwk))).status).toBe(200);
  });
});

describe('client assertion refusals (401 invalid_client)', () => {
  const cases: Array<[string, () => Promise<string>, string]> = [
    ['unparseable', () => Promise.resolve('not.a.jwt'), 'The parsing of the client_assertion failed.'],
    [
      'alg HS256',
      async () =>
        signAssertion(sim.origin, clientId, {
          kty: 'oct',
          k: 'c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI',
          alg: 'HS256',
        }),
      'The client_assertion JWT signature algorithm is invalid.',
    ],
    [
      'unknown iss',
      async () => signAssertion(sim.origin, clientId, jwk, { claims: { iss: '0oaUNKNOWN0000000000' } }),
      'The issuer claim for client_assertion is not a valid client_id.',
    ],
    [
      'sub != iss',
      async () => signAssertion(sim.origin, clientId, jwk, { claims: { sub: '0oaUNKNOWN0000000000' } }),
      'The subject claim for client_assertion is not a valid client_id.',
    ],
    [
      'unknown kid',
      async () => signAssertion(sim.origin, clientId, jwk, { kid: 'nope' }),
      'The client_assertion JWT kid is invalid.',
    ],
    [
      'missing exp',
      async () => signAssertion(sim.origin, clientId, jwk, { omit: ['exp'] }),
      "The client_assertion must contain the 'exp' claim as seconds since epoch.",
    ],
    [
      'expired',
      async () => signAssertion(sim.origin, clientId, jwk, { claims: { exp: Math.floor(Date.now() / 1000) - 10 } }),
      'The client_assertion token is expired.',
    ],
    [
      'exp > 1 h ahead',
      async () => signAssertion(sim.origin, clientId, jwk, { claims: { exp: Math.floor(Date.now() / 1000) + 3700 } }),
      'The client_assertion token has an expiration too far into the future.',
    ],
    [
      'iat in the future',
      async () => signAssertion(sim.origin, clientId, jwk, { claims: { iat: Math.floor(Date.now() / 1000) + 120 } }),
      'The client_assertion token must be issued before the current time.',
    ],
    [
      'wrong aud',
      async () =>
        signAssertion(sim.origin, clientId, jwk, { claims: { aud: 'https://example.okta.com/oauth2/v1/token' } }),
      'The audience claim for client_assertion must be the endpoint invoked for the request.',
    ],
    [
      'aud = custom AS token url',
      async () =>
        signAssertion(sim.origin, clientId, jwk, { claims: { aud: `${sim.origin}/oauth2/default/v1/token` } }),
      'The audience claim for client_assertion must be the endpoint invoked for the request.',
    ],
  ];
  it.each(cases)('%s', async (_name, build, description) => {
    expectRefusal(await token(await build()), 401, 'invalid_client', description);
  });

  it('bad signature (signed by another key with the registered kid)', async () => {
    const other = await (await import('./auth/keys')).generateClientKey();
    const forged = await signAssertion(sim.origin, clientId, { ...other.privateJwk, kid: jwk.kid! });
    expectRefusal(await token(forged), 401, 'invalid_client', 'The client_assertion signature is invalid.');
  });

  it('jti replay', async () => {
    const a = await signAssertion(sim.origin, clientId, jwk);
    expect((await token(a)).status).toBe(200);
    expectRefusal(await token(a), 401, 'invalid_client', 'The client_assertion token has already been used.');
  });

  it('app without any JWK', async () => {
    const bare = sim.control.createServiceApp({ dpopRequired: false, scopes: ['okta.users.read'] });
    expectRefusal(
      await token(await signAssertion(sim.origin, bare.clientId, jwk)),
      401,
      'invalid_client',
      'The client does not have a JWKSet configured, but the client_assertion requires one.',
    );
  });
});

describe('key lifecycle and kid rules', () => {
  it('requires kid once the app has several active keys', async () => {
    const app = sim.control.createServiceApp({ dpopRequired: false, scopes: ['okta.users.read'] });
    const k1 = await sim.control.generateKey(app.clientId);
    await sim.control.generateKey(app.clientId);
    expectRefusal(
      await token(await signAssertion(sim.origin, app.clientId, k1.privateJwk, { kid: null })),
      401,
      'invalid_client',
      'The client_assertion JWT kid is invalid.',
    );
    expect((await token(await signAssertion(sim.origin, app.clientId, k1.privateJwk))).status).toBe(200);
  });

  it('refuses an INACTIVE key and accepts it again once reactivated; refuses a deleted key', async () => {
    const app = sim.control.createServiceApp({ dpopRequired: false, scopes: ['okta.users.read'] });
    const k = await sim.control.generateKey(app.clientId);
    sim.control.setKeyStatus(app.clientId, k.kid, 'INACTIVE');
    expectRefusal(
      await token(await signAssertion(sim.origin, app.clientId, k.privateJwk)),
      401,
      'invalid_client',
      'The client_assertion JWT kid is invalid.',
    );
    sim.control.setKeyStatus(app.clientId, k.kid, 'ACTIVE');
    expect((await token(await signAssertion(sim.origin, app.clientId, k.privateJwk))).status).toBe(200);
    sim.control.deleteKey(app.clientId, k.kid);
    expectRefusal(
      await token(await signAssertion(sim.origin, app.clientId, k.privateJwk)),
      401,
      'invalid_client',
      'The client does not have a JWKSet configured, but the client_assertion requires one.',
    );
  });

  it('registers a public JWK without kid under its RFC 7638 thumbprint', async () => {
    const app = sim.control.createServiceApp({ dpopRequired: false, scopes: ['okta.users.read'] });
    const k = await (await import('./auth/keys')).generateClientKey('ES256');
    const { kid: _kid, ...pub } = k.publicJwk;
    const { kid } = await sim.control.addPublicKey(app.clientId, pub);
    expect(kid).toBe(k.kid);
    expect((await token(await signAssertion(sim.origin, app.clientId, k.privateJwk))).status).toBe(200);
  });

  it('generated keys look like the Admin Console: PKCS#8 PEM, 2048-bit RSA, use sig, kid = thumbprint', async () => {
    const app = sim.control.createServiceApp({});
    const k = await sim.control.generateKey(app.clientId);
    expect(k.privateKeyPem.startsWith('-----BEGIN PRIVATE KEY-----')).toBe(true);
    expect(k.publicJwk).toMatchObject({ kty: 'RSA', e: 'AQAB', use: 'sig', alg: 'RS256', kid: k.kid });
    expect(Buffer.from(k.publicJwk.n!, 'base64url').length).toBe(256);
    expect(k.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a deactivated app is refused with the generic invalid_client text', async () => {
    const app = sim.control.createServiceApp({ dpopRequired: false, scopes: ['okta.users.read'] });
    const k = await sim.control.generateKey(app.clientId);
    sim.control.setAppStatus(app.appId, 'INACTIVE');
    expectRefusal(
      await token(await signAssertion(sim.origin, app.clientId, k.privateJwk)),
      401,
      'invalid_client',
      'Client authentication failed. Either the client or the client credentials are invalid.',
    );
  });
});

describe('request-shape and scope refusals', () => {
  it('missing grant_type', async () => {
    const form = tokenForm(await signAssertion(sim.origin, clientId, jwk), 'okta.users.read');
    delete (form as Record<string, string | undefined>).grant_type;
    const res = await postToken(sim.origin, form);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.error_description).toMatch(/^The token request must specify a 'grant_type'\. Valid values: \[/);
  });

  it('wrong client_assertion_type', async () => {
    const form = {
      ...tokenForm(await signAssertion(sim.origin, clientId, jwk), 'okta.users.read'),
      client_assertion_type: 'urn:x',
    };
    expectRefusal(await postToken(sim.origin, form), 400, 'invalid_request', 'The client_assertion_type is invalid.');
  });

  it('Authorization header and client_assertion together', async () => {
    const form = tokenForm(await signAssertion(sim.origin, clientId, jwk), 'okta.users.read');
    const res = await postToken(sim.origin, form, {
      Authorization: `Basic ${Buffer.from(`${clientId}:secret`).toString('base64')}`,
    });
    expectRefusal(
      res,
      401,
      'invalid_request',
      'Cannot supply multiple client credentials. Use one of the following: credentials in the Authorization header, credentials in the post body, or a client_assertion in the post body.',
    );
  });

  it('client_secret instead of private_key_jwt', async () => {
    const res = await postToken(sim.origin, {
      grant_type: 'client_credentials',
      scope: 'okta.users.read',
      client_id: clientId,
      client_secret: 's',
    });
    expectRefusal(
      res,
      401,
      'invalid_client',
      'Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method.',
    );
  });

  it('no scope', async () => {
    expectRefusal(
      await token(await signAssertion(sim.origin, clientId, jwk), ''),
      400,
      'invalid_scope',
      'No scopes were requested.',
    );
  });

  it('.self scope', async () => {
    expectRefusal(
      await token(await signAssertion(sim.origin, clientId, jwk), 'okta.users.read.self'),
      400,
      'client_credentials_self_scope_requested',
      "The 'client_credentials' grant type may not request .self scopes.",
    );
  });

  it('custom scope on the org authorization server', async () => {
    expectRefusal(
      await token(await signAssertion(sim.origin, clientId, jwk), 'custom.read'),
      400,
      'invalid_scope',
      'Custom scopes are not allowed for this request.',
    );
  });

  it('none of the requested scopes granted → consent_required', async () => {
    expectRefusal(
      await token(await signAssertion(sim.origin, clientId, jwk), 'okta.apps.read okta.apps.manage'),
      400,
      'consent_required',
      'You are not allowed any of the requested scopes.',
    );
  });

  it('revoking a scope takes effect for the next token', async () => {
    const app = sim.control.createServiceApp({ dpopRequired: false, scopes: ['okta.users.read'] });
    const k = await sim.control.generateKey(app.clientId);
    sim.control.revokeScopes(app.clientId, ['okta.users.read']);
    expectRefusal(
      await token(await signAssertion(sim.origin, app.clientId, k.privateJwk)),
      400,
      'consent_required',
      'You are not allowed any of the requested scopes.',
    );
    sim.control.grantScopes(app.clientId, ['okta.users.read']);
    expect((await token(await signAssertion(sim.origin, app.clientId, k.privateJwk))).status).toBe(200);
  });
});

describe('discovery', () => {
  it('publishes org AS metadata and a JWKS that verifies issued tokens', async () => {
    const meta = (await (await fetch(`${sim.origin}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(meta).toMatchObject({
      issuer: sim.origin,
      token_endpoint: `${sim.origin}/oauth2/v1/token`,
      jwks_uri: `${sim.origin}/oauth2/v1/keys`,
    });
    expect(meta.dpop_signing_alg_values_supported).toEqual(['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512']);
    const { createRemoteJWKSet, jwtVerify } = await import('jose');
    const res = await token(await signAssertion(sim.origin, clientId, jwk));
    const { payload } = await jwtVerify(
      res.body.access_token as string,
      createRemoteJWKSet(new URL(meta.jwks_uri as string)),
      { issuer: sim.origin, audience: sim.origin },
    );
    expect(payload.cid).toBe(clientId);
  });
});

describe('DPoP at the token endpoint', () => {
  it('new service apps require DPoP by default: a request without proof is refused', async () => {
    const app = sim.control.createServiceApp({ scopes: ['okta.users.read'] });
    const k = await sim.control.generateKey(app.clientId);
    expectRefusal(
      await token(await signAssertion(sim.origin, app.clientId, k.privateJwk)),
      400,
      'invalid_dpop_proof',
      'The DPoP proof JWT header is missing.',
    );
  });

  it('nonce challenge, then a DPoP-bound token with cnf.jkt', async () => {
    const app = sim.control.createServiceApp({ scopes: ['okta.users.read'] });
    const k = await sim.control.generateKey(app.clientId);
    const dk = await dpopKey();
    const res = await getToken(sim.origin, app.clientId, k.privateJwk, 'okta.users.read', dk);
    expect(res.status).toBe(200);
    expect(res.body.token_type).toBe('DPoP');
    const { calculateJwkThumbprint } = await import('jose');
    expect(decodeJwt(res.body.access_token as string).cnf).toEqual({ jkt: await calculateJwkThumbprint(dk.publicJwk) });
  });
});

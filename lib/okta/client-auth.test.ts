import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOktaClient } from './client';
import { isOktaError, type OktaError } from './errors';
import { startFakeOkta, type FakeOkta, type FakeRequest } from './test-support/fake-okta';
import type { AuthMode, OktaClientOptions } from './types';

let fake: FakeOkta;
const opts: OktaClientOptions = { allowedOrigins: ['http://127.0.0.1:*'], retryBaseMs: 1, timeoutMs: 5_000 };
const user = (id: string) => ({
  id,
  status: 'ACTIVE',
  profile: { login: `${id}@example.com`, email: `${id}@example.com`, firstName: 'A', lastName: null },
});

function client(authMode: AuthMode = 'auto', extra: Partial<OktaClientOptions> = {}) {
  return createOktaClient(
    { domain: fake.origin, clientId: fake.clientId, keyId: fake.kid, privateKey: fake.privateKeyPem, authMode },
    { ...opts, ...extra },
  );
}
async function caught(p: Promise<unknown>): Promise<OktaError> {
  try {
    await p;
  } catch (error) {
    if (isOktaError(error)) return error;
    throw error;
  }
  throw new Error('expected an OktaError');
}

beforeEach(async () => {
  fake = await startFakeOkta();
  fake.api = (r) =>
    r.path.startsWith('/api/v1/users/')
      ? { status: 200, body: user(decodeURIComponent(r.path.split('/')[4] ?? '')) }
      : undefined;
});
afterEach(() => fake.close());

describe('token', () => {
  it('reuses one token across calls, and concurrent first callers share one request', async () => {
    const c = client('bearer');
    await Promise.all(Array.from({ length: 20 }, (_, i) => c.users.get(`u${i}`)));
    for (let i = 0; i < 5; i++) await c.users.get('again');
    expect(fake.tokenRequests).toBe(1);
    expect(fake.apiRequests).toHaveLength(25);
  });

  it('sends a private_key_jwt assertion Okta verifies (aud = token URL, iss = sub = client id, kid)', async () => {
    const info = await client('bearer').tokenInfo();
    expect(info).toMatchObject({ dpop: false, switchedToDpop: false, missingScopes: [] });
    expect(info.grantedScopes).toContain('okta.users.read');
  });

  it('reports a partial grant, and an empty grant as insufficient_scope', async () => {
    fake.grantedScopes = ['okta.users.read', 'okta.groups.read'];
    const info = await client('bearer').tokenInfo();
    expect(info.missingScopes).toEqual([
      'okta.users.manage',
      'okta.groups.manage',
      'okta.apps.read',
      'okta.apps.manage',
    ]);
    fake.grantedScopes = [];
    const e = await caught(client('bearer').tokenInfo());
    expect(e).toMatchObject({ kind: 'insufficient_scope', errorCode: 'consent_required', status: 400 });
  });

  it('turns a wrong kid into invalid_credentials, never retrying it', async () => {
    const c = createOktaClient(
      {
        domain: fake.origin,
        clientId: fake.clientId,
        keyId: 'other',
        privateKey: fake.privateKeyPem,
        authMode: 'bearer',
      },
      opts,
    );
    const e = await caught(c.users.get('x'));
    expect(e).toMatchObject({
      kind: 'invalid_credentials',
      errorCode: 'invalid_client',
      errorSummary: 'The client_assertion JWT kid is invalid.',
    });
    expect(e.requestId).toMatch(/^req/);
    expect(fake.tokenRequests).toBe(1);
  });

  it('drops the token after a 401 invalid_token and retries once with a new one', async () => {
    const c = client('bearer');
    await c.users.get('a');
    fake.script.push({
      match: (r) => r.path.startsWith('/api/'),
      reply: {
        status: 401,
        headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="The token has expired."' },
        body: { errorCode: 'E0000011', errorSummary: 'Invalid token provided' },
      },
    });
    await expect(c.users.get('b')).resolves.toMatchObject({ id: 'b' });
    expect(fake.tokenRequests).toBe(2);
  });

  it('refreshes an expiring token once for all concurrent callers', async () => {
    fake.expiresIn = 1; // cached until 80% of its life
    const c = client('bearer');
    await c.users.get('warm');
    await new Promise((r) => setTimeout(r, 1_000));
    await Promise.all(Array.from({ length: 20 }, (_, i) => c.users.get(`u${i}`)));
    expect(fake.tokenRequests).toBe(2);
  });

  it('after a burst of 401s, concurrent callers share a single replacement token', async () => {
    const c = client('bearer');
    await c.users.get('warm');
    const revoked = fake.apiRequests[0]?.headers.authorization;
    for (let i = 0; i < 10; i++) {
      // Okta revoked the token: every request that still carries it is refused.
      fake.script.push({
        match: (r) => r.headers.authorization === revoked,
        reply: { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } },
      });
    }
    await Promise.all(Array.from({ length: 10 }, (_, i) => c.users.get(`u${i}`)));
    expect(fake.tokenRequests).toBe(2);
  });

  it('recovers when our clock is 10 minutes behind Okta: the Date header fixes the assertion times', async () => {
    fake.clockAheadS = 600;
    await expect(client('bearer').tokenInfo()).resolves.toBeTruthy();
    expect(fake.tokenRequests).toBe(2);
  });

  it('retries token requests on 5xx with a fresh assertion (Okta refuses a replayed jti)', async () => {
    fake.script.push({
      match: (r) => r.path === '/oauth2/v1/token',
      reply: { status: 503, body: { errorCode: 'E0000009', errorSummary: 'Internal Server Error' } },
    });
    await expect(client('bearer').tokenInfo()).resolves.toBeTruthy();
    expect(fake.tokenRequests).toBe(2);
  });
});

describe('DPoP', () => {
  beforeEach(() => {
    fake.dpopRequired = true;
  });

  it('auto mode switches on "The DPoP proof JWT header is missing.", answers the nonce challenge and reports it', async () => {
    const detected: string[] = [];
    const c = client('auto', { onAuthModeDetected: (m) => detected.push(m) });
    await expect(c.users.get('rae.cloud+x@example.com')).resolves.toMatchObject({ id: 'rae.cloud+x@example.com' });
    // no proof → missing; proof without nonce → use_dpop_nonce; proof with nonce → token
    expect(fake.tokenRequests).toBe(3);
    expect(detected).toEqual(['dpop']);
    expect(await c.tokenInfo()).toMatchObject({ dpop: true, switchedToDpop: true });
    const apiCall = fake.apiRequests[0] as FakeRequest;
    expect(apiCall.headers.authorization).toMatch(/^DPoP /);
    // the login's @ travels literally, so htu, the wire path and Okta's decoded path agree
    expect(apiCall.url.pathname).toBe('/api/v1/users/rae.cloud+x@example.com');
  });

  it('dpop mode sends a proof at once; a remembered nonce spares the challenge on the next token', async () => {
    const c = client('dpop');
    await c.users.get('a');
    expect(fake.tokenRequests).toBe(2);
    fake.script.push({
      match: (r) => r.path.startsWith('/api/'),
      reply: { status: 401, headers: { 'www-authenticate': 'DPoP error="invalid_token"' } },
    });
    await c.users.get('b');
    expect(fake.tokenRequests).toBe(3);
  });

  it('every API call and every retry carries a fresh proof (the fake refuses replayed jti)', async () => {
    const c = client('dpop');
    fake.script.push({ match: (r) => r.path.startsWith('/api/'), reply: { status: 503 } });
    fake.script.push({ match: (r) => r.path.startsWith('/api/'), reply: { status: 502 } });
    for (let i = 0; i < 5; i++) await c.users.get(`u${i}`);
    const proofs = fake.apiRequests.map((r) => r.headers.dpop);
    expect(new Set(proofs).size).toBe(proofs.length);
    expect(proofs).toHaveLength(7);
  });

  it('answers a resource-server nonce challenge and keeps the nonce for later calls', async () => {
    fake.resourceNonce = 'rs-nonce-1';
    const c = client('dpop');
    await c.users.get('a');
    await c.users.get('b');
    // a: refused once for the nonce, then accepted; b: accepted at once with the remembered nonce
    expect(fake.apiRequests).toHaveLength(3);
    expect(fake.tokenRequests).toBe(2);
  });

  it('bearer mode against a DPoP app fails as dpop_required', async () => {
    const e = await caught(client('bearer').tokenInfo());
    expect(e).toMatchObject({ kind: 'dpop_required', errorSummary: 'The DPoP proof JWT header is missing.' });
  });
});

describe('retries and rate limits', () => {
  it('waits out a 429 using X-Rate-Limit-Reset and Date, then succeeds', async () => {
    const c = client('bearer');
    const nowS = Math.floor(Date.now() / 1000);
    fake.script.push({
      match: (r) => r.path.startsWith('/api/'),
      reply: {
        status: 429,
        headers: {
          'x-rate-limit-limit': '600',
          'x-rate-limit-remaining': '0',
          'x-rate-limit-reset': String(nowS),
          date: new Date(nowS * 1000).toUTCString(),
        },
        body: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' },
      },
    });
    await expect(c.users.get('a')).resolves.toMatchObject({ id: 'a' });
    expect(fake.apiRequests).toHaveLength(2);
    expect(fake.apiRequests[1]?.headers['x-okta-retry-count']).toBe('1');
  });

  it('gives up after maxRateLimitRetries with a rate_limited OktaError carrying E0000047', async () => {
    const c = client('bearer', { maxRateLimitRetries: 1 });
    const nowS = Math.floor(Date.now() / 1000);
    const reply = {
      status: 429,
      headers: { 'x-rate-limit-reset': String(nowS), date: new Date(nowS * 1000).toUTCString() },
      body: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' },
    };
    fake.script.push(
      { match: (r) => r.path.startsWith('/api/'), reply },
      { match: (r) => r.path.startsWith('/api/'), reply },
    );
    const e = await caught(c.users.get('a'));
    expect(e).toMatchObject({ kind: 'rate_limited', status: 429, errorCode: 'E0000047' });
  });

  it('retries a GET after 5xx but never a plain POST', async () => {
    const c = client('bearer');
    fake.script.push({ match: (r) => r.method === 'GET', reply: { status: 500 } });
    await expect(c.users.get('a')).resolves.toBeTruthy();
    fake.script.push({
      match: (r) => r.method === 'POST',
      reply: { status: 500, body: { errorCode: 'E0000009', errorSummary: 'Internal Server Error' } },
    });
    const before = fake.apiRequests.length;
    const e = await caught(c.api.call({ method: 'POST', path: '/api/v1/things', body: {} }));
    expect(e).toMatchObject({ kind: 'server_error', status: 500 });
    expect(fake.apiRequests.length - before).toBe(1);
  });

  it('sends Content-Length 0 on a body-less PUT (Okta answers 411 otherwise)', async () => {
    fake.api = (r) => (r.method === 'PUT' ? { status: 204 } : undefined);
    await client('bearer').api.call({ method: 'PUT', path: '/api/v1/groups/g/users/u' });
    expect(fake.apiRequests.at(-1)?.headers['content-length']).toBe('0');
  });

  it('never puts the token or assertion in an error message', async () => {
    fake.script.push({
      match: (r) => r.path.startsWith('/api/'),
      reply: { status: 400, body: { errorCode: 'E0000001', errorSummary: 'Api validation failed' } },
    });
    const e = await caught(client('bearer').users.get('a'));
    const auth = String(fake.apiRequests.at(-1)?.headers.authorization);
    expect(e.message).not.toContain(auth.split(' ')[1]);
    expect(JSON.stringify(e)).not.toContain(auth.split(' ')[1]);
  });
});

describe('pagination and the SSRF guard', () => {
  it('follows Link rel="next" exactly as given across pages, honouring the item cap', async () => {
    fake.api = (r) => {
      if (r.path !== '/api/v1/groups/g1/users') return undefined;
      const after = Number(r.url.searchParams.get('after') ?? 0);
      const ids = Array.from({ length: 3 }, (_, i) => `u${after + i}`);
      const links = [`<${fake.origin}/api/v1/groups/g1/users?limit=3>; rel="self"`];
      if (after + 3 < 9)
        links.push(`<${fake.origin}/api/v1/groups/g1/users?after=${after + 3}&limit=3&opaque=x%2Cy>; rel="next"`);
      return { status: 200, headers: { link: links }, body: ids.map(user) };
    };
    const c = client('bearer');
    const all: string[] = [];
    for await (const u of c.groups.members('g1', { pageSize: 3 })) all.push(u.id);
    expect(all).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8']);
    expect(fake.apiRequests[1]?.url.search).toBe('?after=3&limit=3&opaque=x%2Cy');
    const capped: string[] = [];
    for await (const u of c.groups.members('g1', { pageSize: 3, maxItems: 4 })) capped.push(u.id);
    expect(capped).toEqual(['u0', 'u1', 'u2', 'u3']);
  });

  it('refuses a next link to another origin, without sending anything there', async () => {
    fake.api = () => ({
      status: 200,
      headers: { link: '<http://127.0.0.1:1/api/v1/users?after=x>; rel="next"' },
      body: [user('a')],
    });
    const c = client('bearer');
    const e = await caught(
      (async () => {
        for await (const _ of c.users.list()) void _;
      })(),
    );
    expect(e.kind).toBe('unsafe_url');
  });

  it('refuses to build a client for a domain outside the rules', () => {
    expect(() =>
      createOktaClient(
        { domain: 'http://10.0.0.1', clientId: 'x'.repeat(20), privateKey: fake.privateKeyPem, authMode: 'auto' },
        { allowedOrigins: [] },
      ),
    ).toThrow(/https|IP/);
  });
});

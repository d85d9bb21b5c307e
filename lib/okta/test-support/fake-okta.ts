/**
 * A tiny, strict stand-in for Okta's token endpoint and a few API routes, written from the docs in
 * ../shared/okta, for unit tests of the auth/transport layers. Scripted responses let tests inject
 * 429s, 5xx and DPoP challenges. (The full simulator is sim/okta; this is deliberately independent of it.)
 */
import { calculateJwkThumbprint, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeReply = { status: number; headers?: Record<string, string | string[]>; body?: unknown };
export type FakeRequest = { method: string; path: string; url: URL; headers: IncomingMessage['headers']; body: string };
export type ApiHandler = (req: FakeRequest) => FakeReply | undefined;

export type FakeOkta = {
  origin: string;
  clientId: string;
  kid: string;
  privateKeyPem: string;
  tokenRequests: number;
  apiRequests: FakeRequest[];
  /** Replies served before normal handling, one per matching request. */
  script: Array<{ match: (r: FakeRequest) => boolean; reply: FakeReply }>;
  dpopRequired: boolean;
  requireNonce: boolean;
  /** Resource-side nonce (RFC 9449 §9): 401 + WWW-Authenticate DPoP error="use_dpop_nonce". */
  resourceNonce?: string;
  grantedScopes: string[] | null;
  /** Seconds the fake's clock runs ahead of the test process (Date header and exp checks). */
  clockAheadS: number;
  /** `expires_in` of issued tokens (Okta: always 3600). */
  expiresIn: number;
  api: ApiHandler;
  close(): Promise<void>;
};

// RSA key generation is the slow part of starting a fake; one pair per test file is plenty.
let sharedKeys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;
const reqId = () => `req${randomUUID().replace(/-/g, '').slice(0, 20)}`;

export async function startFakeOkta(opts: { dpopRequired?: boolean; requireNonce?: boolean } = {}): Promise<FakeOkta> {
  const { privateKey, publicKey } = (sharedKeys ??= generateKeyPairSync('rsa', { modulusLength: 2048 }));
  const seenJti = new Set<string>();
  const tokens = new Map<string, { jkt?: string }>();
  const nonce = 'n-' + randomUUID();
  const fake: FakeOkta = {
    origin: '',
    clientId: '0oafake1234567890abc',
    kid: 'kid-1',
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    tokenRequests: 0,
    apiRequests: [],
    script: [],
    dpopRequired: opts.dpopRequired ?? false,
    requireNonce: opts.requireNonce ?? true,
    grantedScopes: null,
    expiresIn: 3600,
    clockAheadS: 0,
    api: () => undefined,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const oauthError = (
    status: number,
    error: string,
    description: string,
    headers: Record<string, string> = {},
  ): FakeReply => ({
    status,
    headers,
    body: { error, error_description: description },
  });

  async function checkProof(
    proof: string | undefined,
    method: string,
    htu: string,
    token?: string,
  ): Promise<{ jkt: string } | FakeReply> {
    if (!proof) return oauthError(400, 'invalid_dpop_proof', 'The DPoP proof JWT header is missing.');
    try {
      const header = decodeProtectedHeader(proof);
      if (header.typ !== 'dpop+jwt')
        return oauthError(400, 'invalid_dpop_proof', "'typ' must be 'dpop+jwt' in the DPoP proof JWT.");
      const jwk = header.jwk as JWK;
      const { payload } = await jwtVerify(proof, await importJWK(jwk, header.alg));
      if (payload.htm !== method)
        return oauthError(400, 'invalid_dpop_proof', "'htm' claim in the DPoP proof JWT is invalid.");
      if (payload.htu !== htu)
        return oauthError(400, 'invalid_dpop_proof', "'htu' claim in the DPoP proof JWT is invalid.");
      if (typeof payload.jti !== 'string' || seenJti.has(payload.jti))
        return oauthError(400, 'invalid_dpop_proof', 'The DPoP proof JWT has already been used.');
      seenJti.add(payload.jti);
      if (token && payload.ath !== createHash('sha256').update(token).digest('base64url')) {
        return oauthError(
          400,
          'invalid_dpop_proof',
          "'ath' claim in the DPoP proof does not match the presented access_token.",
        );
      }
      if (!token && fake.requireNonce && payload.nonce !== nonce) {
        return oauthError(400, 'use_dpop_nonce', 'Authorization server requires nonce in DPoP proof.', {
          'dpop-nonce': nonce,
        });
      }
      return { jkt: await calculateJwkThumbprint(jwk) };
    } catch {
      return oauthError(400, 'invalid_dpop_proof', 'The DPoP proof JWT cannot be parsed.');
    }
  }

  async function token(req: FakeRequest): Promise<FakeReply> {
    fake.tokenRequests++;
    const form = new URLSearchParams(req.body);
    const tokenUrl = `${fake.origin}/oauth2/v1/token`;
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
      return oauthError(400, 'invalid_request', 'The client_assertion_type is invalid.');
    }
    try {
      const assertion = form.get('client_assertion') ?? '';
      if (decodeProtectedHeader(assertion).kid !== fake.kid)
        return oauthError(401, 'invalid_client', 'The client_assertion JWT kid is invalid.');
      const { payload } = await jwtVerify(assertion, publicKey, {
        audience: tokenUrl,
        issuer: fake.clientId,
        subject: fake.clientId,
        currentDate: new Date(Date.now() + fake.clockAheadS * 1000),
        clockTolerance: 0,
      }).catch((e: unknown) => {
        if ((e as { code?: string }).code === 'ERR_JWT_EXPIRED') throw new Error('expired');
        throw e;
      });
      if (typeof payload.jti !== 'string' || seenJti.has(payload.jti))
        return oauthError(401, 'invalid_client', 'The client_assertion token has already been used.');
      seenJti.add(payload.jti);
    } catch (e) {
      if (e instanceof Error && e.message === 'expired')
        return oauthError(401, 'invalid_client', 'The client_assertion token is expired.');
      return oauthError(401, 'invalid_client', 'The client_assertion signature is invalid.');
    }
    let jkt: string | undefined;
    if (fake.dpopRequired) {
      const proof = await checkProof(req.headers.dpop as string | undefined, 'POST', tokenUrl);
      if ('status' in proof) return proof;
      jkt = proof.jkt;
    }
    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const granted = fake.grantedScopes ? requested.filter((s) => fake.grantedScopes?.includes(s)) : requested;
    if (granted.length === 0)
      return oauthError(400, 'consent_required', 'You are not allowed any of the requested scopes.');
    const value = `at.${randomUUID()}`;
    tokens.set(value, { jkt });
    return {
      status: 200,
      body: {
        token_type: jkt ? 'DPoP' : 'Bearer',
        expires_in: fake.expiresIn,
        access_token: value,
        scope: granted.join(' '),
      },
    };
  }

  async function api(req: FakeRequest): Promise<FakeReply> {
    fake.apiRequests.push(req);
    const [scheme, value = ''] = String(req.headers.authorization ?? '').split(' ');
    const info = tokens.get(value);
    if (!info)
      return {
        status: 401,
        headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="The token has expired."' },
        body: { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] },
      };
    if (info.jkt) {
      if (scheme !== 'DPoP')
        return oauthError(
          400,
          'invalid_request',
          'The resource request must use the DPoP authentication scheme when using a DPoP bound token.',
        );
      const proof = await checkProof(
        req.headers.dpop as string | undefined,
        req.method,
        `${fake.origin}${req.path}`,
        value,
      );
      if ('status' in proof)
        return {
          status: proof.status,
          headers: {
            'www-authenticate': `DPoP error="${String((proof.body as { error: string }).error)}", error_description="${String((proof.body as { error_description: string }).error_description)}"`,
          },
        };
      if (proof.jkt !== info.jkt)
        return oauthError(400, 'invalid_dpop_proof', 'The access_token is not bound to the provided DPoP proof.');
      const claims = JSON.parse(Buffer.from(String(req.headers.dpop).split('.')[1] ?? '', 'base64url').toString()) as {
        nonce?: string;
      };
      if (fake.resourceNonce && claims.nonce !== fake.resourceNonce) {
        return {
          status: 401,
          headers: {
            'www-authenticate':
              'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"',
            'dpop-nonce': fake.resourceNonce,
          },
        };
      }
    } else if (scheme !== 'Bearer') {
      return oauthError(401, 'invalid_token', 'The presented access_token is not DPoP bound.');
    }
    return (
      fake.api(req) ?? {
        status: 404,
        body: { errorCode: 'E0000007', errorSummary: `Not found: Resource not found: ${req.path}`, errorCauses: [] },
      }
    );
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', fake.origin);
      const fr: FakeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      const scripted = fake.script.findIndex((s) => s.match(fr));
      const run = async (): Promise<FakeReply> => {
        if (scripted >= 0) {
          const [s] = fake.script.splice(scripted, 1);
          if (fr.path !== '/oauth2/v1/token') fake.apiRequests.push(fr);
          else fake.tokenRequests++;
          return s?.reply ?? { status: 500 };
        }
        return fr.path === '/oauth2/v1/token' ? token(fr) : api(fr);
      };
      run().then(
        (reply) => {
          res.writeHead(reply.status, {
            'content-type': 'application/json',
            'x-okta-request-id': reqId(),
            date: new Date(Date.now() + fake.clockAheadS * 1000).toUTCString(),
            ...reply.headers,
          });
          res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

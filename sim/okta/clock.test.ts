import { decodeJwt } from 'jose';
import { chmod, mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoOrg, startSimulator, type Simulator } from './index';
import { api, getToken } from './testing/client';

// Time-dependent behaviour with an injected clock, and the demo org behind `npm run sim`.

describe('token lifetime', () => {
  let sim: Simulator;
  let frozen: number | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 'tiny', clock: () => frozen ?? Date.now() });
  });
  afterAll(() => sim.close());

  it('an access token stops working after 3600 s with a "token has expired" challenge', async () => {
    const { clientId } = sim.control.createServiceApp({
      dpopRequired: false,
      scopes: ['okta.users.read'],
      roles: ['READ_ONLY_ADMIN'],
    });
    const { privateJwk } = await sim.control.generateKey(clientId);
    const token = (await getToken(sim.origin, clientId, privateJwk, 'okta.users.read')).body.access_token as string;
    const { exp, iat } = decodeJwt(token);
    expect(exp! - iat!).toBe(3600);
    frozen = exp! * 1000 - 1000;
    expect((await api(sim.origin, 'GET', '/api/v1/users', token)).status).toBe(200);
    frozen = exp! * 1000;
    const res = await api(sim.origin, 'GET', '/api/v1/users', token);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain(
      'error="invalid_token", error_description="The token has expired."',
    );
    expect(res.body).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided' });
    frozen = undefined;
  });
});

describe('demo org', () => {
  it('registers the integration app, writes a 0600 PKCS#8 key and keeps client id and kid across runs and resets', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sim-demo-'));
    const keyFile = path.join(dir, 'nested', 'demo-private-key.pem');
    const first = await startDemoOrg({ keyFile });
    const pem = await readFile(keyFile, 'utf8');
    expect(pem.startsWith('-----BEGIN PRIVATE KEY-----')).toBe(true);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const { importPKCS8, exportJWK } = await import('jose');
    const jwk = { ...(await exportJWK(await importPKCS8(pem, 'RS256', { extractable: true }))), kid: first.kid };
    const { dpopKey } = await import('./testing/client');
    const dk = await dpopKey();
    const scopes =
      'okta.users.read okta.users.manage okta.groups.read okta.groups.manage okta.apps.read okta.apps.manage';
    const tok = await getToken(first.origin, first.clientId, jwk, scopes, dk);
    expect(tok.body).toMatchObject({ token_type: 'DPoP', scope: scopes });
    expect((await api(first.origin, 'GET', '/api/v1/users?limit=5', tok.body.access_token as string, dk)).status).toBe(
      200,
    );
    await first.control.reset();
    expect((await getToken(first.origin, first.clientId, jwk, 'okta.apps.read', dk)).status).toBe(200);
    await first.close();

    await chmod(keyFile, 0o644);
    const second = await startDemoOrg({ keyFile });
    expect([second.clientId, second.kid]).toEqual([first.clientId, first.kid]);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    await second.close();
  });
});
